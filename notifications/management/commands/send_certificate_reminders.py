"""Remind operators 60, 30 and 7 days before their certificate ends (run daily)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from certificates.selectors import valid_certificates_ending_between
from notifications.models import Notice
from notifications.services import REMINDER_DAYS, notify_certificate_expiring


class Command(BaseCommand):
    help = (
        "Send each valid certificate's reminder 60, 30 or 7 days before it ends, "
        "once (only the nearest one due). Run daily."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        reminders = Notice.objects.filter(kind=Notice.Kind.CERTIFICATE_EXPIRING)
        before = reminders.count()
        certificates = valid_certificates_ending_between(
            first=today, last=today + timedelta(days=max(REMINDER_DAYS))
        )
        for certificate in certificates.iterator(chunk_size=500):
            notify_certificate_expiring(certificate=certificate, today=today)
        sent = reminders.count() - before
        self.stdout.write(f"{sent} certificate reminder(s) sent.")
