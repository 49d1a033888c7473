"""The size of a course saved for reading offline, for bench/page_weight.py's table.

`saved_course_size(client, course_path)` signs nothing in: it takes page_weight's
`Client` (already signed in as the demo operator), reads the course page's
"Simpan untuk dibaca offline" box for the address of the course's offline.json,
and downloads what the service worker would save (static/js/sw.js): the course
page and every lesson, one rendition per image (the smallest at least 720 px wide,
a 360 px phone screen at twice the density) and the static files. Returns

    {"page": "Saved course (offline)", "files": n, "estimate": bytes offline.json
     announces before saving, "transferred": bytes as downloaded (headers and
     compressed bodies, as page_weight counts), "stored": bytes kept on the phone}

Any object with page_weight's `Client.page(path)` -> (path, response, body) and
`Client.fetch(path)` -> (response, wire bytes, body) will do.
"""

import json
import re

OFFLINE_BOX = re.compile(r'data-offline-course="([^"]+)"')
IMAGE_WIDTH = 720


def pick_images(bundle, width=IMAGE_WIDTH):
    """One rendition per image, as static/js/sw.js picks it."""
    picked = []
    for candidates in bundle["images"]:
        wide = [c for c in candidates if c["width"] >= width]
        picked.append(wide[0] if wide else candidates[-1])
    return picked


def saved_course_size(client, course_path):
    _, _, body = client.page(course_path)
    found = OFFLINE_BOX.search(body.decode())
    if found is None:
        raise SystemExit(
            f"{course_path} offers no 'Simpan untuk dibaca offline' box "
            "(signed in as an operator who may learn the course?)"
        )
    resp, _, raw = client.fetch(found.group(1))
    if resp.status_code != 200:
        raise SystemExit(f"{found.group(1)}: HTTP {resp.status_code}: {raw[:200]!r}")
    bundle = json.loads(raw)
    files = [*bundle["pages"], *pick_images(bundle), *bundle["assets"]]
    transferred = stored = 0
    for item in files:
        resp, wire, content = client.fetch(item["url"])
        if resp.status_code != 200:
            raise SystemExit(f"{item['url']}: HTTP {resp.status_code}")
        transferred += wire
        stored += len(content)
    return {
        "page": "Saved course (offline)",
        "files": len(files),
        "estimate": sum(f["size"] for f in files),
        "transferred": transferred,
        "stored": stored,
    }
