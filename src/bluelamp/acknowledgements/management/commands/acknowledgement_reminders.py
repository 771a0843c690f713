"""`bluelamp manage acknowledgement_reminders`: e-mail everyone who has not acknowledged the
current policy or completed training (each at most once a week; the worker does it daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from bluelamp.acknowledgements.services import acknowledgement_reminders_send


class Command(BaseCommand):
    help = "E-mail everyone who has not acknowledged the current policy or been trained."

    def handle(self, *args, **options):
        count = acknowledgement_reminders_send(
            actor=None, actor_text="bluelamp manage acknowledgement_reminders"
        )
        self.stdout.write(f"Reminded {count} {'person' if count == 1 else 'people'}.")
