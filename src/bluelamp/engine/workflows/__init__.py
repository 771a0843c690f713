"""State machines as data: which action may be taken in which state, and where it leads.

Each workflow module (``applications``, ``accounts``) declares its states, its actions and one
transition table ``{(state, action): next_state}``. Services read the table before they change
anything, and pages read it to decide which buttons to show, so the two cannot disagree.

*Whether the state allows an action* is answered here. *Who may take it* is a separate
permission check in the Django app (``social_accounts.permissions``): the engine knows nothing of
users or roles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class UnknownStateError(ValueError):
    """The state is not one of the workflow's states."""


class UnknownActionError(ValueError):
    """The action is not one of the workflow's actions."""


@dataclass(frozen=True)
class Workflow:
    """One state machine: its states, actions, terminal states and transition table.

    Built once per module; checks on construction that the table names only declared states
    and actions, that every state can be reached from ``initial`` and that terminal states
    have no way out."""

    name: str
    states: tuple[str, ...]
    actions: tuple[str, ...]
    initial: str
    transitions: Mapping[tuple[str, str], str]
    terminal: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        states, actions = set(self.states), set(self.actions)
        if len(states) != len(self.states) or len(actions) != len(self.actions):
            raise ValueError(f"{self.name}: a state or action is declared twice")
        if self.initial not in states:
            raise ValueError(f"{self.name}: initial state {self.initial!r} is not a state")
        for (state, action), target in self.transitions.items():
            for kind, value, known in (
                ("state", state, states),
                ("action", action, actions),
                ("state", target, states),
            ):
                if value not in known:
                    raise ValueError(f"{self.name}: the table names an unknown {kind} {value!r}")
        used = {action for _, action in self.transitions}
        if used != actions:
            raise ValueError(f"{self.name}: actions never allowed: {sorted(actions - used)}")
        reachable = {self.initial}
        frontier = [self.initial]
        while frontier:
            here = frontier.pop()
            for (state, _), target in self.transitions.items():
                if state == here and target not in reachable:
                    reachable.add(target)
                    frontier.append(target)
        if reachable != states:
            raise ValueError(f"{self.name}: states never reached: {sorted(states - reachable)}")
        exits = {state for state, _ in self.transitions}
        object.__setattr__(self, "terminal", frozenset(states - exits))

    def _check(self, state: str, action: str | None = None) -> None:
        if state not in self.states:
            raise UnknownStateError(f"{self.name}: {state!r} is not a state")
        if action is not None and action not in self.actions:
            raise UnknownActionError(f"{self.name}: {action!r} is not an action")

    def allowed(self, state: str, action: str) -> bool:
        """True when ``action`` may be taken in ``state``."""
        self._check(state, action)
        return (state, action) in self.transitions

    def next_state(self, state: str, action: str) -> str:
        """The state ``action`` leads to from ``state``; raises ValueError when not allowed."""
        self._check(state, action)
        try:
            return self.transitions[(state, action)]
        except KeyError:
            raise ValueError(f"{self.name}: {action!r} is not allowed in {state!r}") from None

    def actions_from(self, state: str) -> tuple[str, ...]:
        """The actions allowed in ``state``, in declaration order."""
        self._check(state)
        return tuple(a for a in self.actions if (state, a) in self.transitions)

    def is_terminal(self, state: str) -> bool:
        """True when nothing more can happen in ``state``."""
        self._check(state)
        return state in self.terminal

    def rows(self) -> Iterable[tuple[str, str, str]]:
        """Every (state, action, next state), in declaration order (for documentation)."""
        for state in self.states:
            for action in self.actions:
                target = self.transitions.get((state, action))
                if target is not None:
                    yield state, action, target
