/*
 * Account pages (sign in, sign up, e-mail, password, second factor): after a
 * refused form, focus the first field in error (or the summary of errors that
 * belong to no one field), so keyboard and screen reader users start where the
 * problem is. A file rather than an inline script: the Content-Security-Policy
 * allows scripts from this origin only.
 */
document.addEventListener("DOMContentLoaded", function () {
    "use strict";
    var main = document.getElementById("hoofdinhoud");
    var target = main && (
        main.querySelector("[aria-invalid='true']") ||
        main.querySelector("[data-form-errors]")
    );
    if (target) {
        target.focus();
    }
});
