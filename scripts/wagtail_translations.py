"""Keep the Indonesian catalogue of the Wagtail admin in step with the installed Wagtail.

Wagtail ships only a small `id_ID` catalogue, which Django does not use for `id`. The
project therefore keeps its own catalogue in lms/translations/wagtail/id/LC_MESSAGES/,
listed in LOCALE_PATHS. This script rebuilds those files from Wagtail's English
catalogues (the msgids, their references and format flags), keeping every translation
already written. It reports what is missing or broken, so after a Wagtail upgrade:

    .venv/bin/python scripts/wagtail_translations.py            # merge new msgids
    .venv/bin/python scripts/wagtail_translations.py --check    # fail on gaps

New msgids are written with an empty msgstr (Django then shows the English text);
translate them in the .po file and run the script again. msgids that Wagtail no
longer ships are dropped.
"""

import argparse
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import polib
import wagtail

BASE_DIR = Path(__file__).resolve().parent.parent
TARGET_DIR = BASE_DIR / "lms" / "translations" / "wagtail" / "id" / "LC_MESSAGES"
WAGTAIL_DIR = Path(wagtail.__file__).resolve().parent

# The Wagtail apps whose screens operators and moderators use, in order of priority:
# a msgid found in several apps keeps the references of all of them.
APPS = {
    "django": [
        "admin",
        "",
        "images",
        "documents",
        "snippets",
        "users",
        "embeds",
        "sites",
        "search",
        "contrib/settings",
    ],
    "djangojs": ["admin"],
}

METADATA = {
    "Project-Id-Version": f"Literasi Desa - Wagtail {wagtail.__version__} admin",
    "Report-Msgid-Bugs-To": "",
    "Last-Translator": "Literasi Desa",
    "Language-Team": "Indonesian",
    "Language": "id",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}

HEADER = (
    "Indonesian translation of the Wagtail admin screens used by the Literasi Desa\n"
    "portal. Generated from Wagtail's English catalogues by\n"
    "scripts/wagtail_translations.py; translations are kept across runs."
)

PERCENT_RE = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[sdifrxXeEgGc%]")
BRACE_RE = re.compile(r"\{(\w*)(?:[:!][^{}]*)?\}")
TAG_RE = re.compile(r"</?([a-zA-Z][\w-]*)")


def source_catalogue(app, domain):
    base = WAGTAIL_DIR / app if app else WAGTAIL_DIR
    path = base / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else None


def english_entries(domain):
    """Every msgid of the chosen apps, merged by (msgctxt, msgid), in source order."""
    merged = {}
    for app in APPS[domain]:
        catalogue = source_catalogue(app, domain)
        if catalogue is None:
            continue
        prefix = f"wagtail/{app}/" if app else "wagtail/"
        for entry in catalogue:
            if entry.obsolete:
                continue
            key = (entry.msgctxt, entry.msgid)
            refs = [(prefix + path, line) for path, line in entry.occurrences]
            if key in merged:
                merged[key].occurrences.extend(refs)
                continue
            merged[key] = polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                occurrences=refs,
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
    return merged


def translation_of(entry):
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "")
    return entry.msgstr


def placeholders(text):
    return (
        sorted(m.group(0) for m in PERCENT_RE.finditer(text)),
        sorted(m.group(1) for m in BRACE_RE.finditer(text)),
        sorted(TAG_RE.findall(text)),
    )


def problems(entry, text):
    """What a translation breaks: placeholders, HTML tags, edge whitespace."""
    source = entry.msgid_plural or entry.msgid
    found = []
    want_pct, want_brace, want_tags = placeholders(source)
    got_pct, got_brace, got_tags = placeholders(text)
    if set(want_pct) != set(got_pct):
        found.append(f"placeholders {want_pct} != {got_pct}")
    if "python-brace-format" in entry.flags and want_brace != got_brace:
        found.append(f"brace placeholders {want_brace} != {got_brace}")
    if want_tags != got_tags:
        found.append(f"HTML tags {want_tags} != {got_tags}")
    if source[:1].isspace() != text[:1].isspace() or (
        source[-1:].isspace() != text[-1:].isspace()
    ):
        found.append("leading/trailing whitespace differs")
    return found


def build(domain, translations, revision_date=None):
    """A catalogue of the English msgids of `domain`, with `translations` filled in."""
    catalogue = polib.POFile()
    catalogue.header = HEADER
    catalogue.metadata = dict(METADATA)
    catalogue.metadata["PO-Revision-Date"] = revision_date or datetime.now(
        UTC
    ).strftime("%Y-%m-%d %H:%M+0000")
    for key, entry in english_entries(domain).items():
        text = translations.get(key, "")
        if entry.msgid_plural:
            entry.msgstr_plural = {0: text}
        else:
            entry.msgstr = text
        catalogue.append(entry)
    return catalogue


def existing_translations(path):
    """The translations of the catalogue at `path`, and its revision date."""
    if not path.exists():
        return {}, None
    catalogue = polib.pofile(str(path))
    translations = {
        (entry.msgctxt, entry.msgid): translation_of(entry)
        for entry in catalogue
        if not entry.obsolete and "fuzzy" not in entry.flags
    }
    return translations, catalogue.metadata.get("PO-Revision-Date")


def report(domain, catalogue, dropped):
    missing = [e for e in catalogue if not translation_of(e)]
    broken = [
        (e, problems(e, translation_of(e))) for e in catalogue if e not in missing
    ]
    broken = [(e, p) for e, p in broken if p]
    out = sys.stdout
    out.write(
        f"{domain}.po: {len(catalogue)} entries, {len(catalogue) - len(missing)} "
        f"translated, {len(missing)} missing, {len(broken)} with problems, "
        f"{len(dropped)} dropped\n"
    )
    for entry in missing:
        out.write(f"  missing: {entry.msgid!r}\n")
    for entry, found in broken:
        out.write(f"  problem: {entry.msgid!r}: {'; '.join(found)}\n")
    return not missing and not broken


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a msgid is untranslated or a translation broken",
    )
    args = parser.parse_args(argv)
    ok = True
    for domain in APPS:
        path = TARGET_DIR / f"{domain}.po"
        translations, revision_date = existing_translations(path)
        # The msgstrs come from the file itself, so the revision date stays as it is.
        catalogue = build(domain, translations, revision_date)
        kept = {(e.msgctxt, e.msgid) for e in catalogue}
        dropped = [key for key in translations if key not in kept]
        ok = report(domain, catalogue, dropped) and ok
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalogue.save(str(path))
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
