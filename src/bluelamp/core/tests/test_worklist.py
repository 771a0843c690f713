"""The registry of work waiting for a person: providers registered by the apps above core,
read alike by the home page and the API."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.core import worklist
from bluelamp.core.worklist import WorkItem, WorkList

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class Signed:
    is_authenticated = True


@pytest.fixture
def only(monkeypatch):
    """Replace the registered providers with the given ones for one test."""

    def use(*providers):
        monkeypatch.setattr(worklist, "_providers", list(providers))

    return use


def test_items_are_sorted_due_soonest_then_oldest_waiting_then_undated(only):
    def provider(user, now):
        return [
            WorkList(
                key="t.one",
                title="One",
                url="/one/",
                items=[
                    WorkItem("undated", "/u/"),
                    WorkItem("waiting long", "/w/", since=NOW - dt.timedelta(days=5)),
                    WorkItem("due later", "/l/", due=NOW + dt.timedelta(days=3)),
                    WorkItem("due on a date", "/d/", due=dt.date(2026, 3, 3)),
                    WorkItem("due sooner", "/s/", due=NOW + dt.timedelta(hours=1)),
                ],
            )
        ]

    only(provider)
    [work] = worklist.work_for(Signed(), now=NOW)
    assert [i.title for i in work.items] == [
        "due sooner",
        "due on a date",
        "due later",
        "waiting long",
        "undated",
    ]
    assert work.total == 5


def test_empty_lists_are_left_out_and_lists_ordered_by_their_most_pressing_item(only):
    def later(user, now):
        return [
            WorkList(
                "t.later", "Later", "/", [WorkItem("a", "/a/", due=NOW + dt.timedelta(days=9))]
            )
        ]

    def sooner(user, now):
        return [
            WorkList("t.empty", "Empty", "/"),
            WorkList("t.sooner", "Sooner", "/", [WorkItem("b", "/b/", due=NOW)]),
        ]

    only(later, sooner)
    assert [w.key for w in worklist.work_for(Signed(), now=NOW)] == ["t.sooner", "t.later"]


def test_a_long_list_shows_the_first_few_and_counts_them_all(only):
    def many(user, now):
        return [WorkList("t.many", "Many", "/", [WorkItem(str(n), f"/{n}/") for n in range(25)])]

    only(many)
    [work] = worklist.work_for(Signed(), now=NOW)
    assert len(work.items) == worklist.SHOWN
    assert work.total == 25
    [data] = worklist.as_data([work])
    assert data["count"] == 25 and len(data["items"]) == worklist.SHOWN


def test_nobody_signed_in_has_no_work(only):
    only(lambda user, now: [WorkList("t.x", "X", "/", [WorkItem("x", "/x/")])])

    class Anonymous:
        is_authenticated = False

    assert worklist.work_for(Anonymous(), now=NOW) == []
    assert worklist.work_for(None, now=NOW) == []


def test_registering_twice_registers_once(only):
    only()

    def provider(user, now):
        return []

    worklist.register(provider)
    worklist.register(provider)
    assert worklist._providers == [provider]


def test_every_app_with_work_registers_its_provider():
    modules = {p.__module__ for p in worklist._providers}
    assert modules >= {
        "bluelamp.publishing.work",
        "bluelamp.social_accounts.work",
        "bluelamp.data_requests.work",
        "bluelamp.account_security.work",
        "bluelamp.conduct.work",
        "bluelamp.spoofs.work",
        "bluelamp.acknowledgements.work",
    }
