"""Move certificate PDFs and desk screenshots out of the public media tree.

The migrations that made their storage private already did this once; run it again
after restoring an old backup of MEDIA_ROOT. Running it twice moves nothing more.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from lms.shared.storage import move_private_files

PRIVATE_FOLDERS = ["certificates", "desk"]


class Command(BaseCommand):
    help = "Move certificate PDFs and desk screenshots from MEDIA_ROOT to PRIVATE_MEDIA_ROOT."

    def handle(self, *args, **options):
        for folder in PRIVATE_FOLDERS:
            moved = move_private_files(folder)
            self.stdout.write(
                f"{folder}/: {moved} file(s) moved from {settings.MEDIA_ROOT} "
                f"to {settings.PRIVATE_MEDIA_ROOT}."
            )
