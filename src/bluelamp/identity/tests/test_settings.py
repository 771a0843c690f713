"""The single sign-on settings read from the environment: off by default, and a clear error
naming the variable when one is missing or wrong."""

from __future__ import annotations

import pytest

from bluelamp.config.env import ConfigError, read

BASE = {"DJANGO_DEBUG": "true"}
SSO = {
    **BASE,
    "BLUELAMP_OIDC_ISSUER": "https://login.microsoftonline.com/tenant-id/v2.0/",
    "BLUELAMP_OIDC_CLIENT_ID": "client",
    "BLUELAMP_OIDC_CLIENT_SECRET": "secret",
    "BLUELAMP_OIDC_GROUP_ROLES": "g-staff=staff, g-ccd=ccd, g-ccd=staff",
}


def test_single_sign_on_is_off_and_two_factor_on_by_default():
    sign_in = read(BASE).sign_in
    assert not sign_in.sso_enabled
    assert sign_in.local_two_factor is True
    assert sign_in.break_glass_username == ""


def test_the_settings_are_read_when_single_sign_on_is_on():
    sign_in = read({**SSO, "BLUELAMP_BREAK_GLASS_USERNAME": "glass"}).sign_in
    assert sign_in.sso_enabled
    assert sign_in.issuer == "https://login.microsoftonline.com/tenant-id/v2.0"
    assert sign_in.group_roles == (("g-staff", "staff"), ("g-ccd", "ccd"), ("g-ccd", "staff"))
    assert (sign_in.groups_claim, sign_in.username_claim) == ("groups", "preferred_username")
    assert sign_in.break_glass_username == "glass"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"BLUELAMP_OIDC_ISSUER": "http://idp.example"},
            "BLUELAMP_OIDC_ISSUER must be an https://",
        ),
        ({"BLUELAMP_OIDC_CLIENT_ID": ""}, "BLUELAMP_OIDC_CLIENT_ID is required"),
        ({"BLUELAMP_OIDC_CLIENT_SECRET": ""}, "BLUELAMP_OIDC_CLIENT_SECRET is required"),
        ({"BLUELAMP_OIDC_GROUP_ROLES": ""}, "BLUELAMP_OIDC_GROUP_ROLES is required"),
        ({"BLUELAMP_OIDC_GROUP_ROLES": "g-staff"}, "entries are group=role pairs"),
        ({"BLUELAMP_OIDC_GROUP_ROLES": "g=admin"}, "'admin' is not a role"),
        ({"BLUELAMP_LOCAL_TWO_FACTOR": "maybe"}, "BLUELAMP_LOCAL_TWO_FACTOR must be true or false"),
    ],
)
def test_a_bad_setting_is_named(change, message):
    with pytest.raises(ConfigError, match=message):
        read({**SSO, **change})


def test_the_secret_is_not_in_the_error():
    with pytest.raises(ConfigError) as info:
        read({**SSO, "BLUELAMP_OIDC_GROUP_ROLES": "x"})
    assert "secret" not in str(info.value)
