"""What the registry tells the apps above it, so they can act without the registry importing
them (the layers of docs/architecture.md). Each is sent inside the transaction of the service
that sends it: a receiver's writes commit or roll back with the change itself.

- ``roster_member_removed(account, user, actor, now)``: someone lost access (5.7);
- ``credentials_recorded(account, actor, now)``: a new password was lodged in the vault (3.7);
- ``credentials_revealed(account, actor, now)``: CCD revealed the password (it must change).
"""

from __future__ import annotations

from django.dispatch import Signal

roster_member_removed = Signal()
credentials_recorded = Signal()
credentials_revealed = Signal()
