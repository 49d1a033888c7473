/* Progressive enhancement for quiz pages: save each answer as it is given, also
   without a connection. Without JavaScript the form's buttons save page by page.

   Each answer is first written on the phone (localStorage, key attempt + question)
   as "waiting", then sent; the server's reply marks it sent. Answers still waiting
   are sent one by one, oldest first, when the connection returns (or the next
   question page opens online). The server keeps one answer per attempt and
   question, so sending one again after a lost reply changes nothing. The server is
   the only grader and clock: an answer it refuses (time is up, attempt submitted)
   is dropped and its reason shown.

   Offline, "Previous"/"Save and next" open the question saved on the phone (the
   service worker keeps the attempt's questions while online, see pwa.js and sw.js);
   the page says how many answers wait. A save that fails while online is said on
   the page (the status is an aria-live region) and tried again a few seconds later.
   The words shown come from the page's data- attributes. */
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector(".autosave-status");
  var here = (form.action || window.location.href).split("#")[0];
  var questionId = form.querySelector("[name=question_id]").value;
  var prefix = "ld-quiz:" + form.getAttribute("data-attempt") + ":";
  var urls = (form.getAttribute("data-question-urls") || "").split(" ").filter(Boolean);
  var number = parseInt(form.getAttribute("data-number"), 10) || 1;
  var timer;
  var retries = 0;
  var sending = false;
  var leaving = false;

  /* The phone's storage, or this page's memory where there is none. */
  var persistent = true;
  var store;
  try {
    store = window.localStorage;
    store.setItem(prefix + "probe", "1");
    store.removeItem(prefix + "probe");
  } catch (e) {
    persistent = false;
    var memory = {};
    store = {
      getItem: function (k) { return k in memory ? memory[k] : null; },
      setItem: function (k, v) { memory[k] = String(v); },
      removeItem: function (k) { delete memory[k]; },
      key: function (i) { return Object.keys(memory)[i]; },
      get length() { return Object.keys(memory).length; }
    };
  }

  function text(name) { return form.getAttribute("data-" + name) || status.getAttribute("data-" + name) || ""; }
  function count(template, n) { return template.replace("{n}", n); }

  function show(message, failed) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(failed));
  }

  function read(key) {
    try { return JSON.parse(store.getItem(key)); } catch (e) { return null; }
  }

  /* Answers on this phone the server has not saved yet, oldest first. */
  function waiting() {
    var list = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(prefix) === 0) {
        var item = read(key);
        if (item && item.waiting) list.push({ key: key, item: item });
      }
    }
    return list.sort(function (a, b) { return a.item.at - b.item.at; });
  }

  function showOffline() {
    show(count(text("offline"), waiting().length), true);
  }

  function answers() {
    return new FormData(form).getAll("answer").filter(Boolean);
  }

  /* Write the answer shown on the phone; false when nothing is chosen. */
  function remember() {
    var given = answers();
    if (!given.length) return false;
    store.setItem(prefix + questionId, JSON.stringify({
      question: questionId, answer: given, url: here, at: Date.now(), waiting: true
    }));
    return true;
  }

  /* Show the answer last given on this phone (the page may be a saved copy). */
  function restore() {
    var item = read(prefix + questionId);
    if (!item || !item.answer) return;
    Array.prototype.forEach.call(form.querySelectorAll("[name=answer]"), function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        input.checked = item.answer.indexOf(input.value) !== -1;
      } else {
        input.value = item.answer[0] || "";
      }
    });
  }

  /* Send one waiting answer: "saved", or the server's reason for refusing it. */
  function send(entry) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("question_id", entry.item.question);
    entry.item.answer.forEach(function (value) { data.append("answer", value); });
    return fetch(entry.item.url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      // A server error or a proxy's page is not JSON: that is a failed save too.
      return response.json().catch(function () { return {}; });
    }).then(function (reply) {
      if (!reply.saved && !reply.error) throw new Error("not saved");
      var now = read(entry.key);
      if (now && now.at === entry.item.at) {
        // Sent as it is now (not changed meanwhile): no longer waiting.
        now.waiting = false;
        store.setItem(entry.key, JSON.stringify(now));
      }
      return reply.saved ? "saved" : reply.error;
    });
  }

  function later(delay) {
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  }

  /* Send every waiting answer, one after another. */
  function flush() {
    if (sending) return;
    var list = waiting();
    if (!list.length) return;
    if (navigator.onLine === false) { showOffline(); return; }
    sending = true;
    var total = list.length;
    var refused = null;
    show(total > 1 ? count(text("sending"), total) : text("saving"));
    var chain = Promise.resolve();
    list.forEach(function (entry) {
      chain = chain.then(function () { return send(entry); }).then(function (result) {
        // The server refused this answer and said why; sending it again would not help.
        if (result !== "saved") refused = result;
      });
    });
    chain.then(function () {
      sending = false;
      retries = 0;
      if (refused) {
        show(refused, true);
      } else if (waiting().length) {
        flush(); // answered again while sending
      } else {
        show(total > 1 ? count(text("delivered"), total) : text("saved"));
      }
    }).catch(function () {
      sending = false;
      if (navigator.onLine === false) { showOffline(); return; }
      show(text("failed"), true);
      retries += 1;
      later(Math.min(30000, 2500 * Math.pow(2, retries - 1)));
    });
  }

  restore();

  form.addEventListener("change", function () {
    if (!remember()) return;
    retries = 0;
    if (navigator.onLine === false) { showOffline(); return; }
    later(300);
  });

  form.addEventListener("submit", function (event) {
    remember();
    if (navigator.onLine !== false) {
      // The form's own post carries this answer.
      var item = read(prefix + questionId);
      if (item) { item.waiting = false; store.setItem(prefix + questionId, JSON.stringify(item)); }
      leaving = true;
      return;
    }
    event.preventDefault();
    var go = (event.submitter && event.submitter.value) || "next";
    var target = go === "previous" ? urls[number - 2] : go === "next" ? urls[number] : null;
    if (!target) { show(text("no-review"), true); return; }
    if (!window.caches) { show(text("no-page"), true); return; }
    caches.match(target, { ignoreVary: true }).then(function (hit) {
      if (!hit) { show(text("no-page"), true); return; }
      leaving = true;
      window.location.href = target;
    });
  });

  window.addEventListener("online", function () { later(0); });
  window.addEventListener("offline", function () { if (waiting().length) showOffline(); });
  window.addEventListener("beforeunload", function (event) {
    // Answers kept in the phone's storage are sent from the next page; only an
    // answer kept in this page's memory would be lost.
    if (!persistent && waiting().length && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  if (navigator.onLine === false) {
    if (waiting().length) showOffline();
  } else {
    flush();
    // Keep this attempt's questions on the phone, for answering on without a connection.
    if (window.literasiOffline && urls.length) {
      window.literasiOffline.ask({ type: "keep", urls: urls }).then(function () {
        form.setAttribute("data-offline-ready", "");
      });
    }
  }

  var clock = document.querySelector("[data-seconds-left]");
  if (clock) {
    var left = parseInt(clock.getAttribute("data-seconds-left"), 10);
    setInterval(function () {
      left = Math.max(0, left - 1);
      clock.textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
    }, 1000);
  }
})();
