"""What every page's layout carries: a way to tell Corporate Communications something is wrong
(the pack's mailbox, 3.4), and wide tables that scroll in their own box."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_phase_banner_gives_corporate_communications_mailbox(client):
    html = client.get("/sign-in/").content.decode()

    assert "Tell Corporate Communications" in html
    assert (
        'href="mailto:socialmedia@west-midlands.pnn.police.uk?subject=Bluelamp%20feedback"' in html
    )


def test_every_table_sits_in_its_own_scrolling_box():
    import re
    from pathlib import Path

    import bluelamp

    root = Path(bluelamp.__file__).parent
    bare, by_hand = [], []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if template.name == "table_scroll.html":
            continue
        boxed = re.findall(r"\{% table_scroll[^%]*%\}\s*<table", text)
        if text.count("<table") != len(boxed) or text.count("{% endtable_scroll %}") != len(boxed):
            bare.append(str(template.relative_to(root)))
        if "bl-table-scroll" in text:
            by_hand.append(str(template.relative_to(root)))
    assert bare == []
    assert by_hand == []  # the box is written once, in includes/table_scroll.html


def test_the_scrolling_box_takes_focus_and_a_label_makes_it_a_named_region():
    from django.template import Context, Template

    plain = Template("{% load layout %}{% table_scroll %}<table></table>{% endtable_scroll %}")
    assert plain.render(Context()) == (
        '<div class="bl-table-scroll" tabindex="0"><table></table></div>'
    )
    named = Template(
        '{% load layout %}{% table_scroll "Posts in flight" %}<table></table>{% endtable_scroll %}'
        "{% table_scroll heading %}<table></table>{% endtable_scroll %}"
    )
    html = named.render(Context({"heading": "March <2026>"}))
    assert 'role="region" aria-label="Posts in flight" tabindex="0"><table>' in html
    assert 'aria-label="March &lt;2026&gt;"' in html


def test_a_page_about_one_thing_says_which_in_its_title():
    from types import SimpleNamespace

    from django.template import Context, Template

    account = SimpleNamespace(at_handle="@WMPDudley")
    post = SimpleNamespace(text="Lost dog found on Dudley High Street. Call 101.", account=account)
    render = lambda **c: Template("{% load page %}{% page_title %}").render(Context(c))  # noqa: E731

    assert render(title="Close the account", account=account) == "Close the account: @WMPDudley"
    assert render(title="@WMPDudley on X", account=account) == "@WMPDudley on X"
    assert render(title="Write a letter", rr=SimpleNamespace(reference="RR-00007")) == (
        "Write a letter: RR-00007"
    )
    assert render(title="Change the post", post=post) == (
        "Change the post: “Lost dog found on Dudley High Street. C…” on @WMPDudley"
    )
    assert render(title="Post on @WMPDudley", post=post).startswith("Post on @WMPDudley: “Lost")
    assert render(title="Accounts") == "Accounts"
    assert (
        render(title="Approve a post", post=post, title_for="draft 3") == "Approve a post: draft 3"
    )


def test_signed_in_pages_carry_the_time_out_warning_and_its_fallback(client):
    from bluelamp.core.roles import Role
    from bluelamp.core.testing.factories import UserFactory

    client.force_login(UserFactory(roles=[Role.STAFF]))
    html = client.get("/").content.decode()

    assert "data-timeout-dialog" in html and 'data-seconds="3600"' in html
    assert 'href="/stay-signed-in/"' in html


def test_stay_signed_in_answers_the_dialog_and_the_page(client):
    from bluelamp.core.roles import Role
    from bluelamp.core.testing.factories import UserFactory

    client.force_login(UserFactory(roles=[Role.AUDITOR]))

    assert client.get("/stay-signed-in/").status_code == 200
    answer = client.post("/stay-signed-in/", headers={"Accept": "application/json"})
    assert answer.json() == {"seconds": 3600}
    page = client.post("/stay-signed-in/", {"next": "/policy/"})
    assert page.status_code == 302 and page["Location"] == "/policy/"
    away = client.post("/stay-signed-in/", {"next": "https://evil.example/"})
    assert away["Location"] == "/"


def test_signed_out_people_get_no_warning(client):
    html = client.get("/sign-in/").content.decode()
    assert "data-timeout-dialog" not in html and "timeout.js" not in html
    assert client.get("/stay-signed-in/").status_code == 302
