"""Two-factor for local accounts: CCD, information security and auditors (and the break-glass
account) set up an authenticator app at their first password sign-in and give its code at every
one after; until they do, the session opens nothing. Other roles sign in with the password."""

from __future__ import annotations

import base64
import re

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.identity.receivers import PENDING

pytestmark = pytest.mark.django_db

LOGIN = reverse("core:login")
HOME = reverse("core:home")
SETUP = reverse("identity:two_factor_setup")
VERIFY = reverse("identity:two_factor")
NEEDS = (Role.CCD, Role.INFOSEC, Role.AUDITOR)
DOES_NOT_NEED = (Role.STAFF, Role.LINE_MANAGER, Role.PSD)


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():06d}"


def sign_in(client, user, password):
    return client.post(LOGIN, {"username": user.username, "password": password})


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))


@pytest.mark.parametrize("role", NEEDS)
def test_a_role_that_needs_it_is_held_at_set_up_after_the_password(client, user_of, password, role):
    user = user_of(role)
    response = sign_in(client, user, password)
    assert response.status_code == 302
    assert client.session[PENDING] is True
    home = client.get(HOME)
    assert home.status_code == 302
    assert home["Location"] == f"{SETUP}?next=%2F"
    # Every other page, and the API on the session, are closed until the code is given.
    assert client.get(reverse("publishing:archive"))["Location"].startswith(SETUP)
    api = client.get("/api/v1/accounts")
    assert api.status_code == 403
    assert api.json()["code"] == "two_factor_required"


@pytest.mark.parametrize("role", DOES_NOT_NEED)
def test_other_roles_sign_in_with_the_password_alone(client, user_of, password, role):
    user = user_of(role)
    sign_in(client, user, password)
    assert PENDING not in client.session
    assert client.get(HOME).status_code == 200


def test_it_can_be_switched_off(client, user_of, password, settings):
    settings.BLUELAMP_LOCAL_TWO_FACTOR = False
    sign_in(client, user_of(Role.CCD), password)
    assert client.get(HOME).status_code == 200


def test_set_up_shows_a_qr_code_and_the_key_then_confirms_with_a_code(
    client, user_of, password, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code below
    user = user_of(Role.CCD)
    sign_in(client, user, password)
    page = client.get(f"{SETUP}?next=/archive/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "<title>Set up two-factor sign-in – Bluelamp</title>" in content
    assert 'src="data:image/svg+xml' in content
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    key = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', content).group(1)
    assert base64.b32decode(key.replace(" ", "") + "=" * (-len(key.replace(" ", "")) % 8)) == (
        device.bin_key
    )
    # A second visit shows the same key: the device begun is reused.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(SETUP, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "The code is not right" in wrong.content.decode()
    assert "Error: " in wrong.content.decode()  # the title says so
    malformed = client.post(SETUP, {"code": "12ab"})
    assert "Enter the code as 6 numbers" in malformed.content.decode()

    done = client.post(SETUP, {"code": code_for(device), "next": "/archive/"})
    assert done.status_code == 302
    assert done["Location"] == "/archive/"
    device.refresh_from_db()
    assert device.confirmed
    assert PENDING not in client.session
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(HOME).status_code == 200
    assert "auth.two_factor_enrolled" in actions()
    assert "auth.two_factor_failed" in actions()


def test_the_next_sign_in_asks_for_the_code(client, user_of, password, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = user_of(Role.AUDITOR)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, user, password)
    assert client.get(HOME)["Location"].startswith(VERIFY)
    assert client.get(SETUP)["Location"] == VERIFY  # already set up
    page = client.get(VERIFY)
    assert page.status_code == 200
    assert "<title>Enter your two-factor code – Bluelamp</title>" in page.content.decode()
    wrong = client.post(VERIFY, {"code": code_for(device, steps_ahead=5)})
    assert wrong.status_code == 400
    assert client.get(HOME).status_code == 302
    done = client.post(VERIFY, {"code": code_for(device)})
    assert done.status_code == 302 and done["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_a_code_works_once(client, user_of, password):
    user = user_of(Role.INFOSEC)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    code = code_for(device)
    sign_in(client, user, password)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(reverse("core:logout"))
    sign_in(client, user, password)
    assert client.post(VERIFY, {"code": code}).status_code == 400


def test_wrong_codes_slow_further_tries(client, user_of, password):
    user = user_of(Role.CCD)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, user, password)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=9)})
    # Throttled: even the right code is refused straight after a wrong one.
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 400


def test_signing_out_is_allowed_while_the_code_is_owed(client, user_of, password):
    sign_in(client, user_of(Role.CCD), password)
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_an_unsafe_next_address_is_ignored(client, user_of, password):
    user = user_of(Role.CCD)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, user, password)
    done = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert done["Location"] == HOME


# --- Who may reach the two-factor pages ------------------------------------------------------


@pytest.mark.parametrize("name", ["identity:two_factor", "identity:two_factor_setup"])
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert client.post(reverse(name), {"code": "123456"})["Location"].startswith(LOGIN)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", ["identity:two_factor", "identity:two_factor_setup"])
def test_a_session_not_waiting_for_a_code_gets_404_and_changes_nothing(client_as, role, name):
    client = client_as(role)
    assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse(name), {"code": "123456"}).status_code == 404
    assert not TOTPDevice.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="auth.two_factor").exists()


@pytest.mark.parametrize("name", ["identity:two_factor", "identity:two_factor_setup"])
def test_a_single_sign_on_session_gets_404(client, user_of, name):
    user = user_of(Role.CCD)
    client.force_login(user, backend="bluelamp.identity.oidc.OIDCBackend")
    assert client.get(reverse(name)).status_code == 404
    assert client.get(HOME).status_code == 200


def test_the_admin_site_signs_in_through_the_service_sign_in_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/admin/"


def test_a_lost_phone_is_reset_from_the_command_line_and_set_up_again(client, user_of, password):
    from io import StringIO

    from django.core.management import CommandError, call_command

    user = user_of(Role.CCD)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    out = StringIO()
    call_command("two_factor_reset", user.username, stdout=out)
    assert "removed 1 authenticator(s)" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert actions()[-1] == "auth.two_factor_reset"
    sign_in(client, user, password)
    assert client.get(HOME)["Location"].startswith(SETUP)
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("two_factor_reset", "nobody")


@pytest.mark.parametrize("role", [r for r in Role if r != Role.CCD])
def test_only_ccd_may_reset_two_factor(user_of, role):
    from bluelamp.core.errors import PermissionDeniedError
    from bluelamp.identity import services

    user = user_of(Role.AUDITOR)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    with pytest.raises(PermissionDeniedError):
        services.two_factor_reset(actor=user_of(role), user=user)
    assert TOTPDevice.objects.filter(user=user).exists()
    services.two_factor_reset(actor=user_of(Role.CCD), user=user)
    assert not TOTPDevice.objects.filter(user=user).exists()
