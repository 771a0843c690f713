"""One definition per action: what a user can do to an entity, read by pages and API alike.

An app declares each of its workflow actions once, in its ``actions.py``, as an :class:`Action`
(after Wagtail's action classes, in HackSoft's function style):

- ``name``: the action's name, as pages, API paths and ``available_actions`` spell it;
- ``steps``: the workflow action(s) in the engine's table (``engine/workflows/``) it takes;
  the state allows it when the table allows any of them (``submit`` is SUBMIT,
  SEND_FOR_APPROVAL or SUBMIT_SCHEDULED: the service chooses which);
- ``condition``: for an action that is not a transition (``record``, ``edit``), the states it
  is open in (or a further condition on the entity); ``hints``: by state, what to do instead
  when the state refuses ("Submit it first");
- ``permission``: who may, as ``(user, entity) -> refusal text or None``;
- ``form`` and ``serializer``: the input, for the page and for the API; ``from_form`` /
  ``from_body`` turn their cleaned data into the service's keywords;
- ``service``: the one function that does it, keyword-only (``service(<entity>=..., actor=...,
  **data)``), which checks permission and state again under its lock, saves with
  ``update_fields`` and writes the audit event (``core.transitions.transition``);
- ``failure`` / ``failures``: how a result or an error says the attempt was made but the outside
  world (a platform) did not act: the API answers it (502), a page shows it as a message;
- ``done``, ``form_name``, ``summary``, ``description``, ``errors``: the page's message and form
  name, and the API operation's words; ``in_api=False`` for a page-only action.

An :class:`ActionSet` groups an entity's actions with its workflow; it answers "what may this
user do to it now?" (:meth:`ActionSet.available`) and "do it" (:meth:`ActionSet.perform`: 403
unless the user may, 409 unless the state allows, then the service). :func:`page_step` is the
pages' dispatch of one action from a POST; ``bluelamp.core.rest.steps`` builds the API's step views
from the same declarations, so neither checks state by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms

from bluelamp.core.errors import (
    ApplicationError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.core.forms import FIXABLE, problem_form, refused
from bluelamp.engine.workflows import Workflow

Permission = Callable[[Any, Any], str | None]
StateRefusal = Callable[[Any, str, str], ApplicationError]


def _as_is(data: Mapping[str, Any]) -> dict[str, Any]:
    return dict(data)


@dataclass(frozen=True)
class Action:
    """One thing a user can do to an entity, defined once (see the module's docstring)."""

    name: str
    service: Callable[..., Any]
    steps: Sequence[str] = ()
    condition: Callable[[Any], bool] | None = None
    hints: Mapping[str, str] = field(default_factory=dict)
    permission: Permission | None = None
    #: The page's form: a class, or a callable taking (data, files) or nothing (a blank form).
    form: Callable[..., forms.Form] | None = None
    #: Its name in the page's context (default ``<name>_form``).
    form_name: str = ""
    serializer: type | None = None
    from_form: Callable[[Mapping[str, Any]], dict[str, Any]] = _as_is
    from_body: Callable[[Mapping[str, Any]], dict[str, Any]] = _as_is
    #: What the result of the service may still say went wrong (a platform that did not act):
    #: the error to answer with, or None. The attempt is kept either way.
    failure: Callable[[Any], ApplicationError | None] | None = None
    #: Errors the service raises after the attempt is recorded (the platform refused): the
    #: API answers them; a page shows them as a message on the entity's page.
    failures: tuple[type[ApplicationError], ...] = ()
    #: Whether the API offers it (and lists it in ``available_actions``).
    in_api: bool = True
    #: The page's message once done: words, or words made from the service's result.
    done: str | Callable[[Any], str] = ""
    #: The page's title or button words, where a page shows the action by itself.
    label: str = ""
    summary: str = ""
    description: str = ""
    #: More error answers for the API's schema: ``{"502": "publish_failed: …"}``.
    errors: Mapping[str, str] = field(default_factory=dict)

    def done_message(self, result: Any) -> str:
        return self.done(result) if callable(self.done) else self.done

    @property
    def page_form_name(self) -> str:
        return self.form_name or f"{self.name}_form"

    def state_allows(self, workflow: Workflow, state: str, entity: Any) -> bool:
        """Whether the entity's state lets this action be asked for (who may is separate)."""
        if self.steps and not any(workflow.allowed(state, step) for step in self.steps):
            return False
        return self.condition is None or bool(self.condition(entity))

    def refusal(self, user: Any, entity: Any) -> str | None:
        """Why ``user`` may not, or None when they may."""
        return None if self.permission is None else self.permission(user, entity)

    def perform_new(self, *, actor: Any, data: Mapping[str, Any] | None = None) -> Any:
        """Take an action that starts its entity (an application, a crisis period: there is
        no state yet, and no ActionSet): 403 unless ``actor`` may (``permission(actor,
        None)``), else the service with ``data``; returns what it returns."""
        refusal = self.refusal(actor, None)
        if refusal is not None:
            raise PermissionDeniedError(refusal)
        return self.service(actor=actor, **dict(data or {}))


class ActionSet:
    """An entity's actions and its workflow: the one place pages and the API ask what a user
    may do now, and through which they do it."""

    def __init__(
        self,
        *,
        entity: str,
        workflow: Workflow,
        actions: Iterable[Action],
        state_field: str = "status",
        state_refusal: StateRefusal | None = None,
    ) -> None:
        self.entity = entity
        self.workflow = workflow
        self.state_field = state_field
        self.state_refusal = state_refusal
        self._actions: dict[str, Action] = {}
        for action in actions:
            if action.name in self._actions:
                raise ValueError(f"{entity}: the action {action.name!r} is declared twice")
            for step in action.steps:
                if step not in workflow.actions:
                    raise ValueError(
                        f"{entity}: {action.name!r} names {step!r}, which is not in the "
                        f"{workflow.name} table"
                    )
            self._actions[action.name] = action

    def __getitem__(self, name: str) -> Action:
        return self._actions[name]

    def __contains__(self, name: object) -> bool:
        return name in self._actions

    def __iter__(self):
        return iter(self._actions.values())

    def names(self) -> list[str]:
        return list(self._actions)

    def state_of(self, entity: Any) -> str:
        return getattr(entity, self.state_field)

    def state_allows(self, name: str, entity: Any) -> bool:
        return self[name].state_allows(self.workflow, self.state_of(entity), entity)

    def available(self, entity: Any, user: Any, *, api: bool = False) -> list[str]:
        """The actions ``user`` may take on ``entity`` now, in declaration order: the state
        allows it and the permission does (``api``: only those the API offers)."""
        return [
            action.name
            for action in self
            if (action.in_api or not api)
            and action.state_allows(self.workflow, self.state_of(entity), entity)
            and action.refusal(user, entity) is None
        ]

    def check(self, name: str, entity: Any, user: Any) -> Action:
        """The action, or its refusal raised: 403 (PermissionDeniedError) unless ``user`` may,
        then 409 (InvalidTransitionError, with the hint for this state) unless the state
        allows it."""
        action = self[name]
        refusal = action.refusal(user, entity)
        if refusal is not None:
            raise PermissionDeniedError(refusal)
        state = self.state_of(entity)
        if not action.state_allows(self.workflow, state, entity):
            hint = action.hints.get(state, "")
            if self.state_refusal is not None:
                raise self.state_refusal(entity, name, hint)
            raise InvalidTransitionError(hint or None, state=state, action=name)
        return action

    def perform(
        self, name: str, entity: Any, *, actor: Any, data: Mapping[str, Any] | None = None
    ) -> Any:
        """Take the action: refuse as :meth:`check` does, else call its service with the
        entity, the actor and ``data`` (the service's keywords); returns what it returns."""
        action = self.check(name, entity, actor)
        return self.call(action, entity, actor=actor, data=data)

    def call(
        self, action: Action, entity: Any, *, actor: Any, data: Mapping[str, Any] | None = None
    ) -> Any:
        """Call the action's service (it checks permission and state again, under its lock)."""
        return action.service(**{self.entity: entity}, actor=actor, **dict(data or {}))


@dataclass
class StepOutcome:
    """What :func:`page_step` did. ``ok``: the service ran (``result``); ``failure`` then says
    the platform did not act (the attempt is recorded: show it as a message). Otherwise
    ``form`` is to be shown again with ``status``."""

    ok: bool
    form: forms.Form
    status: int = 200
    result: Any = None
    failure: ApplicationError | None = None


def blank_form(action: Action) -> forms.Form | None:
    """The action's form, unbound (for the page that offers it)."""
    return action.form() if action.form else None


def page_step(
    request: Any,
    actions: ActionSet,
    name: str,
    entity: Any,
    *,
    form: forms.Form | None = None,
    data: Mapping[str, Any] | None = None,
) -> StepOutcome:
    """The pages' dispatch of one action from a POST, in the pages' order: 403 unless the user
    may (raised: the error page), then 409 on the form unless the state allows it, then the
    form (400), then the service; a refusal the user can fix (``core.forms.FIXABLE``) is put
    back on the form with its status.

    A page whose form needs more than the POST (choices from the entity) passes it bound as
    ``form``; one that works out some of the service's keywords itself (a person chosen from
    the roster) passes them as ``data``, which replaces ``from_form``'s."""
    action = actions[name]
    if form is None:
        form = action.form(request.POST, request.FILES) if action.form else problem_form()
    try:
        actions.check(name, entity, request.user)
    except InvalidTransitionError as error:
        return StepOutcome(ok=False, form=form, status=refused(form, error))
    if not form.is_valid():
        return StepOutcome(ok=False, form=form, status=400)
    if data is None:
        data = action.from_form(form.cleaned_data) if action.form else {}
    try:
        result = actions.call(action, entity, actor=request.user, data=data)
    except action.failures as error:
        return StepOutcome(ok=True, form=form, failure=error)
    except FIXABLE as error:
        return StepOutcome(ok=False, form=form, status=refused(form, error))
    failure = action.failure(result) if action.failure else None
    return StepOutcome(ok=True, form=form, result=result, failure=failure)
