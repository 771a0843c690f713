"""The policy page: every clause of the pack for everyone signed in, with its summary, what
Bluelamp does and an anchor; citations of a clause anywhere link to that anchor."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from bluelamp.core.policy import policy_pack
from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_every_role_reads_every_clause_with_what_bluelamp_does(client, role):
    client.force_login(UserFactory(roles=[role]))

    response = client.get("/policy/")

    assert response.status_code == 200
    html = response.content.decode()
    pack = policy_pack()
    for clause in pack.clauses:
        anchor = "clause-" + clause.id.replace(".", "-")
        assert f'id="{anchor}"' in html, clause.id
    assert "What Bluelamp does" in html
    assert html.count("<title>") == 1 and "The policy: CC/01" in html


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/policy/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_a_clause_lists_the_pages_and_checks_that_carry_it(client):
    client.force_login(UserFactory(roles=[Role.STAFF]))
    html = client.get("/policy/").content.decode()
    section = html.split('id="clause-3-3"')[1].split("</section>")[0]
    assert 'href="/applications/new/"' in section
    personal = html.split('id="clause-4-12"')[1].split("</section>")[0]
    assert "The check “" in personal


def test_citations_link_to_the_clause_and_unknown_ones_stay_words():
    out = Template(
        "{% load clauses %}{{ '4.12'|clause_link }}|{{ '9.99'|clause_link }}|{{ text|cite_clauses }}"
    ).render(Context({"text": "<b>x</b> see CC/01 3.11 and CC/01 9.9"}))

    first, unknown, cited = out.split("|")
    assert first == '<a class="govuk-link" href="/policy/#clause-4-12">CC/01 4.12</a>'
    assert unknown == "CC/01 9.99"
    assert "&lt;b&gt;x&lt;/b&gt;" in cited
    assert '<a class="govuk-link" href="/policy/#clause-3-11">CC/01 3.11</a>' in cited
    assert cited.endswith("CC/01 9.9")
