/*
 * Wagtail's admin starts its date and time pickers and inline panels from inline
 * <script> elements, which the Content-Security-Policy refuses. The portal's
 * overrides of those templates (theme/templates/wagtailadmin/) write the same call
 * as data attributes instead; this script makes the call, for the page as loaded
 * and for every form added later (a new inline form, a modal).
 *
 *   data-csp-call="initDateChooser" data-csp-target="<id>" data-csp-options="<json>"
 *     → initDateChooser(id, options)
 *   data-csp-construct="InlinePanel" data-csp-options="<json>"
 *     → new InlinePanel(options)
 *   data-csp-construct="ImageChooser" data-csp-target="<id>" data-csp-options="<json>"
 *     → new ImageChooser(id, options)   (theme/admin_choosers.py)
 */
(function () {
    "use strict";

    var SELECTOR = "[data-csp-call], [data-csp-construct]";

    function lookUp(path) {
        // A global name, possibly dotted ("wagtail.snippets.widgets.SnippetChooser").
        return path.split(".").reduce(function (scope, key) {
            return scope[key];
        }, window);
    }

    function start(element) {
        if (element.dataset.cspStarted) {
            return;
        }
        element.dataset.cspStarted = "true";
        var data = element.dataset;
        var options = JSON.parse(data.cspOptions || "{}");
        if (data.cspCall) {
            lookUp(data.cspCall)(data.cspTarget, options);
        } else if (data.cspTarget) {
            var Target = lookUp(data.cspConstruct);
            new Target(data.cspTarget, options);
        } else {
            var Constructor = lookUp(data.cspConstruct);
            new Constructor(options);
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
