"""The one way to build the API's step endpoints from an app's action declarations
(``core.actions``): ``POST /api/v1/<entity>/{id}/<action>`` validates the body with the action's
serializer (``validated``), performs it through the ActionSet (403 unless the caller may, 409
unless the state allows, then the one service) and answers the entity as it now is. Each step is
its own view class, so each has its own OpenAPI operation (``<prefix>_<action>``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from bluelamp.core.actions import ActionSet
from bluelamp.core.rest.base import ApiView, validated
from bluelamp.core.rest.errors import error_responses

Fetch = Callable[..., Any]
Answer = Callable[[Any, Any], Any]
Extra = Callable[..., Mapping[str, Any]]


def step_view(
    actions: ActionSet,
    name: str,
    *,
    fetch: Fetch,
    answer: Answer,
    permission_classes: tuple,
    operation_id: str,
    tag: str,
    response: Any,
    errors: dict[str, str] | None = None,
    extra: Extra | None = None,
) -> type[ApiView]:
    """A view class for the action ``name``: ``fetch(request, **path_kwargs)`` finds the entity
    (404 alike for missing and not yours), ``answer(request, entity)`` is the body of the 200.
    ``errors`` adds to the shared error table (the action's own ``errors`` too).
    ``extra(request, entity, **path_kwargs)``, when given, adds service keywords the body does
    not hold (an item the path names, found within the entity: 404 otherwise)."""
    action = actions[name]
    body = action.serializer

    @extend_schema(
        operation_id=operation_id,
        tags=[tag],
        summary=action.summary,
        description=action.description,
        request=body,
        responses={200: response, **error_responses(**{**(errors or {}), **action.errors})},
    )
    def post(self, request, **kwargs):
        entity = fetch(request, **kwargs)
        data = action.from_body(validated(body, request.data)) if body is not None else {}
        if extra is not None:
            data = {**data, **extra(request, entity, **kwargs)}
        result = actions.perform(name, entity, actor=request.user, data=data)
        failure = action.failure(result) if action.failure else None
        if failure is not None:
            raise failure
        return Response(answer(request, entity))

    camel = "".join(part.title() for part in name.split("_"))
    view = type(
        f"{camel}View",
        (ApiView,),
        {
            "permission_classes": permission_classes,
            "post": post,
            "__doc__": action.summary,
        },
    )
    return view
