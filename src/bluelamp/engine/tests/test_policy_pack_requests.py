"""The [data_requests] keys: one-off bank holidays for the statutory clocks, and who signs the
letters to requesters with the Information Commissioner's details. All optional, so older
packs still load; a bad value gets an error naming the file and the key."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from bluelamp.engine.policy_pack import PackError, load_pack, parse_pack
from bluelamp.engine.tests.test_policy_pack import VALID


def _with_requests(table: str):
    return parse_pack(tomllib.loads(VALID + "\n[data_requests]\n" + table), source="test.toml")


def test_the_shipped_pack_has_no_extra_holidays_yet_and_signs_letters():
    pack = load_pack()
    assert pack.extra_bank_holidays == ()
    assert pack.letter_sender == "Information Security & Assurance"
    assert "Wycliffe House" in pack.ico_contact
    assert pack.force == "West Midlands Police"


def test_a_pack_without_the_table_loads_with_empty_values():
    pack = parse_pack(tomllib.loads(VALID), source="test.toml")
    assert pack.extra_bank_holidays == ()
    assert pack.letter_sender == pack.ico_contact == ""


def test_the_holidays_are_read_as_dates_sorted_without_repeats():
    pack = _with_requests("extra_bank_holidays = [2027-06-07, 2023-05-08, 2027-06-07]")
    assert pack.extra_bank_holidays == (dt.date(2023, 5, 8), dt.date(2027, 6, 7))


def test_the_sender_and_ico_contact_are_read():
    pack = _with_requests('letter_sender = "Data Protection Office"\nico_contact = "ICO, SK9 5AF"')
    assert (pack.letter_sender, pack.ico_contact) == ("Data Protection Office", "ICO, SK9 5AF")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            'extra_bank_holidays = ["2027-06-07"]',
            "test.toml: [data_requests] extra_bank_holidays[0] must be a date (YYYY-MM-DD), "
            "got '2027-06-07' (write it without quotes)",
        ),
        (
            "extra_bank_holidays = [2027-06-07, 7]",
            "test.toml: [data_requests] extra_bank_holidays[1] must be a date (YYYY-MM-DD), got 7",
        ),
        (
            "extra_bank_holidays = 2027-06-07",
            "test.toml: [data_requests] extra_bank_holidays must be a list, got a date (write "
            "it as [YYYY-MM-DD])",
        ),
        (
            'extra_bank_holidays = "2027-06-07"',
            "test.toml: [data_requests] extra_bank_holidays must be a list, got a string",
        ),
        ('letter_sender = "  "', "test.toml: [data_requests] letter_sender must not be empty"),
        ("ico_contact = 3", "test.toml: [data_requests] ico_contact must be a string"),
    ],
)
def test_a_bad_value_is_refused_naming_the_key(table, message):
    with pytest.raises(PackError) as raised:
        _with_requests(table)
    assert str(raised.value).startswith(message)


def test_the_table_must_be_a_table():
    with pytest.raises(PackError, match=r"\[data_requests\] must be a table"):
        parse_pack(tomllib.loads('data_requests = "x"\n' + VALID), source="test.toml")
