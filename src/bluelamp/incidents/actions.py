"""What CCD can do with crisis periods, declared once (``core.actions``): declaring a major
incident and setting an election period (which start a period, so they are not steps on one),
and ending either (the ``end`` step of ``engine.workflows.crisis_periods``). Each names who may
(``permissions.manage_refusal``), its form and its one service; the pages read these
declarations and do the actions through them, and the services check again under their lock.

A period's state is not stored but read from its times at the moment asked
(``CrisisPeriod.state_at``), so :func:`period_actions` reads it at a given moment.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bluelamp.core.actions import Action, ActionSet
from bluelamp.engine.workflows import crisis_periods as crisis_flow
from bluelamp.incidents import forms, permissions, services
from bluelamp.incidents.models import CrisisPeriod


class _PeriodActions(ActionSet):
    """An ActionSet whose entities' state is where they stand at one moment."""

    def __init__(self, *, now: dt.datetime, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.now = now

    def state_of(self, entity: CrisisPeriod) -> str:
        return entity.state_at(self.now).value


def _election_dates(data: Any) -> dict[str, Any]:
    starts_at, ends_at = forms.ElectionForm.period_from(data)
    return {
        "title": data["title"],
        "reason": data["reason"],
        "starts_at": starts_at,
        "ends_at": ends_at,
    }


#: Ending a period: the ``end`` step of the table, one action per kind (each its own service).
END_ACTIONS = (
    Action(
        name="end_major_incident",
        steps=(crisis_flow.END,),
        condition=lambda period: period.is_major_incident,
        permission=permissions.manage_refusal,
        form=forms.EndForm,
        service=services.major_incident_end,
        done="Major incident ended: {title}.",
    ),
    Action(
        name="end_election_period",
        steps=(crisis_flow.END,),
        condition=lambda period: period.is_election_period,
        permission=permissions.manage_refusal,
        form=forms.EndForm,
        service=services.election_period_end,
        done="Election period ended: {title}.",
    ),
)


def period_actions(now: dt.datetime) -> ActionSet:
    """The actions on a period, its state read at ``now`` (the page's time, or a test's)."""
    return _PeriodActions(
        now=now,
        entity="period",
        workflow=crisis_flow.WORKFLOW,
        state_refusal=lambda period, name, hint: services.period_ended_refusal(period, now=now),
        actions=END_ACTIONS,
    )


#: Starting a period: not a step on an existing one, so not in the table.
NEW_PERIOD_ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        Action(
            name="declare_major_incident",
            permission=permissions.manage_refusal,
            form=forms.DeclareForm,
            service=services.major_incident_declare,
            done="{title}: declared. Everyone now sees the banner until you end it.",
        ),
        Action(
            name="set_election_period",
            permission=permissions.manage_refusal,
            form=forms.ElectionForm,
            from_form=_election_dates,
            service=services.election_period_set,
            done="Election period set: {title}.",
        ),
    )
}


def period_available_actions(*, user: Any, period: CrisisPeriod, now: dt.datetime) -> list[str]:
    """What ``user`` may do to ``period`` at ``now`` (end it, while it has not ended; CCD
    only)."""
    return period_actions(now).available(period, user)


def period_end_action(period: CrisisPeriod) -> str:
    """The name of the action that ends ``period`` (one per kind: each has its own service)."""
    return "end_major_incident" if period.is_major_incident else "end_election_period"
