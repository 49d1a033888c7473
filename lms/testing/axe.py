"""Accessibility checked by a machine: axe-core in the browser tests.

axe-core's JavaScript ships inside `axe-playwright-python` (axe.min.js), so nothing
is downloaded while the tests run. axe runs inside the page, so the browser context
must have JavaScript on (with it off, Playwright's `evaluate` never returns); the
pages themselves are the same with JavaScript off.

    from lms.testing.axe import assert_no_serious_violations

    page.goto(url)
    assert_no_serious_violations(page)
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

# What a test refuses: axe's "serious" and "critical" impacts (of minor, moderate,
# serious, critical). Moderate findings (e.g. content outside a landmark) are
# reported by `violations` but do not fail a test.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

_axe = Axe()


def violations(page, *, impacts=BLOCKING_IMPACTS):
    """axe's violations on the page as it is now, of the given impacts."""
    response = _axe.run(page).response
    return [v for v in response["violations"] if v["impact"] in impacts]


def describe(found, *, url=""):
    """One line per rule and element: impact, rule id, CSS target, and axe's summary."""
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(
                f"{url} [{violation['impact']}] {violation['id']}: {target} — "
                f"{violation['help']}"
            )
    return "\n".join(lines)


def assert_no_serious_violations(page):
    """Fail with every serious or critical violation's rule id and target."""
    found = violations(page)
    if found:
        pytest.fail(
            "axe-core found accessibility violations:\n" + describe(found, url=page.url)
        )
