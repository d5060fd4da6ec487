/*
 * Wagtail's admin starts its date and time pickers and inline panels from inline
 * <script> elements, which the Content-Security-Policy refuses. The portal's
 * overrides of those templates (theme/templates/wagtailadmin/) write the same call
 * as data attributes instead; this script makes the call, for the page as loaded
 * and for every form added later (a new inline form, a modal).
 *
 *   data-csp-call="initDateChooser" data-csp-target="<id>" data-csp-options="<json>"
 *   data-csp-construct="InlinePanel" data-csp-options="<json>"
 */
(function () {
    "use strict";

    var SELECTOR = "[data-csp-call], [data-csp-construct]";

    function start(element) {
        if (element.dataset.cspStarted) {
            return;
        }
        element.dataset.cspStarted = "true";
        var options = JSON.parse(element.dataset.cspOptions || "{}");
        if (element.dataset.cspCall) {
            window[element.dataset.cspCall](element.dataset.cspTarget, options);
        } else {
            new window[element.dataset.cspConstruct](options);
        }
    }

    function startAll(root) {
        if (root.matches && root.matches(SELECTOR)) {
            start(root);
        }
        if (root.querySelectorAll) {
            root.querySelectorAll(SELECTOR).forEach(start);
        }
    }

    // This script runs at the end of the admin's <body>: the page is parsed.
    startAll(document);
    new MutationObserver(function (mutations) {
        mutations.forEach(function (mutation) {
            mutation.addedNodes.forEach(startAll);
        });
    }).observe(document.body, {childList: true, subtree: true});
})();
