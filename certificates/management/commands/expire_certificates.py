from django.core.management.base import BaseCommand

from certificates.services import expire_certificates


class Command(BaseCommand):
    help = "Expire certificates past their validity and remove the publishing rights they carried (run daily)."

    def handle(self, *args, **options):
        count = expire_certificates()
        self.stdout.write(f"{count} certificate(s) expired.")
