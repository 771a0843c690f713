"""Publishing's events, for the apps above it to answer (publishing never imports them)."""

from django.dispatch import Signal

#: A batch of imported posts was written, inside the import's transaction. Keyword arguments:
#: ``records`` (the ``importing.Record`` of each post written), ``actor`` (None: the command
#: line), ``now`` (the import's time, also every written post's ``created_at``). A receiver
#: returns how many appeal posts it linked to their case (or None).
posts_imported = Signal()
