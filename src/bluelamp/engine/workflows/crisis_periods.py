"""Where a crisis period stands (CC/01 4.16 major incidents, 6.12 election periods).

A period's state is not stored: it is read from its times at a given moment
(``CrisisPeriod.state_at(now)``). An election period may be set ahead (``scheduled``) and comes
into force when its start passes (``start``, taken by the clock, never by a person); a major
incident is in force from the moment it is declared. Either may be ended by CCD while it is
scheduled or in force (``end``: an election period not yet started is cancelled); an ended
period is history.
"""

from __future__ import annotations

from bluelamp.engine.workflows import Workflow

SCHEDULED = "scheduled"
ACTIVE = "active"
ENDED = "ended"

STATES = (SCHEDULED, ACTIVE, ENDED)

START = "start"  # the clock: the start passes
END = "end"  # CCD ends it, with a reason

ACTIONS = (START, END)

TRANSITIONS: dict[tuple[str, str], str] = {
    (SCHEDULED, START): ACTIVE,
    (SCHEDULED, END): ENDED,
    (ACTIVE, END): ENDED,
}

WORKFLOW = Workflow(
    name="crisis period",
    states=STATES,
    actions=ACTIONS,
    initial=SCHEDULED,
    transitions=TRANSITIONS,
)
