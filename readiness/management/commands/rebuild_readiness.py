import time

from django.core.management.base import BaseCommand

from readiness.services import rebuild_summaries


class Command(BaseCommand):
    help = "Recompute every desa's readiness summary from the source tables."

    def add_arguments(self, parser):
        parser.add_argument(
            "prefix", nargs="?", help="only below this region code, e.g. 19.06"
        )

    def handle(self, *args, prefix=None, **options):
        started = time.monotonic()
        count = rebuild_summaries(prefix=prefix)
        self.stdout.write(
            f"{count} desa summaries rebuilt in {time.monotonic() - started:.1f} s."
        )
