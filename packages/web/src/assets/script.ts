/**
 * otpkit's small progressive-enhancement script, served from `${basePath}/assets/otpkit.js`: it only
 * reveals and wires the "copy codes" button. Every page works without it.
 */
export const SCRIPT = `(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var buttons = document.querySelectorAll('[data-otp-copy]');
    Array.prototype.forEach.call(buttons, function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        var list = document.getElementById(button.getAttribute('data-otp-copy'));
        if (!list) return;
        var codes = Array.prototype.map.call(list.querySelectorAll('code'), function (c) { return c.textContent; });
        navigator.clipboard.writeText(codes.join('\\n')).then(function () {
          button.textContent = button.getAttribute('data-otp-copied');
        });
      });
    });
  });
})();
`;
