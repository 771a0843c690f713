"""Signals sent when a major incident is declared or ended (CC/01 4.16).

- ``major_incident_declared``: sent with ``period`` (the new ``CrisisPeriod``), ``actor`` (the
  CCD user) and ``now`` (aware time of the declaration).
- ``major_incident_ended``: the same arguments; ``period`` is the ended ``CrisisPeriod``.

Both are sent **inside** the service's ``transaction.atomic()`` block, after the period is saved
and its audit event written, and with ``Signal.send`` (not ``send_robust``). So a receiver runs in
the same transaction as the declaration: whatever it writes (publishing holds every scheduled
post) commits or rolls back together with it, and if a receiver raises, the declaration itself
is refused and nothing is changed. Receivers must therefore not do slow or external work
directly: they should schedule that with ``transaction.on_commit``.
"""

from django.dispatch import Signal

#: Sent inside the transaction that declares a major incident. kwargs: period, actor, now.
major_incident_declared = Signal()

#: Sent inside the transaction that ends a major incident. kwargs: period, actor, now.
major_incident_ended = Signal()
