/* Progressive enhancement for quiz pages: save each answer as it is given.
   Without JavaScript the form's buttons save page by page.
   A save that fails is said on the page (the status is an aria-live region); the
   answer stays chosen, is sent again a few seconds later, and the form's buttons
   still post it. */
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector(".autosave-status");
  var timer;
  var retries = 0;
  var sent = 0; // the latest save; an older reply must not overwrite its status
  var unsaved = false;
  var leaving = false;

  function show(text, failed) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(failed));
  }

  function later(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  function save() {
    var data = new FormData(form);
    if (!data.getAll("answer").filter(Boolean).length) return;
    var mine = ++sent;
    unsaved = true;
    show(status.getAttribute("data-saving"));
    fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      // A server error or a proxy's page is not JSON: that is a failed save too.
      return response.json().catch(function () { return {}; });
    }).then(function (reply) {
      if (mine !== sent) return;
      if (reply.saved) {
        unsaved = false;
        retries = 0;
        show(status.getAttribute("data-saved"));
      } else if (reply.error) {
        // The server refused this answer and said why; sending it again would not help.
        show(reply.error, true);
      } else {
        throw new Error("not saved");
      }
    }).catch(function () {
      if (mine !== sent) return;
      show(status.getAttribute("data-failed"), true);
      retries += 1;
      later(Math.min(30000, 2500 * Math.pow(2, retries - 1)));
    });
  }

  form.addEventListener("change", function () { retries = 0; later(300); });
  form.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("online", function () { if (unsaved) later(0); });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  var clock = document.querySelector("[data-seconds-left]");
  if (clock) {
    var left = parseInt(clock.getAttribute("data-seconds-left"), 10);
    setInterval(function () {
      left = Math.max(0, left - 1);
      clock.textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
    }, 1000);
  }
})();
