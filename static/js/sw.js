/* Literasi Desa's service worker (served at /sw.js): courses saved for reading offline.

   - Pages and images of a saved course live in a cache of their own per user
     ("ld-user-<id>"). A page is kept only when its HTML says it was rendered for that
     user (<meta name="ld-user">), and served only to that user: the worker learns who
     is signed in from each page (pwa.js posts the meta tag's id) and forgets the
     others' caches when someone else signs in. Signing out drops every cache (the
     sign-out form posts "signout"; the server also sends Clear-Site-Data).
   - Saved pages: network first; when the network has not answered in PAGE_TIMEOUT
     ms, or fails, the saved copy. A newer answer from the network replaces it.
   - Static files: cache first (their names carry a hash in production); a file
     without a hash is refreshed in the background.
   - Every page with the worker posts "user"; when online, at most every
     REFRESH_EVERY ms (and whenever the connection comes back), the worker asks the
     server what each saved course holds now and fetches again the pages whose
     revision changed.
   Nothing here grades or times anything: quiz answers go to the server (quiz.js). */
"use strict";

var STATIC = "ld-static";
var META = "ld-meta";
var USER_KEY = "/__ld/user";
var COURSE_KEY = "/__ld/course/";
var PAGE_TIMEOUT = 300;
var REFRESH_EVERY = 5 * 60 * 1000;
var HASHED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;
var OWNER = /<meta name="ld-user" content="(\d+)">/;
var IMAGE_WIDTH = 720;

var currentUser; // undefined until read from the META cache
var lastRefresh = 0;

function userCache(id) { return "ld-user-" + id; }

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function getUser() {
  if (currentUser !== undefined) return Promise.resolve(currentUser);
  return caches.open(META)
    .then(function (cache) { return cache.match(USER_KEY); })
    .then(function (hit) { return hit ? hit.text() : ""; })
    .then(function (id) { currentUser = id || null; return currentUser; });
}

function dropCaches(keep) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("ld-user-") === 0 && name !== keep;
    }).map(function (name) { return caches.delete(name); }));
  });
}

/* Who is signed in: an id, or null on a page for an anonymous visitor (the saved
   pages stay, but are served to nobody until their user is back). */
function setUser(id) {
  id = id ? String(id) : null;
  var changed = id !== currentUser;
  currentUser = id;
  if (!changed) return Promise.resolve();
  return caches.open(META).then(function (cache) {
    return id ? cache.put(USER_KEY, new Response(id)) : cache.delete(USER_KEY);
  }).then(function () {
    // Someone else signed in on this browser: the previous user's pages go.
    if (id) return dropCaches(userCache(id));
  });
}

function signOut() {
  currentUser = null;
  return caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) { return caches.delete(name); }));
  });
}

/* Keep a page's HTML if it was rendered for `user`; the number of bytes kept. */
function keepPage(cache, url, response, user) {
  return response.text().then(function (html) {
    var owner = html.match(OWNER);
    if (!owner || owner[1] !== String(user)) {
      // Rendered for someone else (or nobody): never kept, and the worker learns it.
      return setUser(owner ? owner[1] : null).then(function () { return 0; });
    }
    var headers = new Headers(response.headers);
    headers.set("X-LD-User", owner[1]);
    var body = new Blob([html], { type: "text/html; charset=utf-8" });
    return cache.put(url, new Response(body, { status: 200, headers: headers }))
      .then(function () { return body.size; });
  });
}

function keepFile(cache, url, response, user) {
  return response.blob().then(function (blob) {
    var headers = new Headers(response.headers);
    if (user) headers.set("X-LD-User", String(user));
    return cache.put(url, new Response(blob, { status: 200, headers: headers }))
      .then(function () { return blob.size; });
  });
}

function download(url) {
  return fetch(url, { credentials: "same-origin" }).then(function (response) {
    if (!response.ok || response.redirected) throw new Error(url + ": " + response.status);
    return response;
  });
}

/* Run `jobs` (functions returning promises) a few at a time; results in order,
   a failed job's result is -1. */
function runLimited(jobs, limit) {
  var results = new Array(jobs.length);
  var next = 0;
  function worker() {
    if (next >= jobs.length) return Promise.resolve();
    var index = next++;
    return jobs[index]().then(function (size) { results[index] = size; },
      function () { results[index] = -1; }).then(worker);
  }
  var workers = [];
  for (var i = 0; i < limit; i++) workers.push(worker());
  return Promise.all(workers).then(function () { return results; });
}

/* One rendition per image, as a browser picks from a srcset. */
function pickImages(bundle, width) {
  return bundle.images.map(function (candidates) {
    var wide = candidates.filter(function (c) { return c.width >= width; });
    return wide.length ? wide[0] : candidates[candidates.length - 1];
  });
}

function plan(bundle, width) {
  var files = bundle.pages.concat(pickImages(bundle, width), bundle.assets);
  return {
    files: files.length,
    bytes: files.reduce(function (sum, f) { return sum + (f.size || 0); }, 0)
  };
}

function readBundle(url) {
  return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    });
}

function saveCourse(url, width) {
  return readBundle(url).then(function (answer) {
    if (answer.status !== 200) return { error: answer.body.error || String(answer.status) };
    var bundle = answer.body;
    var user = String(bundle.user);
    return setUser(user).then(function () {
      return Promise.all([caches.open(userCache(user)), caches.open(STATIC)]);
    }).then(function (opened) {
      var cache = opened[0];
      var statics = opened[1];
      var images = pickImages(bundle, width);
      var jobs = bundle.pages.map(function (page) {
        return function () {
          return download(page.url).then(function (r) { return keepPage(cache, page.url, r, user); });
        };
      }).concat(images.map(function (image) {
        return function () {
          return download(image.url).then(function (r) { return keepFile(cache, image.url, r, user); });
        };
      }), bundle.assets.map(function (asset) {
        return function () {
          return download(asset.url).then(function (r) { return keepFile(statics, asset.url, r, null); });
        };
      }));
      return runLimited(jobs, 4).then(function (sizes) {
        var kept = sizes.filter(function (s) { return s > 0; });
        var record = {
          url: url, width: width, bundle: bundle, saved_at: Date.now(),
          files: kept.length,
          bytes: kept.reduce(function (a, b) { return a + b; }, 0),
          failed: sizes.length - kept.length
        };
        return cache.put(COURSE_KEY + bundle.course.id, new Response(JSON.stringify(record), {
          headers: { "Content-Type": "application/json", "X-LD-User": user }
        })).then(function () {
          lastRefresh = Date.now();
          return { files: record.files, bytes: record.bytes, failed: record.failed };
        });
      });
    });
  });
}

function savedRecord(courseId) {
  return getUser().then(function (user) {
    if (!user) return null;
    return caches.open(userCache(user)).then(function (cache) {
      return cache.match(COURSE_KEY + courseId);
    }).then(function (hit) { return hit ? hit.json() : null; });
  });
}

/* Fetch again what changed in a saved course since it was saved. */
function refreshCourse(cache, key, record, user) {
  return readBundle(record.url).then(function (answer) {
    if (answer.status === 401 || answer.status >= 500) return 0;
    if (answer.status !== 200) {
      // The course is no longer open to this user (or gone): its pages go.
      var urls = record.bundle.pages.map(function (p) { return p.url; })
        .concat(pickImages(record.bundle, record.width).map(function (i) { return i.url; }));
      return Promise.all(urls.map(function (u) { return cache.delete(u); }))
        .then(function () { return cache.delete(key); }).then(function () { return 0; });
    }
    var bundle = answer.body;
    if (String(bundle.user) !== user) return 0;
    function version(p) { return p.revision + "|" + p.published_at; }
    var before = {};
    record.bundle.pages.forEach(function (p) { before[p.url] = version(p); });
    var now = {};
    bundle.pages.forEach(function (p) { now[p.url] = true; });
    var changed = bundle.pages.filter(function (p) { return before[p.url] !== version(p); });
    var known = {};
    pickImages(record.bundle, record.width).forEach(function (i) { known[i.url] = true; });
    var newImages = pickImages(bundle, record.width).filter(function (i) { return !known[i.url]; });
    var gone = record.bundle.pages.filter(function (p) { return !now[p.url]; });
    var jobs = changed.map(function (page) {
      return function () {
        return download(page.url).then(function (r) { return keepPage(cache, page.url, r, user); });
      };
    }).concat(newImages.map(function (image) {
      return function () {
        return download(image.url).then(function (r) { return keepFile(cache, image.url, r, user); });
      };
    }), bundle.assets.map(function (asset) {
      // After a release the stylesheet has a new (hashed) name: fetch it once.
      return function () {
        return caches.open(STATIC).then(function (statics) {
          return statics.match(asset.url).then(function (hit) {
            if (hit) return 0;
            return download(asset.url).then(function (r) { return keepFile(statics, asset.url, r, null); });
          });
        });
      };
    }));
    return Promise.all(gone.map(function (p) { return cache.delete(p.url); }))
      .then(function () { return runLimited(jobs, 4); })
      .then(function (sizes) {
        if (sizes.some(function (s) { return s < 0; })) return 0; // try again next time
        record.bundle = bundle;
        return cache.put(key, new Response(JSON.stringify(record), {
          headers: { "Content-Type": "application/json", "X-LD-User": user }
        })).then(function () { return changed.length; });
      });
  });
}

function refresh(force) {
  if (!force && Date.now() - lastRefresh < REFRESH_EVERY) return Promise.resolve({ refreshed: 0 });
  lastRefresh = Date.now();
  return getUser().then(function (user) {
    if (!user) return { refreshed: 0 };
    return caches.open(userCache(user)).then(function (cache) {
      return cache.keys().then(function (requests) {
        var records = requests.filter(function (r) {
          return new URL(r.url).pathname.indexOf(COURSE_KEY) === 0;
        });
        return Promise.all(records.map(function (request) {
          return cache.match(request).then(function (hit) { return hit.json(); })
            .then(function (record) { return refreshCourse(cache, request, record, user); })
            .catch(function () { return 0; });
        }));
      }).then(function (counts) {
        return { refreshed: counts.reduce(function (a, b) { return a + b; }, 0) };
      });
    });
  });
}

/* Pages the quiz asks to keep (the questions of the open attempt), if not kept yet. */
function keepPages(urls) {
  return getUser().then(function (user) {
    if (!user) return { kept: 0 };
    return caches.open(userCache(user)).then(function (cache) {
      return runLimited(urls.map(function (url) {
        return function () {
          // A page already kept is refreshed when it is opened (network first).
          return cache.match(url).then(function (hit) {
            if (hit) return 0;
            return download(url).then(function (r) { return keepPage(cache, url, r, user); });
          });
        };
      }), 3).then(function (sizes) {
        return { kept: sizes.filter(function (s) { return s > 0; }).length };
      });
    });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var port = event.ports && event.ports[0];
  var work;
  if (data.type === "user") {
    work = setUser(data.id).then(function () {
      return data.online ? refresh(false) : { refreshed: 0 };
    });
  } else if (data.type === "signout") {
    work = signOut();
  } else if (data.type === "plan") {
    work = readBundle(data.url).then(function (answer) {
      if (answer.status !== 200) return { error: answer.body.error || String(answer.status) };
      return plan(answer.body, data.width || IMAGE_WIDTH);
    });
  } else if (data.type === "save") {
    work = saveCourse(data.url, data.width || IMAGE_WIDTH);
  } else if (data.type === "status") {
    work = savedRecord(data.course).then(function (record) {
      return record ? { files: record.files, bytes: record.bytes, saved_at: record.saved_at } : {};
    });
  } else if (data.type === "refresh") {
    work = refresh(true);
  } else if (data.type === "keep") {
    work = keepPages(data.urls || []);
  } else {
    return;
  }
  event.waitUntil(work.then(function (result) {
    if (port) port.postMessage(result || {});
  }, function (error) {
    if (port) port.postMessage({ error: String(error) });
  }));
});

function fromStatic(event) {
  var request = event.request;
  return caches.open(STATIC).then(function (cache) {
    return cache.match(request, { ignoreVary: true, ignoreSearch: true }).then(function (hit) {
      if (!hit) return fetch(request);
      if (!HASHED.test(new URL(request.url).pathname)) {
        // A name without a hash may change: refresh the copy for next time.
        event.waitUntil(fetch(request).then(function (response) {
          if (response.ok) return cache.put(request, response);
        }).catch(function () {}));
      }
      return hit;
    });
  });
}

function fromSaved(event, isPage) {
  var request = event.request;
  var url = request.url.split("#")[0];
  return getUser().then(function (user) {
    if (!user) return fetch(request);
    return caches.open(userCache(user)).then(function (cache) {
      return cache.match(url, { ignoreVary: true }).then(function (hit) {
        // Never another user's copy, whatever cache it was found in.
        if (!hit || hit.headers.get("X-LD-User") !== user) return fetch(request);
        if (!isPage) return hit;
        return new Promise(function (resolve) {
          var answered = false;
          function answer(response) {
            if (!answered) { answered = true; resolve(response); }
          }
          var timer = setTimeout(function () { answer(hit); }, PAGE_TIMEOUT);
          var network = fetch(request).then(function (response) {
            clearTimeout(timer);
            if (response.ok && response.type === "basic") {
              event.waitUntil(keepPage(cache, url, response.clone(), user).catch(function () {}));
              answer(response);
            } else if (response.type === "opaqueredirect" || response.status === 404 || response.status === 403) {
              // The page now sends elsewhere (signed out, attempt graded, lesson gone).
              event.waitUntil(cache.delete(url));
              answer(response);
            } else {
              answer(hit);
            }
          }, function () {
            clearTimeout(timer);
            answer(hit);
          });
          event.waitUntil(network.catch(function () {}));
        });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/admin/") === 0 || url.pathname === "/sw.js") return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(fromStatic(event));
  } else if (request.mode === "navigate") {
    event.respondWith(fromSaved(event, true));
  } else if (url.pathname.indexOf("/media/") === 0) {
    event.respondWith(fromSaved(event, false));
  }
});
