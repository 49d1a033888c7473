from django.core.management.base import BaseCommand

from readiness.services import take_snapshot


class Command(BaseCommand):
    help = (
        "Record every desa's readiness level and activity for this month (run monthly)."
    )

    def handle(self, *args, **options):
        count = take_snapshot()
        self.stdout.write(f"{count} desa recorded for this month.")
