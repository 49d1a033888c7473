/* Progressive enhancement for quiz pages: save each answer as it is given.
   Without JavaScript the form's buttons save page by page. */
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector(".autosave-status");
  var timer;
  function save() {
    var data = new FormData(form);
    if (!data.getAll("answer").filter(Boolean).length) return;
    status.textContent = "…";
    fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (r) { return r.json(); }).then(function (j) {
      status.textContent = j.saved ? "✓" : (j.error || "");
    }).catch(function () { status.textContent = ""; });
  }
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(save, 300); });
  var clock = document.querySelector("[data-seconds-left]");
  if (clock) {
    var left = parseInt(clock.getAttribute("data-seconds-left"), 10);
    setInterval(function () {
      left = Math.max(0, left - 1);
      clock.textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
    }, 1000);
  }
})();
