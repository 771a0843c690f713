"""[acknowledgement] in a policy pack: what needs the policy acknowledged first, and training."""

from __future__ import annotations

import re
import tomllib

import pytest

from bluelamp.engine.policy_pack import DEFAULT_PACK, PackError, load_pack, parse_pack


def _data(**table):
    data = tomllib.loads(DEFAULT_PACK.read_text(encoding="utf-8"))
    data["acknowledgement"] = table
    return data


def test_the_cc01_pack_reads_its_settings_and_spoof_words():
    pack = load_pack()
    assert pack.acknowledgement_required_for == ()
    assert pack.training_required is True and pack.training_valid_months == 36
    assert "West Midlands Police" in pack.lexicon("spoofs.force_names")
    assert "crest" in pack.lexicon("spoofs.crest_words")


def test_a_pack_without_the_table_requires_nothing():
    data = tomllib.loads(DEFAULT_PACK.read_text(encoding="utf-8"))
    del data["acknowledgement"]
    pack = parse_pack(data)
    assert (pack.acknowledgement_required_for, pack.training_required) == ((), False)


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ({"required_for": ["posting"]}, "required_for[0] 'posting' is not one of"),
        ({"training_required": "yes"}, "training_required must be true or false"),
        ({"training_valid_months": -1}, "training_valid_months must be a whole number"),
    ],
)
def test_bad_settings_are_refused_saying_where(table, words):
    with pytest.raises(PackError, match=re.escape(words)):
        parse_pack(_data(**table))


def test_both_gates_may_be_required():
    pack = parse_pack(_data(required_for=["applications", "roster"]))
    assert pack.acknowledgement_required_for == ("applications", "roster")
