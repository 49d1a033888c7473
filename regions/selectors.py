"""Reads of the region list."""

from django.core.cache import cache

from .models import Region, default_timezone_for


def kabupaten_timezone_name(region_id):
    """The time zone name of the kabupaten that region `region_id` lies in (cached)."""
    key = f"regions:tz:{region_id}"
    name = cache.get(key)
    if name is None:
        code = (
            Region.objects.filter(pk=region_id).values_list("code", flat=True).first()
        )
        if code is None:
            return "Asia/Jakarta"
        kab_code = code[:5]
        name = Region.objects.filter(code=kab_code).values_list(
            "timezone", flat=True
        ).first() or default_timezone_for(kab_code)
        cache.set(key, name, 3600)
    return name


def children_of(region):
    return Region.objects.filter(parent=region).order_by("code")


def timezone_name_for_code(code):
    """The time zone of the kabupaten a region code lies in (cached)."""
    kab_code = (code or "")[:5]
    key = f"regions:tz:code:{kab_code}"
    name = cache.get(key)
    if name is None:
        name = Region.objects.filter(code=kab_code).values_list(
            "timezone", flat=True
        ).first() or default_timezone_for(kab_code or "31")
        cache.set(key, name, 3600)
    return name
