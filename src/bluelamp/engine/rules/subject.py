"""A post as the rules see it: the text plus the shared detectors, each computed at most once
and only when a rule asks for it."""

from __future__ import annotations

import re

from bluelamp.engine.model import Post
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules.detectors import contacts, identifiers, incident, legal, links, people
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import GATE, MAXSIZE, Gated
from bluelamp.engine.rules.detectors.places import PLACES
from bluelamp.engine.rules.detectors.text import sentence_of, sentence_spans, word_set

_DIGIT = fast_compile(r"\d")
# A conviction dated in the past or called earlier: a record, not this case's outcome.
_PAST_RECORD_AFTER = fast_compile(
    r"\s+(?:\w+\s+){0,2}?(?:in (?:19|20)\d\d\b|(?:\w+\s+)?years ago\b|twice before|before\b)"
)
_PAST_RECORD_BEFORE = fast_compile(r"\b(?:previously|already|once|had been|had)\s+$", re.IGNORECASE)
_AGAIN = fast_compile(r"\b(?:again|now|new|fresh|further|another)\b", re.IGNORECASE)


class cached_property:
    """functools.cached_property without the per-access lock Python 3.11 takes: a Subject
    belongs to one check in one thread."""

    def __init__(self, func) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class Subject:
    def __init__(self, post: Post, pack: PolicyPack) -> None:
        self.post = post
        self.pack = pack
        self.text = post.text
        lower = post.text.lower()
        # Lower-cased text for the fast case-insensitive patterns, where offsets stay the same.
        self.lower = lower if len(lower) == len(post.text) else None
        self._memo: dict[str, object] = {}

    def memo(self, key: str, compute):
        """A detector result shared between rules, computed by whichever rule asks first."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute(self)
            return value

    @cached_property
    def live(self) -> int | None:
        """Which gated patterns could match this post (None: any could)."""
        return GATE.live(self.text, self.lower)

    def may(self, rx: Gated) -> bool:
        """Whether the gated pattern could match this post at all (no pattern is run)."""
        live = self.live
        return live is None or bool(live >> rx.index & 1)

    def search(self, rx, pos: int = 0, endpos: int = MAXSIZE):
        """rx.search over the post's text, skipped when the gate shows it cannot match."""
        if isinstance(rx, Gated):
            if not rx.admits(self.live):
                return None
            if rx.lower is not None and self.lower is not None:
                return rx.lower.search(self.lower, pos, endpos)
            rx = rx.run
        return rx.search(self.text, pos, endpos)

    def finditer(self, rx, pos: int = 0, endpos: int = MAXSIZE):
        if isinstance(rx, Gated):
            if not rx.admits(self.live):
                return iter(())
            if rx.lower is not None and self.lower is not None:
                return rx.lower.finditer(self.lower, pos, endpos)
            rx = rx.run
        return rx.finditer(self.text, pos, endpos)

    @cached_property
    def words(self) -> frozenset[str]:
        """Lower-case word tokens: a cheap gate before any costly pattern runs."""
        return word_set(self.text, self.lower)

    @cached_property
    def has_digit(self) -> bool:
        return _DIGIT.search(self.text) is not None

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.text)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        return sentence_of(self.sentences, pos)

    @cached_property
    def links(self) -> list[links.Link]:
        return links.find_links(
            self.text, self.pack.web_domains, self.pack.flickr_paths, self.lower
        )

    @cached_property
    def has_force_web_link(self) -> bool:
        return any(link.force_web for link in self.links)

    @cached_property
    def has_force_appeal_link(self) -> bool:
        return any(link.force_web or link.force_flickr for link in self.links)

    @cached_property
    def phones(self) -> list[contacts.Contact]:
        if not self.has_digit:
            return []
        return contacts.find_phones(self.text, self.pack.public_digits)

    @cached_property
    def emails(self) -> list[contacts.Contact]:
        return contacts.find_emails(self.text, self.pack.mail_domains + self.pack.web_domains)

    @cached_property
    def identifiers(self) -> list[identifiers.Identifier]:
        return identifiers.find_identifiers(self.text, self.words, self.has_digit, self.lower)

    @cached_property
    def names(self) -> list[people.Name]:
        return people.find_names(self.text, PLACES)

    @cached_property
    def private_names(self) -> list[people.Name]:
        politicians = {p.lower() for p in self.pack.politicians}
        return [n for n in self.names if n.role == "private" and n.text.lower() not in politicians]

    @cached_property
    def identifying_names(self) -> list[people.Name]:
        """Full names, plus given names alone where the post ties them to the person and names
        typed in lower case: what identifies a child or a victim of a sexual offence."""
        taken = [(n.start, n.end) for n in self.names]
        given = people.find_given_names(self.text, taken)
        return sorted(self.private_names + given, key=lambda n: n.start)

    @cached_property
    def ages(self) -> list[people.Age]:
        if not self.has_digit and not (self.words & people.NUMBER_WORDS):
            return []
        return people.find_ages(self.text, self.lower)

    @cached_property
    def appeal(self) -> incident.Appeal | None:
        return incident.classify_appeal(self)

    @cached_property
    def incident(self) -> tuple[int, int] | None:
        return incident.incident_evidence(self)

    @cached_property
    def arrested(self):
        return legal.arrest_in(self)

    @cached_property
    def charged(self):
        return self.search(legal.CHARGE_RE)

    @cached_property
    def convicted(self):
        """The first conviction or sentence in the post that is not a past record ("was jailed
        in 2016 for a similar attack" is bad character, not the end of this case)."""
        for m in self.finditer(legal.CONVICT_RE):
            if not _PAST_RECORD_AFTER.match(self.text, m.end()) and not _PAST_RECORD_BEFORE.search(
                self.text, max(0, m.start() - 20), m.start()
            ):
                return m
        return None

    @cached_property
    def proceedings_active(self) -> bool:
        """Someone is arrested, on bail or charged and the case has not ended in a sentence."""
        if not (self.arrested or self.charged):
            return False
        if not self.convicted:
            return True
        # Convicted before, charged again now: the new case is live.
        last_live = max(m.start() for m in (self.arrested, self.charged) if m)
        return last_live > self.convicted.start() and bool(_AGAIN.search(self.text))
