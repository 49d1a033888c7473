"""Send again the emails and gateway messages that failed (run every 15 minutes)."""

from django.core.management.base import BaseCommand

from notifications.services import (
    MAX_DELIVERY_ATTEMPTS,
    RETRY_WITHIN,
    retry_deliveries,
)


class Command(BaseCommand):
    help = (
        "Queue again the deliveries (email, gateway) that failed or were never "
        f"sent, for notices of the last {RETRY_WITHIN.days} days, at most "
        f"{MAX_DELIVERY_ATTEMPTS} attempts each; a sent one is never sent again. "
        "Run every 15 minutes."
    )

    def handle(self, *args, **options):
        queued = retry_deliveries()
        self.stdout.write(f"{queued} notice(s) queued for delivery again.")
