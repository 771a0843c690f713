"""An application walked through the real pages in a browser: a member of staff applies, their
line manager approves, Corporate Communications approves, and the account is in the registry.
Each page on the way passes axe-core."""

from __future__ import annotations

import re

import pytest

from bluelamp.social_accounts.choices import Acknowledgement

pytestmark = pytest.mark.browser

HANDLE = "WMPSmethwickNPU"


def _decide(page, sign_in, who: str, number: str, choice: str):
    page.context.clear_cookies()
    sign_in(who)
    page.goto("/applications/")
    page.get_by_role("link", name=f"Application {number}", exact=True).first.click()
    page.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Give the decision").click()
    page.wait_for_load_state()


def test_an_application_goes_from_submission_through_manager_and_ccd_to_the_registry(
    page, sign_in, axe_check
):
    # Given a member of staff whose line manager is "manager", applying on the form
    sign_in("staff")
    page.goto("/applications/new/")
    axe_check(page)
    page.get_by_label("A new account for policing, owned by the force").check()
    page.get_by_label("X (Twitter)").check()
    page.get_by_label("Handle you would like").fill(HANDLE)
    page.get_by_label("Name of the account").fill("Smethwick NPU")
    page.get_by_label("Neighbourhood policing unit").check()
    page.get_by_label("Team, NPU or department").fill("Smethwick NPU")
    page.locator("input[name=purpose]").first.check()
    page.get_by_label("How will the account serve that purpose?").fill(
        "Talk to Smethwick residents about anti-social behaviour."
    )
    page.get_by_label("E-mail address the account will be registered with").fill(
        "smethwick.npu@west-midlands.pnn.police.uk"
    )
    for value in Acknowledgement.values:
        page.locator(f"input[name=acknowledgements][value={value}]").check()
    page.get_by_role("button", name="Send the application").click()
    page.wait_for_load_state()
    number = re.search(r"/applications/(\d+)/", page.url).group(1)
    assert page.get_by_text("Waiting for line manager").first.is_visible()
    axe_check(page)

    # When the line manager approves it
    _decide(page, sign_in, "manager", number, "Approve")
    assert page.get_by_text("Waiting for Corporate Communications").first.is_visible()
    axe_check(page)

    # And Corporate Communications approves it
    _decide(page, sign_in, "ccd", number, "Approve: the account enters the registry")
    axe_check(page)

    # Then the account is in the registry, for CCD and for its owner
    page.goto("/accounts/")
    assert page.get_by_role("link", name=re.compile(HANDLE)).first.is_visible()
    axe_check(page)
    page.get_by_role("link", name=re.compile(HANDLE)).first.click()
    page.wait_for_load_state()
    axe_check(page)
    page.context.clear_cookies()
    sign_in("staff")
    page.goto("/accounts/")
    assert page.get_by_role("link", name=re.compile(HANDLE)).first.is_visible()
    assert page.csp_violations == []
