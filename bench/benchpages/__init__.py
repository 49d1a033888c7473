"""A bench-only Wagtail page type: the baseline of bench/lesson_page.py.

Installed only by bench/benchpages/settings.py, never by the site: it has no admin
wiring and no place in the page tree outside the benchmark's throwaway database.
"""
