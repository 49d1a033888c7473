#!/usr/bin/env bash
# Checks the system packages the site needs and says how to install what is missing.
python="${1:-python3}"
missing=()
if ! command -v "$python" >/dev/null 2>&1; then
    echo "Python 3.11 or newer is needed: sudo apt-get install python3 python3-venv" >&2
    exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Python 3.11 or newer is needed; $("$python" --version) found." >&2
    exit 1
fi
"$python" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
# WeasyPrint (certificate PDFs) needs Pango and HarfBuzz.
for lib in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 libharfbuzz.so.0:libharfbuzz0b; do
    so="${lib%%:*}"; pkg="${lib##*:}"
    if ! /sbin/ldconfig -p 2>/dev/null | grep -q "$so"; then missing+=("$pkg"); fi
done
if ((${#missing[@]})); then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
