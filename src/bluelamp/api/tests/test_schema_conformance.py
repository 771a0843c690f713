"""Every response of the REST API conforms to the published OpenAPI schema: schemathesis
generates requests for every operation (valid ones, and invalid ones), sends them to a live
test server as a member of CCD (who may use most endpoints), and checks each answer: never a
server error, a status code the schema lists, the content type it names, and a body that
matches the schema."""

from __future__ import annotations

import os
import time

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bluelamp.core.roles import Role

#: Examples per operation and generation mode: 41 operations × 2 modes, and the 33 with ids
#: again with real ids, × this: about 350 requests, bounded so that the run takes under a
#: minute on two cores. BLUELAMP_SCHEMATHESIS_EXAMPLES raises it for a longer hunt.
EXAMPLES = int(os.environ.get("BLUELAMP_SCHEMATHESIS_EXAMPLES", "3"))
_CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
#: Valid requests and invalid ones (refused, but cleanly and in the documented shape) alike.
CHECKS = {GenerationMode.POSITIVE: _CONFORMANCE, GenerationMode.NEGATIVE: _CONFORMANCE}


@pytest.fixture
def world(transactional_db, user_of, token_for) -> dict:
    """A token for someone in CCD and information security (between them, every endpoint),
    and one of each thing the API names, so that generated requests also reach real ones."""
    from bluelamp.data_requests.tests.factories import (
        LetterFactory,
        PostDecisionFactory,
        RemovalRequestFactory,
    )
    from bluelamp.publishing.services import compose
    from bluelamp.social_accounts.tests.factories import AccountFactory, ApplicationFactory

    user = user_of(Role.CCD, Role.INFOSEC)
    account = AccountFactory(members=[user])
    post = compose.post_create(
        actor=user, account=account, text="Thanks to everyone who came to the fun day."
    )
    application = ApplicationFactory()
    # No task yet: the factories do not walk the workflow, and a task beside a request that
    # has not started actioning is a state the service never makes.
    request = RemovalRequestFactory(owner=user)
    decision = PostDecisionFactory(request=request)
    letter = LetterFactory(request=request)
    return {
        "token": token_for(user),
        "ids": {
            "/api/v1/accounts/": {"id": account.pk},
            "/api/v1/applications/": {"id": application.pk},
            "/api/v1/posts/": {"public_id": str(post.public_id)},
            "/api/v1/removal-requests/": {
                "id": request.pk,
                "letter_id": letter.pk,
                "post_id": decision.pk,
            },
        },
    }


def _explore(operation, mode, base_url: str, session, failures: dict, answered: set, ids=None):
    """Send EXAMPLES generated requests for one operation (with ``ids`` as its path
    parameters, if given); keep the first failure of each kind (the run goes on, so that one
    report lists every operation that fails)."""

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=ids))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(base_url=base_url, session=session)
        if 200 <= response.status_code < 300:
            answered.add(operation.label)
        try:
            case.validate_response(response, checks=CHECKS[mode])
        except (Failure, FailureGroup) as failure:
            key = (operation.label, f"{mode}{' real ids' if ids else ''}: {type(failure).__name__}")
            failures.setdefault(key, f"{failure}\n{case.as_curl_command()}"[:1500])

    run()


def _real_ids(operation, ids: dict) -> dict | None:
    names = {p.name for p in operation.path_parameters}
    if not names:
        return None
    for prefix, values in ids.items():
        if operation.path.startswith(prefix):
            return {name: values[name] for name in names if name in values} or None
    return None


def test_every_response_conforms_to_the_schema(live_server, world):
    headers = {"Authorization": f"Bearer {world['token']}"}
    schema = schemathesis.openapi.from_url(
        f"{live_server.url}/api/schema/?format=json", headers=headers
    )
    session = requests.Session()
    session.headers.update(headers)
    failures: dict[tuple[str, str], str] = {}
    answered: set[str] = set()
    operations = 0
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in CHECKS:
            _explore(operation, mode, live_server.url, session, failures, answered)
        ids = _real_ids(operation, world["ids"])
        if ids:
            positive = GenerationMode.POSITIVE
            _explore(operation, positive, live_server.url, session, failures, answered, ids)
    elapsed = time.monotonic() - started
    # Every operation the schema publishes was explored (none skipped by a loading error).
    published = requests.get(f"{live_server.url}/api/schema/?format=json", headers=headers).json()
    methods = {"get", "post", "put", "patch", "delete"}
    assert operations == sum(len(methods & set(p)) for p in published["paths"].values())
    # Not only refusals: requests reach real things, and change some of them.
    assert len(answered) >= 15, sorted(answered)
    report = "\n\n".join(f"{label} [{kind}]\n{text}" for (label, kind), text in failures.items())
    assert not failures, f"{len(failures)} failures in {elapsed:.0f} s:\n{report}"
