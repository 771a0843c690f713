"""Full-text search of posts (``publishing.search``), on whichever database the tests run
(SQLite by default; PostgreSQL under ``.ci/with-postgres``): stemming, phrases, beginnings,
words left out, ranking, highlighting (escaped), who may find what, and queries typed to
break it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bluelamp.publishing import archive, search, search_schema
from bluelamp.publishing.models import Post
from bluelamp.publishing.tests.test_archive import NOW, build_world, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def found(user, q: str, **filters) -> list[int]:
    return [p.pk for p in archive.archive_search(user=user, q=q, **filters)]


# ----------------------------------------------------------------------------- the parser


def test_the_parser_reads_words_phrases_beginnings_left_out_and_or():
    parsed = search.parse('road "Walsall Road" burg* -theft -"car park" knife OR blade')

    assert parsed.groups == (
        (search.Term("road"),),
        (search.Term("Walsall Road", phrase=True),),
        (search.Term("burg", prefix=True),),
        (search.Term("knife"), search.Term("blade")),
    )
    assert parsed.excluded == (search.Term("theft"), search.Term("car park", phrase=True))
    assert parsed.problem == ""


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("***", search.NOTHING_TO_FIND),
        ('"" - -- * ^ :', search.NOTHING_TO_FIND),
        ("-burglary", search.ONLY_LEFT_OUT),
        ('-"car park" -knife', search.ONLY_LEFT_OUT),
        ("", ""),
        ("   ", ""),
    ],
)
def test_a_query_with_nothing_to_find_is_explained(query, problem):
    assert search.problem(query) == problem


def test_engine_syntax_typed_by_a_person_is_quoted_for_fts5():
    expression = search.fts5_query(search.parse('text:knife NEAR(a b) ^x "open AND'))
    assert expression == '"text:knife" AND "NEAR(a" AND "b)" AND "^x" AND "open AND"'


def test_postgres_prefix_lexemes_hold_letters_and_digits_only():
    _, params = search.tsquery(search.parse("it's:*&|!*"))
    assert params == ["'it' <-> 's':*"]


# --------------------------------------------------------------------------- what it finds


def test_stemming_finds_other_forms_of_a_word(world):
    arrested = make_post(world.team, text="A man was arrested in Dudley last night.")
    arrests = make_post(world.team, text="Three arrests after the operation.")
    make_post(world.team, text="Beat meeting tonight.")

    assert set(found(world.ccd, "arrest")) == {arrested.pk, arrests.pk}
    assert set(found(world.ccd, "ARRESTING")) == {arrested.pk, arrests.pk}


def test_every_word_must_be_there(world):
    both = make_post(world.team, text="Burglary in Walsall overnight.")
    make_post(world.team, text="Burglary in Dudley overnight.")

    assert found(world.ccd, "burglary walsall") == [both.pk]


def test_a_phrase_finds_the_words_together_in_order(world):
    road = make_post(world.team, text="Walsall Road is closed after a collision.")
    make_post(world.team, text="The road to Walsall is open.")

    assert found(world.ccd, '"walsall road"') == [road.pk]
    # An unclosed quote runs to the end of the query.
    assert found(world.ccd, '"walsall road') == [road.pk]


def test_a_beginning_finds_longer_words(world):
    burglary = make_post(world.team, text="Burglary advice evening.")
    burglar = make_post(world.team, text="A burglar was seen.")
    make_post(world.team, text="The bus lane is closed.")

    assert set(found(world.ccd, "burg*")) == {burglary.pk, burglar.pk}


def test_words_left_out_and_either_word(world):
    knife = make_post(world.team, text="Knife arch at the station today.")
    blade = make_post(world.team, text="Blade amnesty bins at the station.")
    make_post(world.team, text="Station car park closed.")

    assert set(found(world.ccd, "knife OR blade")) == {knife.pk, blade.pk}
    assert set(found(world.ccd, "station -knife -park")) == {blade.pk}
    assert set(found(world.ccd, 'station -"car park"')) == {knife.pk, blade.pk}


def test_numbers_and_handles_are_still_found(world):
    a34 = make_post(world.team, text="The A34 is closed at junction 7.")
    call = make_post(world.team, text="In an emergency call 999. Follow @WMPDudley for news.")

    assert found(world.ccd, "A34") == [a34.pk]
    assert found(world.ccd, "999") == [call.pk]
    assert found(world.ccd, "@WMPDudley") == [call.pk]
    assert found(world.ccd, "wmpdudley") == [call.pk]


def test_results_come_best_match_first(world):
    once = make_post(world.team, text="Burglary advice at the library, with tea and biscuits.")
    thrice = make_post(world.team, text="Burglary, burglary, burglary: lock your doors.")
    other = make_post(world.team, text="Nothing to do with it.")

    results = list(archive.archive_search(user=world.ccd, q="burglary"))

    assert [p.pk for p in results] == [thrice.pk, once.pk]
    assert results[0].search_rank > results[1].search_rank
    assert other.pk not in found(world.ccd, "burglary")


def _aged(account, text: str, days: int) -> Post:
    return make_post(account, text=text, published_at=NOW - dt.timedelta(days=days))


def test_only_the_newest_matches_are_ranked_and_returned(world, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 3)
    monkeypatch.setattr(search, "_ranks_every_match", lambda matches, limit: False)
    best_but_old = _aged(world.team, "Patrol, patrol, patrol: the night patrol.", 30)
    newest = [
        _aged(world.team, "Patrol tonight in the town centre, with the council.", 1),
        _aged(world.team, "Patrol patrol in the park.", 2),
        _aged(world.team, "A foot patrol on the high street this afternoon.", 3),
    ]
    _aged(world.team, "Nothing of the kind.", 0)

    results = list(search.post_fulltext(Post.objects.all(), "patrol", rank_limit=3))
    unbounded = list(search.post_fulltext(Post.objects.all(), "patrol", rank_limit=None))

    # The three newest matches, best first among them; the older, better match is left out.
    assert {p.pk for p in results} == {p.pk for p in newest}
    assert results[0].pk == newest[1].pk
    assert [p.search_rank for p in results] == sorted(
        (p.search_rank for p in results), reverse=True
    )
    assert unbounded[0].pk == best_but_old.pk
    assert len(unbounded) == 4
    # The archive (and so the API) ranks within the same bound.
    assert {p for p in found(world.ccd, "patrol")} == {p.pk for p in newest}


def test_the_bound_counts_only_what_the_user_may_read_and_the_filters_keep(world, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    monkeypatch.setattr(search, "_ranks_every_match", lambda matches, limit: False)
    mine = [_aged(world.team, f"Cordon lifted on road {n}.", 5 + n) for n in range(3)]
    theirs = [_aged(world.other, f"Cordon in place on street {n}.", n) for n in range(3)]

    # Newer posts the author may not read take no place among their two.
    assert found(world.author, "cordon") and set(found(world.author, "cordon")) == {
        mine[0].pk,
        mine[1].pk,
    }
    assert set(found(world.ccd, "cordon")) == {theirs[0].pk, theirs[1].pk}
    # Filters are applied before the bound: the team's two newest, not none.
    assert set(found(world.ccd, "cordon", account=world.team.pk)) == {mine[0].pk, mine[1].pk}
    # And the highlights mark the words of the ranked posts.
    marked = search.highlights(archive.archive_search(user=world.ccd, q="cordon"), "cordon")
    assert all("<mark" in str(extract) for extract in marked.values()) and len(marked) == 2


def test_a_word_is_ranked_in_full_while_that_costs_no_more_than_the_bound():
    # A million posts, 200 to rank: all of up to 10,000 matches, the newest 200 beyond.
    assert search.rank_every_match(10_000, 1_000_000, 200)
    assert not search.rank_every_match(10_001, 1_000_000, 200)
    assert search.rank_every_match(3_000, 100_000, 200)
    assert not search.rank_every_match(25_000, 1_000_000, 200)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's choice")
def test_sqlite_ranks_every_match(world, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    posts = [make_post(world.team, text=f"Speed check number {n}.") for n in range(3)]
    assert set(found(world.ccd, "speed")) == {p.pk for p in posts}


def test_the_index_follows_changes_and_deletes(world):
    post = make_post(world.team, text="Shoplifting in the town centre.")
    assert found(world.ccd, "shoplifting") == [post.pk]

    Post.objects.filter(pk=post.pk).update(text="Pickpockets in the town centre.")
    assert found(world.ccd, "shoplifting") == []
    assert found(world.ccd, "pickpocket") == [post.pk]

    post.delete()
    assert found(world.ccd, "pickpocket") == []


def test_search_combines_with_the_other_filters(world):
    wanted = make_post(world.team, text="Witness appeal: Bilston Road")
    make_post(world.other, text="Witness appeal: Bilston Road")

    assert found(world.ccd, "bilston", account=world.team.pk) == [wanted.pk]


# --------------------------------------------------------------------- who may find what


def test_search_never_finds_a_post_the_user_may_not_read(world):
    mine = make_post(world.team, text="Operation Nightjar: arrests made.")
    theirs = make_post(world.other, text="Operation Nightjar: arrests made, too.")
    draft = make_post(world.team, text="Operation Nightjar draft.", state="draft")

    # The author runs the team account only; CCD reads every account's archive.
    assert found(world.author, "nightjar") == [mine.pk]
    assert set(found(world.ccd, "nightjar")) == {mine.pk, theirs.pk}
    assert draft.pk not in found(world.ccd, "nightjar")
    assert found(world.outsider, "nightjar") == [theirs.pk]
    # Nor through a highlight.
    marked = search.highlights([mine], "nightjar")
    assert list(marked) == [mine.pk]


# ------------------------------------------------------------------------------ highlights


def test_highlights_mark_the_words_found_and_escape_the_rest(world):
    post = make_post(
        world.team,
        text='<script>alert("x")</script> A man was arrested <b>near</b> the station & park.',
    )

    marked = search.highlights([post], "arrest station")[post.pk]

    assert '<mark class="bl-search-match">arrested</mark>' in marked
    assert '<mark class="bl-search-match">station</mark>' in marked
    assert "<script>" not in marked and "<b>" not in marked
    assert "&amp;" in marked
    if connection.vendor == "sqlite":
        assert "&lt;script&gt;" in marked
    # PostgreSQL's ts_headline leaves out whatever looks like an HTML tag.
    assert marked.count("<mark") == marked.count("</mark>")


def test_highlight_markers_typed_into_a_post_cannot_open_markup(world):
    post = make_post(world.team, text="Arrested \ufdd0<i>\ufdd1 \ufdd0 x")

    marked = search.highlights([post], "arrested")[post.pk]

    assert "<i>" not in marked
    assert marked.count("<mark") == marked.count("</mark>")


def test_the_marked_extract_is_balanced_whatever_the_engine_returns():
    marked = search._marked("\ufdd0a\ufdd0<b>\ufdd1\ufdd1 c \ufdd0d")
    assert marked == (
        '<mark class="bl-search-match">a&lt;b&gt;</mark> c <mark class="bl-search-match">d</mark>'
    )


# ---------------------------------------------------------------------- hostile queries

NASTY = [
    '"',
    '""',
    '"""',
    "*",
    "**",
    "-",
    "--",
    "- -",
    "a*b*c",
    "*burg",
    "burg**",
    "(",
    ")",
    "()",
    "a AND",
    "AND",
    "OR",
    "OR OR OR",
    "a OR",
    "NOT a",
    "a NOT",
    "NEAR(a b, 2)",
    "NEAR",
    "text:burglary",
    "publishing_post_fts:x",
    "{text}:x",
    "^burglary",
    "+burglary",
    "a + b",
    "'",
    "it's",
    "'; DROP TABLE publishing_post; --",
    "\\",
    "\\'",
    "a & b | !c",
    "a <-> b",
    "a:*",
    ":*",
    "'a':*",
    "!!",
    "%",
    "_",
    "%_%",
    "\x00",
    "null\x00byte",
    "émeute",
    "Straße",
    "警察",
    "🚓🚓",
    "a" * 300,
    " ".join(["word"] * 100),
    "\u202eevil",
    "\ufdd0\ufdd1",
]


def _tries(user, q: str) -> None:
    list(archive.archive_search(user=user, q=q)[:5])
    search.highlights(Post.objects.all()[:2], q)


@pytest.mark.parametrize("q", NASTY)
def test_hostile_queries_never_raise_a_database_error(world, q):
    make_post(world.team, text="Burglary advice: it's never too late. A & B, 50% off!")
    _tries(world.ccd, q.replace("\x00", "") if connection.vendor == "postgresql" else q)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_is_a_query_that_cannot_fail(world, q):
    if connection.vendor == "postgresql":
        q = q.replace("\x00", "")  # PostgreSQL's text cannot hold NUL at all
    _tries(world.ccd, q)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=st.lists(
        st.sampled_from(['"', "*", "-", "OR", "AND", "NOT", "NEAR(", ")", "^", ":", "burg", "x"]),
        max_size=8,
    ).map(" ".join)
)
def test_operator_soup_cannot_fail(world, q):
    _tries(world.ccd, q)


# --------------------------------------------------------------------------- the schema


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the triggers are SQLite's")
def test_lost_triggers_are_put_back_and_the_index_rebuilt(world):
    post = make_post(world.team, text="Cycle marking at the station.")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER publishing_post_fts_update")
    Post.objects.filter(pk=post.pk).update(text="Bike marking at the station.")
    assert found(world.ccd, "bike") == []

    assert search_schema.repair(connection) is True

    assert found(world.ccd, "bike") == [post.pk]
    assert search_schema.repair(connection) is False


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the triggers are SQLite's")
@pytest.mark.django_db(transaction=True)
def test_a_migration_that_rebuilds_the_post_table_gets_the_triggers_back():
    # What Django does on SQLite to alter any column of a table: copy it to a new one.
    with connection.schema_editor() as editor:
        editor._remake_table(Post)
    with connection.cursor() as cursor:
        triggers = search_schema._sqlite_names(cursor, "trigger")
    assert not set(search_schema.POSTS.triggers()) & triggers

    call_command("migrate", verbosity=0)  # nothing to apply; post_migrate repairs

    with connection.cursor() as cursor:
        triggers = search_schema._sqlite_names(cursor, "trigger")
    assert set(search_schema.POSTS.triggers()) <= triggers


# ------------------------------------------------------------------------ the page and API


def test_the_archive_page_ranks_and_highlights(client, world):
    make_post(world.team, text="Burglary advice <em>tonight</em>.")
    best = make_post(world.team, text="Burglary, burglary: lock up.")
    client.force_login(world.ccd)

    response = client.get(reverse("publishing:archive"), {"q": "burglary"})

    assert response.status_code == 200
    assert response.context["page"][0] == best
    assert '<mark class="bl-search-match">Burglary</mark>' in response.text
    assert "<em>tonight" not in response.text
    assert "best match first" in response.text


def test_the_archive_page_numbers_the_pages_of_ranked_matches(client, world, monkeypatch):
    from bluelamp.publishing import views_archive

    monkeypatch.setattr(views_archive, "PAGE_SIZE", 2)
    for i in range(5):
        make_post(world.team, text=f"Burglary report number {i}.")
    make_post(world.team, text="Nothing to do with it.")
    client.force_login(world.ccd)

    first = client.get(reverse("publishing:archive"), {"q": "burglary"})
    third = client.get(reverse("publishing:archive"), {"q": "burglary", "page": "3"})

    assert first.status_code == third.status_code == 200
    assert len(first.context["page"]) == 2 and len(third.context["page"]) == 1
    assert "page 1 of 3" in first.text and "5 posts found" in first.text
    assert "q=burglary&amp;page=2" in first.text  # numbered links keep the words
    shown = {
        p.pk
        for n in (1, 2, 3)
        for p in client.get(
            reverse("publishing:archive"), {"q": "burglary", "page": str(n)}
        ).context["page"]
    }
    assert len(shown) == 5


def test_the_archive_page_says_when_only_the_newest_matches_are_ranked(client, world, monkeypatch):
    for i in range(3):
        make_post(world.team, text=f"Burglary report number {i}.")
    client.force_login(world.ccd)
    assert (
        "Only the newest" not in client.get(reverse("publishing:archive"), {"q": "burglary"}).text
    )

    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    monkeypatch.setattr(search, "_ranks_every_match", lambda matches, limit: False)
    page = client.get(reverse("publishing:archive"), {"q": "burglary"})

    assert len(page.context["page"]) == 2
    assert "The newest 2 posts found, best match first" in page.text
    assert "Only the newest 2 posts with these words are ranked and shown" in page.text


def test_the_archive_page_explains_a_query_with_nothing_to_find(client, world):
    make_post(world.team)
    client.force_login(world.ccd)

    response = client.get(reverse("publishing:archive"), {"q": "-burglary"})

    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert search.ONLY_LEFT_OUT in response.text


def test_the_api_searches_the_same_way(client, world):
    once = make_post(world.team, text="Burglary advice at the library tonight.")
    thrice = make_post(world.team, text="Burglary, burglary, burglary: lock up.")
    make_post(world.other, text="Burglary on the other account.")
    client.force_login(world.author)

    response = client.get("/api/v1/posts", {"q": "burglaries"})

    assert response.status_code == 200
    assert [p["id"] for p in response.json()["results"]] == [
        str(thrice.public_id),
        str(once.public_id),
    ]
    first = response.json()["results"][0]
    assert first["match"].startswith('<mark class="bl-search-match">Burglary</mark>')
    assert client.get("/api/v1/posts").json()["results"][0]["match"] is None
    bad = client.get("/api/v1/posts", {"q": '"*"'})
    assert bad.status_code == 400
    assert search.NOTHING_TO_FIND in bad.json()["message"]
