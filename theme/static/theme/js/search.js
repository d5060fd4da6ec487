/*
 * Suggestions while typing, for every search box (`[data-suggest]` around an input):
 * the ARIA 1.2 combobox pattern with a listbox. The form works without this script.
 * - Typing (2 letters or more) asks /api/v1/search/suggest/ for titles the person
 *   may see; the count is announced in a live region.
 * - Arrow keys move through the list, Enter opens the chosen document, Escape
 *   closes the list; Enter without a choice submits the search as usual.
 */
(function () {
    "use strict";

    var DELAY_MS = 150;
    var counter = 0;

    function enhance(wrapper) {
        var input = wrapper.querySelector("input");
        if (!input || !window.fetch) {
            return;
        }
        counter += 1;
        var listId = "suggesties-" + counter;
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "suggest__list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Suggesties");
        list.hidden = true;
        var status = document.createElement("span");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        wrapper.appendChild(list);
        wrapper.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        var timer = null;
        var active = -1;
        var items = [];
        var asked = "";

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function choose(index) {
            var item = items[index];
            if (item) {
                window.location.assign(item.url);
            }
        }

        function highlight(index) {
            var options = list.querySelectorAll("[role=option]");
            options.forEach(function (option, position) {
                option.setAttribute("aria-selected", position === index ? "true" : "false");
            });
            active = index;
            if (index >= 0 && options[index]) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({block: "nearest"});
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function show(suggestions) {
            items = suggestions;
            list.textContent = "";
            suggestions.forEach(function (suggestion, index) {
                var option = document.createElement("li");
                option.id = listId + "-" + index;
                option.className = "suggest__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                var title = document.createElement("span");
                title.className = "suggest__title";
                title.textContent = suggestion.title;
                var kind = document.createElement("span");
                kind.className = "suggest__kind";
                kind.textContent = suggestion.kind_label;
                option.appendChild(title);
                option.appendChild(kind);
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep the focus in the input
                });
                option.addEventListener("click", function () {
                    choose(index);
                });
                list.appendChild(option);
            });
            active = -1;
            if (suggestions.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = suggestions.length === 1
                    ? wrapper.dataset.labelOne
                    : suggestions.length + " " + wrapper.dataset.labelMany;
            } else {
                close();
                status.textContent = wrapper.dataset.labelNone;
            }
        }

        function ask() {
            var text = input.value.trim();
            if (text.length < 2) {
                asked = "";
                show([]);
                status.textContent = "";
                return;
            }
            if (text === asked) {
                return;
            }
            asked = text;
            var url = wrapper.dataset.suggestUrl + "?q=" + encodeURIComponent(text);
            fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
                .then(function (response) {
                    return response.ok ? response.json() : {suggestions: []};
                })
                .then(function (body) {
                    if (asked === text && input.value.trim() === text) {
                        show(body.suggestions || []);
                    }
                })
                .catch(function () {
                    close();
                });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(ask, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            var open = !list.hidden && items.length > 0;
            if (event.key === "ArrowDown") {
                event.preventDefault();
                if (!open && items.length) {
                    list.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                highlight(Math.min(active + 1, items.length - 1));
            } else if (event.key === "ArrowUp" && open) {
                event.preventDefault();
                highlight(Math.max(active - 1, -1));
            } else if (event.key === "Escape" && open) {
                event.preventDefault();
                close();
            } else if (event.key === "Enter" && open && active >= 0) {
                event.preventDefault();
                choose(active);
            }
        });

        input.addEventListener("blur", function () {
            window.setTimeout(close, 100);
        });
    }

    function start() {
        document.querySelectorAll("[data-suggest]").forEach(enhance);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
