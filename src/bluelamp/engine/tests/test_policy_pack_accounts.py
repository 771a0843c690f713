"""The [accounts] keys account health reads: the app allow-list and required apps (3.13, 3.14),
the bio disclaimer (4.15) and CCD's mailbox. All optional, so older packs still load."""

from __future__ import annotations

import tomllib

import pytest

from bluelamp.engine.policy_pack import PackError, load_pack, parse_pack
from bluelamp.engine.tests.test_policy_pack import VALID


def _with_accounts(extra: str):
    text = VALID.replace(
        'main_handles = ["@TestPolice"]', 'main_handles = ["@TestPolice"]\n' + extra
    )
    return parse_pack(tomllib.loads(text), source="test.toml")


def test_the_shipped_pack_names_the_apps_the_disclaimer_and_the_mailbox():
    pack = load_pack()
    assert "Hootsuite" in pack.allowed_apps
    assert pack.required_apps == ("Hootsuite",)
    assert "101" in pack.disclaimer and "999" in pack.disclaimer
    assert pack.ccd_mailbox.endswith("@west-midlands.pnn.police.uk")


def test_a_pack_without_the_keys_still_loads_with_empty_values():
    pack = _with_accounts("")
    assert pack.allowed_apps == pack.required_apps == pack.disclaimer_markers == ()
    assert pack.disclaimer == pack.ccd_mailbox == ""


def test_the_keys_are_read():
    pack = _with_accounts(
        'allowed_apps = ["Hootsuite", "Orlo"]\nrequired_apps = ["hootsuite"]\n'
        'disclaimer = "Call 101."\ndisclaimer_markers = ["101"]\nccd_mailbox = "comms@test.pnn.police.uk"'
    )
    assert pack.allowed_apps == ("Hootsuite", "Orlo")
    assert pack.required_apps == ("hootsuite",)
    assert pack.disclaimer_markers == ("101",)
    assert pack.ccd_mailbox == "comms@test.pnn.police.uk"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            'allowed_apps = ["Orlo"]\nrequired_apps = ["Hootsuite"]',
            "required_apps\\[0\\] 'Hootsuite' is not in allowed_apps",
        ),
        ('allowed_apps = "Hootsuite"', "allowed_apps must be a list"),
        ('allowed_apps = [""]', "allowed_apps\\[0\\] must be a non-empty string"),
        ('disclaimer = ""', "disclaimer must not be empty"),
        ('ccd_mailbox = "comms"', "ccd_mailbox 'comms' is not an e-mail address"),
    ],
)
def test_a_bad_accounts_key_gets_a_message_naming_the_file_and_key(extra, message):
    with pytest.raises(PackError, match=f"test.toml: \\[accounts\\] {message}"):
        _with_accounts(extra)
