"""Reads for the readiness dashboard: a fixed number of queries whatever the desa count.

Levels and activity classes are computed in SQL from the per-desa summaries, with each
kabupaten's own activity windows, by the portal's activity rule
(`portal.selectors.activity_conditions`, the rule workshop placement uses too).
"""

from datetime import timedelta

from django.db.models import Case, CharField, Count, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from portal.models import Activity
from portal.selectors import activity_conditions, windows_by_kabupaten
from regions.models import Region

from .models import DesaSummary, KabupatenSettings, Level, Snapshot

DEFAULTS = {"stuck_days": 60}


def settings_for(kabupaten_code):
    found = (
        KabupatenSettings.objects.filter(kabupaten__code=kabupaten_code)
        .values(*DEFAULTS)
        .first()
    )
    return found or dict(DEFAULTS)


def annotate_readiness(queryset, *, now=None, kabupaten_codes=None, windows=None):
    """Add `level` (0–4) and `activity` to a DesaSummary queryset (whose rows all lie in
    `kabupaten_codes`, if given: then only their activity windows are read; none are
    read when `windows`, windows_for()'s answer, is given)."""
    now = now or timezone.now()
    active, less = activity_conditions(
        now=now,
        last_published="last_published_at",
        kabupaten_code="kabupaten_code",
        kabupaten_codes=kabupaten_codes,
        windows=windows,
    )
    return queryset.annotate(
        activity=Case(
            When(active, then=Value(Activity.AKTIF)),
            When(less, then=Value(Activity.KURANG_AKTIF)),
            default=Value(Activity.TIDAK_AKTIF),
            output_field=CharField(),
        ),
        level=Case(
            When(Q(operators_certified__gt=0) & active, then=Value(Level.ACTIVE)),
            When(operators_certified__gt=0, then=Value(Level.CERTIFIED)),
            When(operators_trained__gt=0, then=Value(Level.TRAINED)),
            When(operators__gt=0, then=Value(Level.REGISTERED)),
            default=Value(Level.NO_OPERATOR),
            output_field=IntegerField(),
        ),
    )


def summaries_in(region):
    """Summaries of the desa in a region (kabupaten, kecamatan, or provinsi)."""
    qs = DesaSummary.objects.all()
    if region is None:
        return qs
    if region.level == Region.Level.KABUPATEN:
        return qs.filter(kabupaten_code=region.code)
    if region.level == Region.Level.KECAMATAN:
        return qs.filter(kecamatan_code=region.code)
    if region.level == Region.Level.PROVINSI:
        return qs.filter(kabupaten_code__startswith=f"{region.code}.")
    return qs.filter(desa_id=region.pk)


def _kabupaten_codes(region):
    if region is not None and region.level >= Region.Level.KABUPATEN:
        return [region.code[:5]]
    return None


def windows_for(region):
    """The activity windows that judge the desa of a region (within a kabupaten, that
    kabupaten's alone), to read once for every table of a page. One query."""
    return windows_by_kabupaten(_kabupaten_codes(region))


def readiness_in(region, *, now=None, windows=None):
    """summaries_in(region) with `level` and `activity`; within a kabupaten, by that
    kabupaten's windows alone (`windows`: windows_for(region), if already read)."""
    return annotate_readiness(
        summaries_in(region),
        now=now,
        kabupaten_codes=_kabupaten_codes(region),
        windows=windows,
    )


def _counts():
    """Aggregates shared by every table: desa per level and activity, operators."""
    counts = {
        f"level_{level.value}": Count("pk", filter=Q(level=level.value))
        for level in Level
    }
    counts.update(
        {
            f"activity_{a.value}": Count("pk", filter=Q(activity=a.value))
            for a in Activity
        }
    )
    counts.update(
        desa=Count("pk"),
        operators=Sum("operators"),
        trained=Sum("operators_trained"),
        certified=Sum("operators_certified"),
    )
    return counts


def _expiring(now):
    """Desa whose certificate expires in the next 60 days."""
    today = timezone.localdate(now)
    return Count(
        "pk",
        filter=Q(
            certificate_expires__gte=today,
            certificate_expires__lte=today + timedelta(days=60),
        ),
    )


def overview(region, *, now=None, windows=None):
    """Totals for a region: desa per level and activity class, operators, certificates
    expiring in the next 60 days. One query."""
    now = now or timezone.now()
    figures = readiness_in(region, now=now, windows=windows).aggregate(
        **_counts(), expiring=_expiring(now)
    )
    return {k: v or 0 for k, v in figures.items()}


def grouped_table(
    region, *, group_by, filters=None, now=None, windows=None, names=None
):
    """Rows per kecamatan (group_by="kecamatan_code") or per kabupaten ("kabupaten_code"),
    with the overview's figures. Two queries (one if `names`, {code: name} of the
    groups, is given)."""
    qs = readiness_in(region, now=now, windows=windows)
    qs = apply_filters(qs, filters or {})
    rows = list(qs.values(group_by).annotate(**_counts()).order_by(group_by))
    if names is None:
        names = dict(
            Region.objects.filter(code__in=[r[group_by] for r in rows]).values_list(
                "code", "name"
            )
        )
    for row in rows:
        row["code"] = row[group_by]
        row["name"] = names.get(row["code"], row["code"])
        for key in ("operators", "trained", "certified"):
            row[key] = row[key] or 0
    return rows


def _summed(code, name, rows):
    """One row adding up `rows` (grouped_table rows)."""
    total = {"code": code, "name": name}
    for row in rows:
        for key, value in row.items():
            if key not in ("code", "name") and isinstance(value, int):
                total[key] = total.get(key, 0) + value
    return total


def national_tables(*, filters=None, now=None, windows=None):
    """(rows per provinsi, rows per kabupaten) of the whole country, with the
    overview's figures: the provinsi rows add up their kabupaten. Two queries.
    Unfiltered, national_overview() adds them up into the country's figures."""
    now = now or timezone.now()
    qs = apply_filters(readiness_in(None, now=now, windows=windows), filters or {})
    rows = list(
        qs.values("kabupaten_code")
        .annotate(**_counts(), expiring=_expiring(now))
        .order_by("kabupaten_code")
    )
    provinsi_codes = sorted({r["kabupaten_code"][:2] for r in rows})
    names = dict(
        Region.objects.filter(
            code__in=[*provinsi_codes, *(r["kabupaten_code"] for r in rows)]
        ).values_list("code", "name")
    )
    for row in rows:
        row["code"] = row.pop("kabupaten_code")
        row["name"] = names.get(row["code"], row["code"])
        for key in ("operators", "trained", "certified"):
            row[key] = row[key] or 0
    provinsi = [
        _summed(
            code,
            names.get(code, code),
            [r for r in rows if r["code"].startswith(f"{code}.")],
        )
        for code in provinsi_codes
    ]
    return provinsi, rows


def national_overview(kabupaten_rows):
    """overview(None) from national_tables()'s unfiltered rows per kabupaten: the
    country's figures without a second pass over every desa."""
    figures = dict.fromkeys(
        [*(f"level_{level.value}" for level in Level)]
        + [f"activity_{a.value}" for a in Activity]
        + ["desa", "operators", "trained", "certified", "expiring"],
        0,
    )
    figures.update(_summed("id", "", kabupaten_rows))
    del figures["code"], figures["name"]
    return figures


def apply_filters(qs, filters):
    if filters.get("kecamatan"):
        qs = qs.filter(kecamatan_code=filters["kecamatan"])
    if filters.get("level") not in (None, ""):
        qs = qs.filter(level=int(filters["level"]))
    if filters.get("activity"):
        qs = qs.filter(activity=filters["activity"])
    return qs


def _with_desa(qs, region):
    """Join each summary's desa and kecamatan. The code filter repeats what
    summaries_in() already selects; it lets PostgreSQL find the region rows through
    the code index instead of scanning all ~91,600 regions to join a kabupaten's
    desa (the hash join it picks above a few hundred rows: ~30 ms vs ~2 ms)."""
    if region is not None and region.level < Region.Level.DESA:
        qs = qs.filter(desa__code__startswith=f"{region.code}.")
    return qs.select_related("desa", "desa__parent")


def desa_query(region, *, filters=None, now=None, windows=None):
    """Each desa of a region with level, activity, last publish, operators, as a
    queryset (the dashboard shows it a page at a time)."""
    qs = _with_desa(readiness_in(region, now=now, windows=windows), region)
    return apply_filters(qs, filters or {}).order_by("desa__code")


def desa_rows(region, *, filters=None, now=None):
    """desa_query() as a list. One query."""
    return list(desa_query(region, filters=filters, now=now))


def needs_help(region, *, now=None):
    """needs_help_query() as a list. One query (two with the kabupaten's settings)."""
    return list(needs_help_query(region, now=now))


def needs_help_query(region, *, now=None, windows=None):
    """Desa that need pendampingan: no operator, stuck at level 1, certified but
    inactive; a queryset with `reason`."""
    now = now or timezone.now()
    stuck_days = (
        settings_for(region.code[:5])["stuck_days"]
        if region
        else DEFAULTS["stuck_days"]
    )
    qs = _with_desa(readiness_in(region, now=now, windows=windows), region)
    reasons = Case(
        When(level=Level.NO_OPERATOR, then=Value("no_operator")),
        When(
            Q(level=Level.REGISTERED)
            & Q(first_operator_at__lt=now - timedelta(days=stuck_days)),
            then=Value("stuck"),
        ),
        When(
            Q(level__gte=Level.CERTIFIED) & Q(activity=Activity.TIDAK_AKTIF),
            then=Value("inactive"),
        ),
        default=Value(""),
        output_field=CharField(),
    )
    return qs.annotate(reason=reasons).exclude(reason="").order_by("desa__code")


def trend(region, *, months=12):
    """Desa per level per month from the monthly snapshots. One query."""
    qs = Snapshot.objects.all()
    if region is not None:
        # Equality / IN, not LIKE 'x%': a LIKE prefix cannot use the (kabupaten_code,
        # month) index unless the database collation is "C" (a seq scan of every
        # snapshot row otherwise: ~100 ms at national scale).
        qs = (
            qs.filter(kabupaten_code=region.code[:5])
            if region.level >= Region.Level.KABUPATEN
            else qs.filter(
                kabupaten_code__in=Region.objects.filter(parent=region).values("code")
            )
        )
        if region.level == Region.Level.KECAMATAN:
            qs = qs.filter(desa__code__startswith=f"{region.code}.")
    rows = (
        qs.values("month", "level").annotate(n=Count("pk")).order_by("month", "level")
    )
    table = {}
    for row in rows:
        table.setdefault(row["month"], {level.value: 0 for level in Level})[
            row["level"]
        ] = row["n"]
    return sorted(table.items())[-months:]
