/* Installable app: registers the service worker (/sw.js) and runs the
   "Save for reading offline" buttons. Every page works without this script; the
   buttons stay hidden without it. The words shown come from the page (data-
   attributes rendered in the visitor's language), never from here. */
(function () {
  if (!("serviceWorker" in navigator) || !window.caches || !window.MessageChannel) return;
  var meta = document.querySelector('meta[name="ld-user"]');
  var user = meta ? meta.getAttribute("content") : null;

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});

  /* A message to the worker; resolves with its answer. */
  function ask(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data || {}); };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  /* Told at once, without waiting: the page may be leaving. */
  function tell(message) {
    if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage(message);
  }

  window.literasiOffline = { ask: ask };

  ask({ type: "user", id: user, online: navigator.onLine });
  window.addEventListener("online", function () { ask({ type: "refresh" }); });

  Array.prototype.forEach.call(document.querySelectorAll("form[data-signs-out]"), function (form) {
    form.addEventListener("submit", function () { tell({ type: "signout" }); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("form[data-signs-in]"), function (form) {
    form.addEventListener("submit", function () { tell({ type: "user", id: null }); });
  });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function kb(bytes) { return String(Math.max(1, Math.round(bytes / 1000))); }

  /* The width of image a browser picks on this screen (lessons are at most 46rem wide). */
  function imageWidth() {
    return Math.round(Math.min(window.innerWidth || 360, 736) * (window.devicePixelRatio || 1));
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-offline-course]"), function (box) {
    var url = box.getAttribute("data-offline-course");
    var course = box.getAttribute("data-course-id");
    var start = box.querySelector("[data-offline-start]");
    var confirm = box.querySelector("[data-offline-confirm]");
    var status = box.querySelector("[data-offline-status]");
    var text = function (name) { return box.getAttribute("data-" + name); };
    function show(message, failed) {
      status.textContent = message;
      status.classList.toggle("error", Boolean(failed));
    }
    box.hidden = false;

    ask({ type: "status", course: course }).then(function (saved) {
      if (saved.files) show(fill(text("saved"), { files: saved.files, kb: kb(saved.bytes) }));
    });

    start.addEventListener("click", function () {
      start.disabled = true;
      show(text("checking"));
      ask({ type: "plan", url: url, width: imageWidth() }).then(function (plan) {
        start.disabled = false;
        if (plan.error || !plan.files) {
          show(fill(text("failed"), { error: plan.error || "" }), true);
          return;
        }
        show(fill(text("plan"), { files: plan.files, kb: kb(plan.bytes) }));
        confirm.textContent = fill(text("confirm"), { kb: kb(plan.bytes) });
        confirm.hidden = false;
      });
    });

    confirm.addEventListener("click", function () {
      confirm.hidden = true;
      start.disabled = true;
      show(text("saving"));
      ask({ type: "save", url: url, width: imageWidth() }).then(function (result) {
        start.disabled = false;
        if (result.error || !result.files) {
          show(fill(text("failed"), { error: result.error || "" }), true);
        } else if (result.failed) {
          show(fill(text("partly"), { files: result.files, kb: kb(result.bytes), missing: result.failed }), true);
        } else {
          show(fill(text("saved"), { files: result.files, kb: kb(result.bytes) }));
          box.setAttribute("data-offline-saved", "");
        }
      });
    });
  });
})();
