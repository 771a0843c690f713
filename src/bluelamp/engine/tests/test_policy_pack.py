"""The policy pack: the shipped CC/01 pack is complete and consistent, and a bad pack gets an
error that names the file and the key."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluelamp.engine.policy_pack import (
    DEFAULT_PACK,
    ENFORCEMENT_KINDS,
    PackError,
    load_pack,
    parse_pack,
    review_notice,
    validate_against_rules,
)

REPO = Path(__file__).resolve().parents[4]
POLICY_NAME = "CC01-social-and-digital-media-policy-v2.1.txt"
POLICY_CANDIDATES = (
    REPO / "docs" / "policy" / POLICY_NAME,
    REPO.parent / "shared" / "policy" / POLICY_NAME,
)
RULES_SPEC = REPO.parent / "shared" / "spec" / "rules.md"

# The clause numbers of CC/01 v2.1 sections 3 to 6, as read from the policy text. Used when the
# text is not beside the checkout; when it is, the test below checks this list against it.
CC01_CLAUSES = (
    [f"3.{n}" for n in range(1, 17) if n != 9]  # the policy has no 3.9
    + [f"4.{n}" for n in range(1, 32)]
    + [f"5.{n}" for n in range(1, 11)]
    + [f"6.{n}" for n in range(1, 18)]
)

# spec/rules.md: each rule id and the CC/01 clauses its clause column names.
SPEC_RULE_CLAUSES = {
    "protective-marking": {"4.9"},
    "personal-data": {"4.12", "3.16"},
    "child-identification": {"4.10", "4.12"},
    "sexual-offence-victim": {"4.10", "4.12"},
    "contempt-risk": {"4.1", "4.10"},
    "named-before-charge": {"4.10", "4.25"},
    "operational-security": {"4.10", "6.7"},
    "appeal-account": {"4.8", "4.11"},
    "appeal-link": {"4.11"},
    "political-opinion": {"5.10", "6.6"},
    "election-period": {"6.12"},
    "offensive-language": {"4.6", "5.10"},
    "evidential-risk": {"4.25"},
    "jigsaw-identification": {"4.23"},
    "disclosure-log": {"4.24"},
    "force-link": {"4.14"},
    "live-broadcast": {"4.20"},
    "major-incident": {"4.16"},
    "media-location": {"3.15", "5.3"},
    "media-faces": {"4.10"},
}
# Bluelamp's own rules, not in the contract's table, and the clauses they serve.
OWN_RULE_CLAUSES = {"platform-length": {"4.1"}}

_POLICY_CLAUSE_LINE = re.compile(r"^(?:-\s+)?([3-6]\.\d{1,2})\s+\S")


def clauses_in_policy_text(text: str) -> list[str]:
    """Numbered clauses of sections 3-6: lines starting "- 4.12 Uploading" or "4.12 Uploading"."""
    found = []
    for line in text.splitlines():
        m = _POLICY_CLAUSE_LINE.match(line.strip())
        if m and m.group(1) not in found:
            found.append(m.group(1))
    return found


def policy_text() -> str | None:
    for path in POLICY_CANDIDATES:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


def expected_clauses() -> list[str]:
    text = policy_text()
    return clauses_in_policy_text(text) if text is not None else list(CC01_CLAUSES)


@pytest.fixture(scope="module")
def pack():
    return load_pack()


# --- The shipped pack -----------------------------------------------------------------------


def test_default_pack_loads_with_its_metadata(pack):
    assert pack.id == "wmp-cc01-v2.1"
    assert pack.force == "West Midlands Police"
    assert pack.version == "2.1"
    assert pack.reference == "CC/01"
    assert pack.effective == dt.date(2019, 5, 23)
    assert pack.review_date == dt.date(2021, 5, 23)
    assert pack.source == str(DEFAULT_PACK)


def test_the_image_size_limit_is_the_packs_or_40_megapixels():
    assert load_pack(DEFAULT_PACK).max_image_pixels == 40_000_000
    assert parse_pack(tomllib.loads(VALID)).max_image_pixels == 40_000_000
    smaller = VALID.replace("dormancy_days = 90", "dormancy_days = 90\nmax_image_megapixels = 12")
    assert parse_pack(tomllib.loads(smaller)).max_image_pixels == 12_000_000


def test_default_pack_has_every_clause_of_sections_3_to_6_and_no_other(pack):
    assert [c.id for c in pack.clauses] == expected_clauses()


def test_policy_text_regex_finds_the_known_clause_list():
    text = policy_text()
    if text is None:
        pytest.skip("the CC/01 text is not beside this checkout")
    found = clauses_in_policy_text(text)
    assert found == list(CC01_CLAUSES)
    assert "3.9" not in found  # absent from the policy (renumbered 3.8 in version 2.0)
    assert found[0] == "3.1" and found[-1] == "6.17"


def test_clause_regex_reads_both_line_forms_and_ignores_version_history():
    text = "- 4.12 Uploading any\n3.10 Officers and\n2.01\t23/05/2019\t4.24-4.25\n7.1 The policy\n"
    assert clauses_in_policy_text(text) == ["4.12", "3.10"]


def test_every_clause_has_a_title_summary_how_and_enforcement(pack):
    for c in pack.clauses:
        assert c.title and c.summary and c.how, c.id
        assert c.enforcement and set(c.enforcement) <= set(ENFORCEMENT_KINDS), c.id
        assert list(c.enforcement) == sorted(c.enforcement, key=ENFORCEMENT_KINDS.index), c.id
        assert ("rule" in c.enforcement) == bool(c.rules), c.id


def test_summaries_are_in_our_own_words(pack):
    """No summary repeats a run of eight words from the policy."""
    text = policy_text()
    if text is None:
        pytest.skip("the CC/01 text is not beside this checkout")
    words = re.findall(r"[a-z0-9']+", text.lower())
    grams = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    for c in pack.clauses:
        mine = re.findall(r"[a-z0-9']+", c.summary.lower())
        copied = [
            " ".join(mine[i : i + 8])
            for i in range(len(mine) - 7)
            if " ".join(mine[i : i + 8]) in grams
        ]
        assert not copied, (c.id, copied)


def test_rule_to_clause_mapping_matches_the_spec(pack):
    mapping: dict[str, set[str]] = {}
    for c in pack.clauses:
        for rule_id in c.rules:
            mapping.setdefault(rule_id, set()).add(c.id)
    assert mapping == SPEC_RULE_CLAUSES | OWN_RULE_CLAUSES


def test_spec_table_matches_the_list_in_this_test():
    if not RULES_SPEC.is_file():
        pytest.skip("spec/rules.md is not beside this checkout")
    table: dict[str, set[str]] = {}
    text = RULES_SPEC.read_text(encoding="utf-8")
    section = text.split("\n## The rules", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        m = re.match(r"^\|\s*`([a-z-]+)`\s*\|\s*([^|]+)\|", line)
        if m:
            table[m.group(1)] = set(re.findall(r"\b\d\.\d{1,2}\b", m.group(2)))
    assert table == SPEC_RULE_CLAUSES


def test_pack_is_consistent_with_the_spec_rule_ids(pack):
    known = SPEC_RULE_CLAUSES | OWN_RULE_CLAUSES
    assert validate_against_rules(pack, known) == []
    assert load_pack(known_rules=known).clauses == pack.clauses


def test_pack_is_consistent_with_the_engine_registry(pack):
    try:
        from bluelamp.engine.rules import registry
    except ImportError as exc:  # the rules are being written alongside; use them once they import
        pytest.skip(f"the rule registry does not import yet: {exc}")
    assert validate_against_rules(pack, registry.ids()) == []
    for rule in registry:
        for number in re.findall(r"\b[3-6]\.\d{1,2}\b", rule.clause):
            clause = pack.clause(number)
            assert clause is not None and rule.id in clause.rules, (rule.id, number)


# --- validate_against_rules -----------------------------------------------------------------


def test_validate_against_rules_reports_unknown_and_uncovered_rule_ids(pack):
    known = [
        *(r for r in SPEC_RULE_CLAUSES | OWN_RULE_CLAUSES if r != "force-link"),
        "hashtag-spam",
    ]
    problems = validate_against_rules(pack, known)
    assert len(problems) == 2
    unknown, uncovered = problems
    assert str(DEFAULT_PACK) in unknown
    assert "(clause 4.14) rules[0] 'force-link' is not a rule Bluelamp has" in unknown
    index = [c.id for c in pack.clauses].index("4.14")
    assert f"[clauses[{index}]]" in unknown
    assert "rule 'hashtag-spam' is not named in any clause's rules" in uncovered


def test_load_pack_with_known_rules_raises_on_a_problem(tmp_path):
    path = write(tmp_path, VALID)
    with pytest.raises(PackError, match=r"'hashtag-spam' is not named in any clause"):
        load_pack(path, known_rules=["personal-data", "hashtag-spam"])
    assert load_pack(path, known_rules=["personal-data"]).id == "test-pack"


# --- review_notice --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (dt.date(2021, 5, 24), "1 day"),
        (dt.date(2021, 6, 1), "9 days"),
        (dt.date(2021, 6, 23), "1 month"),
        (dt.date(2022, 5, 22), "11 months"),
        (dt.date(2022, 5, 23), "1 year"),
        (dt.date(2026, 11, 1), "5 years"),
    ],
)
def test_review_notice_says_how_long_overdue(pack, today, overdue):
    assert review_notice(pack, today) == (
        f"CC/01 v2.1 was due for review on 23 May 2021; it is {overdue} overdue — confirm "
        "with the policy owner that it is still current."
    )
    assert pack.review_overdue(today)


@pytest.mark.parametrize("today", [dt.date(2019, 5, 23), dt.date(2021, 5, 23)])
def test_no_review_notice_until_the_review_date_has_passed(pack, today):
    assert review_notice(pack, today) is None
    assert not pack.review_overdue(today)


def test_review_notice_uses_the_reference_key_or_the_whole_policy_name(tmp_path):
    named = load_pack(
        write(
            tmp_path,
            VALID.replace('policy = "TP/9 Test Policy"\n', "").replace(
                "[pack]\n", '[pack]\npolicy = "Social Media Policy"\n'
            ),
        )
    )
    assert review_notice(named, dt.date(2031, 1, 1)).startswith("Social Media Policy v1.0 was")
    referenced = load_pack(
        write(tmp_path, VALID.replace("[pack]\n", '[pack]\nreference = "SM1"\n'))
    )
    assert review_notice(referenced, dt.date(2031, 1, 1)).startswith("SM1 v1.0 was due")


# --- Bad packs ------------------------------------------------------------------------------

VALID = """\
[pack]
id = "test-pack"
force = "Test Constabulary"
policy = "TP/9 Test Policy"
version = "1.0"
effective = 2020-01-01
review_date = 2022-01-01

[domains]
web = ["test.police.uk"]
mail = ["test.pnn.police.uk"]

[phones]
public = ["101", "999"]

[accounts]
main_handles = ["@TestPolice"]

[politics]
parties = ["Labour"]
elected_offices = ["MP"]

[thresholds]
dormancy_days = 90
password_rotation_days = 90
requester_retention_years = 6

[[clauses]]
id = "4.2"
title = "Two"
summary = "The second clause."
enforcement = ["guidance"]
how = "Shown on the compose page."

[[clauses]]
id = "4.12"
title = "Twelve"
summary = "The twelfth clause."
enforcement = ["rule", "guidance"]
how = "personal-data blocks it."
rules = ["personal-data"]
"""


def write(tmp_path: Path, text: str | bytes, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str | bytes) -> str:
    path = write(tmp_path, text)
    with pytest.raises(PackError) as info:
        load_pack(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    return message


def test_artefacts_are_read_with_the_rules_added_after_them(tmp_path):
    text = VALID.replace(
        'rules = ["personal-data"]',
        'rules = ["personal-data"]\nartefacts = ["url:publishing:post_check", "command:audit verify"]',
    )
    pack = load_pack(write(tmp_path, text))
    assert pack.clause("4.12").artefacts == (
        "url:publishing:post_check",
        "command:audit verify",
        "rule:personal-data",
    )
    assert pack.clause("4.2").artefacts == ()


def test_a_rule_listed_as_an_artefact_too_is_not_repeated(tmp_path):
    text = VALID.replace(
        'rules = ["personal-data"]',
        'rules = ["personal-data"]\nartefacts = ["rule:personal-data", "model:publishing.Post"]',
    )
    pack = load_pack(write(tmp_path, text))
    assert pack.clause("4.12").artefacts == ("rule:personal-data", "model:publishing.Post")


def test_every_clause_of_the_shipped_pack_claiming_more_than_guidance_names_artefacts(pack):
    for clause in pack.clauses:
        if set(clause.enforcement) - {"guidance"}:
            assert clause.artefacts, clause.id


def test_a_small_valid_pack_loads(tmp_path):
    pack = load_pack(write(tmp_path, VALID))
    assert [c.id for c in pack.clauses] == ["4.2", "4.12"]
    assert pack.clause("4.12").rules == ("personal-data",)
    assert pack.clause("4.2").rules == ()
    assert pack.reference == "TP/9"
    assert pack.rude_place_names == ()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # a missing table
        (lambda t: t.replace("[politics]", "[politicks]"), "the table [politics] is missing"),
        (lambda t: t.replace('[phones]\npublic = ["101", "999"]\n', ""), "the table [phones]"),
        # wrong types
        (
            lambda t: t.replace("dormancy_days = 90", 'dormancy_days = "90"'),
            "[thresholds] dormancy_days must be an integer, got a string",
        ),
        (
            lambda t: t.replace("dormancy_days = 90", "dormancy_days = true"),
            "[thresholds] dormancy_days must be an integer, got true or false",
        ),
        (
            lambda t: t.replace("dormancy_days = 90", "dormancy_days = 0"),
            "[thresholds] dormancy_days must be positive, got 0",
        ),
        (
            lambda t: t.replace(
                "dormancy_days = 90", "dormancy_days = 90\nmax_image_megapixels = 0"
            ),
            "[thresholds] max_image_megapixels must be from 1 to 89, got 0",
        ),
        (
            lambda t: t.replace(
                "dormancy_days = 90", "dormancy_days = 90\nmax_image_megapixels = 90"
            ),
            "[thresholds] max_image_megapixels must be from 1 to 89, got 90",
        ),
        (
            lambda t: t.replace('version = "1.0"', "version = 1.0"),
            "[pack] version must be a string, got a number",
        ),
        (
            lambda t: t.replace('public = ["101", "999"]', 'public = "101"'),
            "[phones] public must be a list, got a string",
        ),
        (
            lambda t: t.replace('public = ["101", "999"]', 'public = ["101", 999]'),
            "[phones] public[1] must be a non-empty string",
        ),
        (
            lambda t: t.replace("effective = 2020-01-01", 'effective = "2020-01-01"'),
            "[pack] effective must be a date (YYYY-MM-DD), got '2020-01-01' (write it without",
        ),
        (lambda t: "language = 5\n" + t, "[language] must be a table, got an integer"),
        (
            lambda t: t.replace('force = "Test Constabulary"', 'force = "  "'),
            "[pack] force must not be empty",
        ),
        (lambda t: t.replace('id = "test-pack"\n', ""), "[pack] is missing the key 'id'"),
        # review date before effective
        (
            lambda t: t.replace("review_date = 2022-01-01", "review_date = 2019-12-31"),
            "[pack] review_date 2019-12-31 is before effective 2020-01-01",
        ),
        # clauses
        (lambda t: t.split("[[clauses]]")[0], "the pack has no [[clauses]]"),
        (
            lambda t: t.split("[[clauses]]")[0] + '[clauses]\nid = "4.2"\n',
            "clauses must be an array of tables, each written [[clauses]], got a table",
        ),
        (
            lambda t: 'clauses = ["4.2"]\n' + t.split("[[clauses]]")[0],
            "[clauses[0]] must be a table",
        ),
        (
            lambda t: t.replace('id = "4.12"', 'id = "4.2"'),
            "[clauses[1]] clause 4.2 appears twice (first at clauses[0])",
        ),
        (
            lambda t: t.replace('id = "4.12"', 'id = "4.1"'),
            "[clauses[1]] clause 4.1 comes after 4.2; list clauses in number order",
        ),
        (
            lambda t: t.replace('id = "4.12"', "id = 4.12"),
            "[clauses[1]] id must be a string, got a number (put the clause number in quotes",
        ),
        (
            lambda t: t.replace('id = "4.12"', 'id = "Four"'),
            "[clauses[1]] id 'Four' is not a clause number like 4.12",
        ),
        (
            lambda t: t.replace('enforcement = ["guidance"]', 'enforcement = ["advice"]'),
            "[clauses[0]] (clause 4.2) enforcement[0] 'advice' is not one of rule, workflow, "
            "record, guidance",
        ),
        (
            lambda t: t.replace('enforcement = ["guidance"]\n', ""),
            "[clauses[0]] (clause 4.2) enforcement is required",
        ),
        (
            lambda t: t.replace('enforcement = ["guidance"]', 'enforcement = ["rule", "rule"]'),
            "[clauses[0]] (clause 4.2) enforcement lists 'rule' twice",
        ),
        (
            lambda t: t.replace('rules = ["personal-data"]', "rules = []"),
            "[clauses[1]] (clause 4.12) enforcement includes 'rule' but rules is empty",
        ),
        (
            lambda t: t.replace('["rule", "guidance"]', '["guidance"]'),
            "[clauses[1]] (clause 4.12) names rules but its enforcement does not include 'rule'",
        ),
        (
            lambda t: t.replace('rules = ["personal-data"]', 'rules = ["Personal Data"]'),
            "[clauses[1]] (clause 4.12) rules[0] 'Personal Data' is not a rule id",
        ),
        (
            lambda t: t.replace('rules = ["personal-data"]', 'rule = ["personal-data"]'),
            "[clauses[1]] (clause 4.12) has an unknown key 'rule'",
        ),
        (
            lambda t: t.replace('how = "Shown', 'artefacts = ["page:home"]\nhow = "Shown'),
            "[clauses[0]] (clause 4.2) artefacts[0] 'page:home' must start with one of rule:, "
            "workflow:, url:, command:, model:",
        ),
        (
            lambda t: t.replace('how = "Shown', 'artefacts = ["model:Account"]\nhow = "Shown'),
            "[clauses[0]] (clause 4.2) artefacts[0] 'model:Account' is not a model name "
            "(like model:social_accounts.Account)",
        ),
        (
            lambda t: t.replace('how = "Shown', 'artefacts = ["url:"]\nhow = "Shown'),
            "[clauses[0]] (clause 4.2) artefacts[0] 'url:' is not a url name",
        ),
        (
            lambda t: t.replace('how = "Shown', 'artefacts = ["rule:force-link"]\nhow = "Shown'),
            "[clauses[0]] (clause 4.2) artefacts[0] 'rule:force-link' names a rule the clause's "
            "rules do not list",
        ),
        (
            lambda t: t.replace(
                'how = "Shown', 'artefacts = ["command:policy", "command:policy"]\nhow = "Shown'
            ),
            "[clauses[0]] (clause 4.2) artefacts lists 'command:policy' twice",
        ),
        (
            lambda t: t.replace('how = "Shown', 'artefacts = "url:core:home"\nhow = "Shown'),
            "[clauses[0]] (clause 4.2) artefacts must be a list, got a string",
        ),
        (
            lambda t: t.replace('title = "Two"\n', ""),
            "[clauses[0]] (clause 4.2) is missing the key 'title'",
        ),
        (
            lambda t: t.replace('summary = "The second clause."', 'summary = """two\nlines"""'),
            "[clauses[0]] (clause 4.2) summary must be one line",
        ),
    ],
)
def test_a_bad_pack_gets_an_error_naming_the_file_and_key(tmp_path, change, expected):
    message = error_for(tmp_path, change(VALID))
    assert expected in message


def test_not_toml(tmp_path):
    message = error_for(tmp_path, VALID + "\nthis is = = not toml\n")
    assert "not valid TOML" in message and "line" in message


def test_not_utf8(tmp_path):
    message = error_for(tmp_path, VALID.encode("utf-8").replace(b"Test Constabulary", b"T\xe9st"))
    assert "not UTF-8 text (byte" in message


def test_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(PackError, match=r"nope\.toml: no such policy pack file"):
        load_pack(path)


def test_a_directory_is_not_a_pack(tmp_path):
    with pytest.raises(PackError, match="is a directory"):
        load_pack(tmp_path)


def test_unknown_rule_id_is_reported_against_the_registry_list(tmp_path):
    path = write(tmp_path, VALID.replace('"personal-data"]', '"personal-data", "no-such-rule"]'))
    pack = load_pack(path)
    assert validate_against_rules(pack, ["personal-data"]) == [
        f"{path}: [clauses[1]] (clause 4.12) rules[1] 'no-such-rule' is not a rule Bluelamp has"
    ]
    with pytest.raises(PackError, match=r"\[clauses\[1\]\] \(clause 4\.12\) rules\[1\] 'no-such"):
        load_pack(path, known_rules=["personal-data"])


# Any value of any TOML type, put anywhere in a valid pack: a pack or a PackError, nothing else.
_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


_VALID_DATA = tomllib.loads(VALID)
_ALL_PATHS = [p for p in _paths(_VALID_DATA) if p]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ALL_PATHS), _values, st.booleans())
def test_any_corruption_gives_a_pack_or_a_pack_error(path, value, delete):
    data = tomllib.loads(VALID)
    node = data
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    elif value is not None:
        node[path[-1]] = value
    try:
        parse_pack(data, source="fuzz.toml")
    except PackError as exc:
        assert str(exc).startswith("fuzz.toml: ")


def test_lexicons_are_read_as_family_dot_name_word_lists(tmp_path):
    text = VALID + '\n[lexicons.people]\nanonymity_offences = ["rape", " voyeurism "]\n'
    pack = load_pack(write(tmp_path, text))
    assert pack.lexicon("people.anonymity_offences") == ("rape", "voyeurism")
    assert pack.lexicon("people.nothing_here") == ()


def test_a_pack_without_lexicons_has_none(tmp_path):
    assert load_pack(write(tmp_path, VALID)).lexicons == {}


@pytest.mark.parametrize(
    "body, where",
    [
        ("[lexicons]\npeople = 3\n", "[lexicons] people must be a table"),
        ("[lexicons.people]\nwords = [1]\n", "[lexicons.people] words[0]"),
        ('[lexicons.people]\nwords = [" "]\n', "[lexicons.people] words[0]"),
        ('[lexicons.people]\nwords = "rape"\n', "[lexicons.people] words"),
    ],
)
def test_a_bad_lexicon_says_which_table_and_key(tmp_path, body, where):
    assert where in error_for(tmp_path, VALID + "\n" + body)
