"""Full-text search of posts with the database's own engine: PostgreSQL's full-text search
(English stemming, a GIN index on a stored ``tsvector``) or SQLite's FTS5 (the porter
stemmer, an external-content index kept in step by triggers). Both are made by the migration
``0009_post_fulltext``; the archive page and ``GET /api/v1/posts`` search through
``post_fulltext`` here, so they find, rank and highlight alike.

What a person may type (the same on both databases):

- words: every word must be in the post, in any form of it (``arrest`` finds "arrested");
- ``"a phrase"``: the words next to each other, in that order;
- ``word*``: words that begin so (``burg*`` finds "burglary" and "burglar");
- ``-word`` or ``-"a phrase"``: posts without it;
- ``OR`` between two words or phrases: either of them.

The query is parsed here, never handed to the database's own query language: each word goes
to the engine as a quoted string (FTS5) or through ``plainto_tsquery`` (PostgreSQL), so quotes,
stars, brackets, ``NEAR``, ``^`` or ``column:`` typed by a person are words or nothing, never
syntax, and never a database error. A query with nothing to search for (only punctuation, or
only words to leave out) is refused with a message (``QueryParse.problem``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router
from django.db.models import BooleanField, F, FloatField, Func, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bluelamp.core.paging import estimated_rows
from bluelamp.publishing.models import Post

#: More terms than this are ignored: a person's search never needs them, and each costs the
#: engine a pass over an index.
MAX_TERMS = 16
#: Ranking reads every match's row (its rank decides the order), so a word in a large share of a
#: big archive would cost a read of each of its matches. On PostgreSQL, a word with more matches
#: than ``rank_every_match`` allows has only its newest this many ranked and returned, found by
#: reading the archive's own index newest first until there are enough (docs/search.md).
RANK_LIMIT = 200
#: Reading a row in the archive's order (the index) costs about this share of reading one
#: match's row from the word index (measured at a million posts: docs/search.md).
_ORDERED_READ_SHARE = 0.5
#: How much text a highlighted extract shows around the words found.
SNIPPET_WORDS = 30

# Characters a post's text will not hold, to mark the highlighted words inside the engine's
# output before it is escaped: Unicode noncharacters, removed from queries (and from the text
# on PostgreSQL). A post that held one could only misplace a mark, never open markup.
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"
_TOKEN = re.compile(r'(-?)"([^"]*)"?|([^\s"]+)')
_ALNUM = re.compile(r"[^\W_]+")
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_OPEN}{_CLOSE}]")

NOTHING_TO_FIND = "Enter a word to search for, made of letters or numbers"
ONLY_LEFT_OUT = (
    "Enter a word to find as well as the words to leave out (a word after a minus sign, "
    "such as -burglary, leaves posts out)"
)


@dataclass(frozen=True)
class Term:
    """One thing to find: a word (as typed, less any operator), a phrase, or a beginning."""

    text: str
    phrase: bool = False
    prefix: bool = False

    @property
    def pieces(self) -> list[str]:
        """The runs of letters and digits in it (a beginning is searched on these alone)."""
        return _ALNUM.findall(self.text)


@dataclass(frozen=True)
class QueryParse:
    """A person's query, read: every group must match (a group is one term, or several joined
    by OR), and no term in ``excluded`` may."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    problem: str = ""
    words: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.groups)


def parse(query: str) -> QueryParse:
    """Read ``query`` into terms; never raises. Anything that is not a word, a phrase, a
    beginning, a minus or ``OR`` is treated as the word it contains, or dropped."""
    # Control characters (NUL ends an FTS5 string early) and our markers are spaces here.
    query = _CONTROL.sub(" ", query or "").strip()
    if not query:
        return QueryParse()
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    joining = False
    count = 0
    for match in _TOKEN.finditer(query):
        if count >= MAX_TERMS:
            break
        negated = False
        if match.group(2) is not None:
            term = Term(" ".join(match.group(2).split()), phrase=True)
            negated = bool(match.group(1))
        else:
            word = match.group(3)
            if word == "OR":
                joining = bool(groups)
                continue
            if word.startswith("-") and len(word) > 1:
                negated, word = True, word.lstrip("-")
            prefix = word.endswith("*")
            term = Term(word.rstrip("*"), prefix=prefix)
        if not term.pieces:
            continue
        count += 1
        if negated:
            excluded.append(term)
        elif joining:
            groups[-1].append(term)
        else:
            groups.append([term])
        joining = False
    problem = ""
    if not groups:
        problem = ONLY_LEFT_OUT if excluded else NOTHING_TO_FIND
    words = tuple(piece for group in groups for term in group for piece in term.pieces)
    return QueryParse(
        groups=tuple(tuple(g) for g in groups),
        excluded=tuple(excluded),
        problem=problem,
        words=words,
    )


def problem(query: str) -> str:
    """Why ``query`` cannot be searched, or "" (for forms and the API to say so)."""
    return parse(query).problem if (query or "").strip() else ""


# ----------------------------------------------------------------------------- the engines


def _vendor() -> str:
    return connections[router.db_for_read(Post)].vendor


# SQLite: FTS5 ------------------------------------------------------------------------------


def _fts5_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts5_term(term: Term) -> str:
    if term.prefix:
        return _fts5_string(" ".join(term.pieces)) + "*"
    return _fts5_string(term.text)


def fts5_query(parsed: QueryParse) -> str:
    """The FTS5 MATCH expression for ``parsed``: only quoted strings, AND, OR and NOT."""
    groups = []
    for group in parsed.groups:
        terms = [_fts5_term(t) for t in group]
        groups.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    expression = " AND ".join(groups)
    if parsed.excluded:
        expression = (
            "(" + expression + ")" + "".join(" NOT " + _fts5_term(t) for t in parsed.excluded)
        )
    return expression


class _Fts5Function(Func):
    """An FTS5 auxiliary function on the index table joined to the posts."""

    output_field = FloatField()


# PostgreSQL --------------------------------------------------------------------------------

_CONFIG = "'english'::regconfig"


def _pg_term(term: Term) -> tuple[str, list[str]]:
    if term.prefix:
        # Lexemes of letters and digits only, so nothing in them is tsquery syntax.
        pieces = [f"'{piece}'" for piece in term.pieces]
        return f"to_tsquery({_CONFIG}, %s)", [" <-> ".join(pieces) + ":*"]
    if term.phrase:
        return f"phraseto_tsquery({_CONFIG}, %s)", [term.text]
    return f"plainto_tsquery({_CONFIG}, %s)", [term.text]


def tsquery(parsed: QueryParse) -> tuple[str, list[str]]:
    """SQL building the ``tsquery`` for ``parsed`` from the parsing functions that accept any
    text, joined by ``&&``, ``||`` and ``!!``; and its parameters."""
    parts: list[str] = []
    params: list[str] = []
    for group in parsed.groups:
        sqls = []
        for term in group:
            sql, term_params = _pg_term(term)
            sqls.append(sql)
            params += term_params
        parts.append("(" + " || ".join(sqls) + ")")
    for term in parsed.excluded:
        sql, term_params = _pg_term(term)
        parts.append(f"(!! {sql})")
        params += term_params
    return "(" + " && ".join(parts) + ")", params


class _SearchVector(Func):
    """A stored ``tsvector`` column (generated, which only PostgreSQL has, so the model does
    not declare it), named as the column ``beside`` in the same table is: whatever alias the
    query gives the table."""

    output_field = TextField()

    def __init__(self, beside: str = "text", column: str = "text_search") -> None:
        self.beside, self.column = beside, column
        super().__init__(F(beside))

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        quoted = f'"{self.beside}"'
        if not sql.endswith(quoted):  # pragma: no cover - Django always quotes the column
            raise ValueError(f"unexpected column {sql}")
        return sql[: -len(quoted)] + f'"{self.column}"', params


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class _Rank(Func):
    function = "ts_rank"
    output_field = FloatField()


# ------------------------------------------------------------------------------ the selector


def fulltext(
    rows: QuerySet, query: str, *, document: str, beside: str, vector: str, matched: bool = False
) -> QuerySet:
    """The ``rows`` matching ``query`` on the full-text index of their table
    (``search_schema``), annotated ``search_rank`` (larger is better on both databases),
    unordered. ``document`` is the path to the FTS5 table's document column (SQLite),
    ``vector`` the stored ``tsvector`` column and ``beside`` a column of the same table
    (PostgreSQL). An empty or unusable query (see ``parse``) matches nothing. ``matched``
    says the ``rows`` are known to match already: PostgreSQL then only ranks them (SQLite's
    rank needs the match in the same query)."""
    parsed = parse(query)
    if not parsed:
        return rows.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connections[router.db_for_read(rows.model)].vendor == "postgresql":
        sql, params = tsquery(parsed)
        if not matched:
            rows = rows.filter(_Matches(_SearchVector(beside, vector), RawSQL(sql, params)))
        return rows.annotate(search_rank=_Rank(_SearchVector(beside, vector), RawSQL(sql, params)))
    return rows.filter(**{f"{document}__fts5_match": fts5_query(parsed)}).annotate(
        # bm25 is smaller for a better match: negated so both databases sort alike.
        search_rank=-_Fts5Function(F(document), function="bm25")
    )


_DEFAULT_LIMIT: Any = object()


def rank_every_match(matches: int, posts: int, limit: int) -> bool:
    """Whether ranking all of a word's ``matches`` (one row read each) costs no more than
    finding its newest ``limit`` in the archive's order: about ``limit * posts / matches``
    rows read, each a share (``_ORDERED_READ_SHARE``) of the cost. Both cost at most about
    the square root of ``limit * posts`` reads, where they meet, whatever the word."""
    return matches * matches <= _ORDERED_READ_SHARE * limit * max(posts, 1)


def _ranks_every_match(matches: QuerySet, limit: int) -> bool:
    """Rank all ``matches`` (True), or only the newest ``limit``? From PostgreSQL's
    estimates (no row read). Always all on SQLite: FTS5 reads every match to join them to
    the posts whatever the order, so a bound there would save little."""
    if connections[router.db_for_read(Post)].vendor != "postgresql" or matches.query.is_empty():
        return True
    found = estimated_rows(matches)
    posts = estimated_rows(Post.objects.all())
    return rank_every_match(found or 0, posts or 0, limit)


def post_fulltext(
    posts: QuerySet[Post], query: str, *, rank_limit: int | None = _DEFAULT_LIMIT
) -> QuerySet[Post]:
    """The ``posts`` (already scoped to what the user may read, and filtered) matching
    ``query``, best match first, then newest published, newest created. An empty or unusable
    query (see ``parse``) matches nothing. Each post carries ``search_rank``.

    With ``rank_limit`` (by default ``RANK_LIMIT``), a word too common to rank every match
    cheaply (``rank_every_match``, from PostgreSQL's estimates) has only its newest
    ``rank_limit`` matches ranked and returned, found in the archive's order before any is
    ranked: its cost follows ``rank_limit``, not its number of matches. Filters added to the
    result afterwards narrow those only: pass ``rank_limit=None`` to filter after the words
    (the result is then every match)."""
    if rank_limit is _DEFAULT_LIMIT:
        rank_limit = RANK_LIMIT
    newest = (F("published_at").desc(nulls_last=True), F("created_at").desc(), F("pk").desc())
    matches = fulltext(
        posts, query, document="search_entry__document", beside="text", vector="text_search"
    )
    if rank_limit is not None and not _ranks_every_match(matches, rank_limit):
        candidates = matches.order_by(*newest).values("pk")[:rank_limit]
        matches = fulltext(
            posts.filter(pk__in=candidates),
            query,
            document="search_entry__document",
            beside="text",
            vector="text_search",
            matched=True,
        )
    return matches.order_by(F("search_rank").desc(), *newest)


def _marked(text: str) -> SafeString:
    """Escape the engine's extract and turn its markers into ``<mark>``: only what we add is
    markup, whatever the post says, and every ``<mark>`` is closed."""
    out: list[str] = []
    inside = False
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", text or ""):
        if piece == _OPEN:
            if not inside:
                out.append('<mark class="bl-search-match">')
                inside = True
        elif piece == _CLOSE:
            if inside:
                out.append("</mark>")
                inside = False
        else:
            out.append(str(escape(piece)))
    if inside:
        out.append("</mark>")
    return mark_safe("".join(out))


def highlights(posts: Iterable[Post], query: str) -> dict[int, SafeString]:
    """For each of ``posts`` (a page of results: the work is per post), an extract of its text
    with the words ``query`` found marked (``<mark>``), as safe HTML; keyed by the post's pk.
    Posts the query does not match are given their text, escaped, unmarked."""
    posts = list(posts)
    parsed = parse(query)
    if not posts:
        return {}
    pks = [p.pk for p in posts]
    extracts: dict[int, str] = {}
    if parsed and _vendor() == "postgresql":
        sql, params = tsquery(parsed)
        options = (
            f'StartSel="{_OPEN}", StopSel="{_CLOSE}", MaxWords={SNIPPET_WORDS}, '
            f'MinWords={SNIPPET_WORDS // 2}, MaxFragments=2, FragmentDelimiter=" … "'
        )
        headline = RawSQL(
            f'ts_headline({_CONFIG}, replace(replace("publishing_post"."text", '
            f"%s, ' '), %s, ' '), {sql}, %s)",
            [_OPEN, _CLOSE, *params, options],
            output_field=TextField(),
        )
        extracts = dict(
            Post.objects.filter(pk__in=pks).annotate(extract=headline).values_list("pk", "extract")
        )
    elif parsed:
        snippet = Func(
            F("search_entry__document"),
            Value(0),
            Value(_OPEN),
            Value(_CLOSE),
            Value(" … "),
            Value(SNIPPET_WORDS),
            function="snippet",
            output_field=TextField(),
        )
        extracts = dict(
            Post.objects.filter(pk__in=pks, search_entry__document__fts5_match=fts5_query(parsed))
            .annotate(extract=snippet)
            .values_list("pk", "extract")
        )
    result = {}
    for post in posts:
        extract = extracts.get(post.pk)
        if extract is None:
            text = post.text.replace(_OPEN, " ").replace(_CLOSE, " ")
            result[post.pk] = mark_safe(str(escape(text)))
        else:
            result[post.pk] = _marked(extract)
    return result


def with_highlights(posts: Iterable[Post], query: str) -> list[Post]:
    """``posts`` as a list, each given ``search_highlight`` (see ``highlights``)."""
    posts = list(posts)
    marked = highlights(posts, query)
    for post in posts:
        post.search_highlight = marked.get(post.pk, "")
    return posts
