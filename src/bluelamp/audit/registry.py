"""The registry of audit action names (after Wagtail's log-action registry).

Every action an ``AuditEvent`` can record is registered once, with a plain-English label, by the
app that owns it (in its ``audit_actions.py``, imported from its AppConfig.ready). A name is
dotted lower case (``account.approved``); registering a name twice, or recording one that was
never registered, is a programming error and raises at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ACTION_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


class UnknownActionError(LookupError):
    """The action name was never registered."""


class DuplicateActionError(ValueError):
    """The action name is already registered."""


@dataclass(frozen=True, slots=True)
class AuditAction:
    name: str
    label: str

    @property
    def domain(self) -> str:
        """The part before the first dot: ``auth``, ``user``, ``account`` ..."""
        return self.name.split(".", 1)[0]


class ActionRegistry:
    """A set of registered actions; the module-level ``actions`` is the one the app uses."""

    def __init__(self) -> None:
        self._actions: dict[str, AuditAction] = {}

    def register(self, name: str, label: str) -> AuditAction:
        if not ACTION_NAME.match(name):
            raise ValueError(
                f"audit action {name!r} must be dotted lower case, like 'account.approved'"
            )
        if not label.strip():
            raise ValueError(f"audit action {name!r} needs a label")
        if name in self._actions:
            raise DuplicateActionError(f"audit action {name!r} is already registered")
        action = AuditAction(name=name, label=label.strip())
        self._actions[name] = action
        return action

    def get(self, name: str) -> AuditAction:
        try:
            return self._actions[name]
        except KeyError:
            raise UnknownActionError(
                f"audit action {name!r} is not registered; register it in the owning app's "
                "audit_actions.py"
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self._actions

    def all(self) -> list[AuditAction]:
        return sorted(self._actions.values(), key=lambda a: a.name)

    def label(self, name: str) -> str:
        """The label, or the bare name for an action no longer registered (old rows)."""
        action = self._actions.get(name)
        return action.label if action else name


actions = ActionRegistry()


def register_action(name: str, label: str) -> AuditAction:
    """Register an action name in the application's registry."""
    return actions.register(name, label)
