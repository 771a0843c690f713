"""Bad input gets a clear error, and any text gets a valid report (fuzzed)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bluelamp.engine.model import MAX_TEXT_CHARS, InputError, Post, Severity, post_from_dict
from bluelamp.engine.rules import check_post


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be a JSON object"),
        ({}, "text is required"),
        ({"text": 5}, "text must be a string"),
        ({"text": "  "}, "text is empty"),
        ({"text": "x", "account": {"tier": "sergeant"}}, "account.tier 'sergeant' is not one of"),
        ({"text": "x", "kind": "story"}, "kind 'story' is not one of"),
        ({"text": "x", "account": "npu"}, "account must be dict"),
        ({"text": "x", "context": {"election_period": "yes"}}, "context.election_period must be"),
        ({"text": "x", "context": {"authorisations": [1]}}, "authorisations must be a list"),
        ({"text": "x", "media": [{"alt": "no path"}]}, "media[0] must be an object"),
        ({"text": "x" * (MAX_TEXT_CHARS + 1)}, "the limit is"),
    ],
)
def test_bad_posts_are_refused_with_a_message_that_says_what_is_wrong(data, message):
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        post_from_dict(data)


def test_a_million_characters_are_checked(pack):
    # given a post of the maximum size built from real sentences
    sentence = "Dean Walsh, 31, has been arrested. Call 07700 900123 or visit Soho Road. "
    text = (sentence * (MAX_TEXT_CHARS // len(sentence)))[:MAX_TEXT_CHARS]
    # when it is checked, then a report comes back with findings inside the text
    report = check_post(Post(text=text), pack)
    assert report.verdict is Severity.BLOCK
    assert all(f.end is None or f.end <= len(text) for f in report.findings)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(min_size=1, max_size=400),
    tier=st.sampled_from(["force", "npu", "department", "team", "individual", "personal"]),
    kind=st.sampled_from(["post", "reply", "direct-message", "live"]),
    flags=st.tuples(st.booleans(), st.booleans()),
)
def test_any_text_gets_a_valid_report(text, tier, kind, flags, pack):
    post = Post(text=text, tier=tier, kind=kind, election_period=flags[0], major_incident=flags[1])
    report = check_post(post, pack).to_dict()
    assert report["verdict"] in {"block", "review", "record", "advise", "pass"}
    worst = max((Severity.parse(f["severity"]) for f in report["findings"]), default=Severity.PASS)
    assert report["verdict"] == worst.label
    for f in report["findings"]:
        assert f["message"] and f["clause"]
        if f["start"] is not None:
            assert 0 <= f["start"] < f["end"] <= len(text)
            assert f["excerpt"] == text[f["start"] : f["end"]]


_WORDS = st.sampled_from(
    "the man arrested charged Dean Walsh 07700 900123 27 Grange Road missing wanted MISSING "
    "RESTRICTED secret f*ck vote Labour PCC tomorrow warrant 6am found cannabis £500 15-year-old "
    "school Academy raped his wife west-midlands.police.uk bit.ly/x @handle B21 9QT log 12 of "
    ". , ! ? \n".split(" ")
)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, min_size=1, max_size=60))
def test_posts_made_of_rule_vocabulary_get_valid_reports(words, pack):
    text = " ".join(words)
    if not text.strip():
        return
    report = check_post(Post(text=text, tier="team"), pack)
    for f in report.findings:
        if f.start is not None:
            assert f.excerpt == text[f.start : f.end]
