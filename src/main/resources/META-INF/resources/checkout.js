// The waiting page: checks its attempt every two seconds in the background and moves on once the
// bank has answered. A timed reload (meta refresh) would restart a screen reader every two seconds
// and cannot be paused (WCAG 2.2.1); without scripts the page's "Check now" link does the same.
(function () {
  "use strict";
  var waiting = document.querySelector("[data-poll]");
  if (!waiting || !window.fetch) {
    return;
  }
  var url = waiting.getAttribute("data-poll");
  function check() {
    fetch(url, { redirect: "manual", cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.type === "opaqueredirect" || response.status !== 200) {
          window.location.assign(url);
          return null;
        }
        return response.text().then(function (html) {
          if (html.indexOf("data-poll=") < 0) {
            window.location.assign(url);
          } else {
            window.setTimeout(check, 2000);
          }
        });
      })
      .catch(function () {
        window.setTimeout(check, 4000);
      });
  }
  window.setTimeout(check, 2000);
})();
