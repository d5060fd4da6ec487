/*
 * The map of the social map: an enhancement over the list, which holds the same
 * services. It needs Leaflet, a tile URL (from the server's settings) and markers;
 * without any of them the map stays hidden and the list is all there is.
 */
(function () {
    "use strict";

    function readJson(id) {
        var element = document.getElementById(id);
        if (!element) {
            return null;
        }
        try {
            return JSON.parse(element.textContent);
        } catch (error) {
            return null;
        }
    }

    function link(marker) {
        var anchor = document.createElement("a");
        anchor.href = marker.url;
        anchor.textContent = marker.name;
        var wrapper = document.createElement("div");
        wrapper.appendChild(anchor);
        if (marker.address) {
            var address = document.createElement("div");
            address.textContent = marker.address;
            wrapper.appendChild(address);
        }
        return wrapper;
    }

    function draw(container) {
        var settings = readJson("socialmap-map-settings");
        var markers = readJson("socialmap-markers");
        if (!window.L || !settings || !settings.tileUrl || !markers || !markers.length) {
            return;
        }
        container.hidden = false;
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", container.dataset.label || "");
        var map = window.L.map(container, { scrollWheelZoom: false });
        window.L.tileLayer(settings.tileUrl, {
            maxZoom: 19,
            attribution: settings.attribution || "",
        }).addTo(map);
        var bounds = [];
        markers.forEach(function (marker) {
            var point = [marker.lat, marker.lon];
            bounds.push(point);
            window.L.marker(point, { title: marker.name, alt: marker.name })
                .bindPopup(link(marker))
                .addTo(map);
        });
        if (bounds.length === 1) {
            map.setView(bounds[0], 16);
        } else {
            map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
        }
        container.dataset.ready = "true";
    }

    function start() {
        document.querySelectorAll("[data-socialmap-map]").forEach(draw);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
