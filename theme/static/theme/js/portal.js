/*
 * Small enhancements; every page works without them.
 * - Goal trees get "open all" / "close all" buttons (labels from the template).
 * - A link to a section inside a closed <details> opens it.
 * - Printing opens every <details>, so the printout holds the whole goal tree.
 * - After a refused form, the first field in error (or the summary of errors that
 *   belong to no one field) takes the focus, so keyboard and screen reader users
 *   start where the problem is.
 * - The hint to scroll a wide table sideways hides while the table fits.
 */
(function () {
    "use strict";

    function setAll(tree, open) {
        tree.querySelectorAll("details").forEach(function (details) {
            details.open = open;
        });
    }

    function addTreeTools() {
        document.querySelectorAll("[data-goal-tree-tools]").forEach(function (tools) {
            var tree = tools.nextElementSibling;
            if (!tree) {
                return;
            }
            [
                [true, tools.dataset.openLabel],
                [false, tools.dataset.closeLabel],
            ].forEach(function (spec) {
                var button = document.createElement("button");
                button.type = "button";
                button.className = "button button--secondary";
                button.textContent = spec[1];
                button.addEventListener("click", function () {
                    setAll(tree, spec[0]);
                });
                tools.appendChild(button);
            });
            tools.hidden = false;
        });
    }

    function openTarget() {
        var id = decodeURIComponent(window.location.hash.slice(1));
        var target = id && document.getElementById(id);
        var details = target && target.closest("details");
        while (details) {
            details.open = true;
            details = details.parentElement && details.parentElement.closest("details");
        }
    }

    function focusRefusedForm() {
        var main = document.getElementById("hoofdinhoud");
        var target = main && (
            main.querySelector("[aria-invalid='true']") ||
            main.querySelector("[data-form-errors]")
        );
        if (target) {
            target.focus();
        }
    }

    function toggleTableHints() {
        document.querySelectorAll(".table-scroll__hint").forEach(function (hint) {
            var region = hint.nextElementSibling;
            var fits = region && region.scrollWidth <= region.clientWidth;
            hint.classList.toggle("table-scroll__hint--fits", Boolean(fits));
        });
    }

    window.addEventListener("resize", toggleTableHints);

    var closedBeforePrint = [];

    window.addEventListener("beforeprint", function () {
        closedBeforePrint = Array.from(document.querySelectorAll("details:not([open])"));
        closedBeforePrint.forEach(function (details) { details.open = true; });
    });

    window.addEventListener("afterprint", function () {
        closedBeforePrint.forEach(function (details) { details.open = false; });
        closedBeforePrint = [];
    });

    window.addEventListener("hashchange", openTarget);

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () {
            addTreeTools();
            openTarget();
            focusRefusedForm();
            toggleTableHints();
        });
    } else {
        addTreeTools();
        openTarget();
        focusRefusedForm();
        toggleTableHints();
    }
})();
