"""Demo posts for `make run`: every X, Facebook and Instagram account connected to the fake
platforms (token ``good-token``), and posts in the states people meet first: a draft with a
problem to fix, posts waiting for a line manager and for CCD, a scheduled post, and an archive
of published posts with a disclosure record."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from bluelamp.core.models import User
from bluelamp.publishing.fakeplatforms import IG_USER_ID, PAGE_ID
from bluelamp.publishing.models import PlatformConnection, Post
from bluelamp.publishing.services import approvals, compose, connections
from bluelamp.social_accounts import vault
from bluelamp.social_accounts.models import Account

FAKE_TOKEN = "good-token"
FORCE_SITE = "https://www.west-midlands.police.uk/news"


def _connect(ccd: User, now: dt.datetime) -> int:
    if not vault.available():  # no keys (outside DJANGO_DEBUG): nothing can be stored
        return 0
    count = 0
    for account in Account.objects.filter(
        status="active", platform__in=connections.PUBLISHABLE_PLATFORMS
    ):
        if PlatformConnection.objects.filter(account=account).exists():
            continue
        page = {"facebook": PAGE_ID, "instagram": IG_USER_ID}.get(account.platform, "")
        connections.connection_save(
            actor=ccd, account=account, token=FAKE_TOKEN, platform_account_id=page, now=now
        )
        count += 1
    return count


def load_demo(now: dt.datetime) -> str:
    """Load the demo posts once; returns what was done."""
    users = {u.username: u for u in User.objects.filter(is_active=True)}
    ccd = users.get("ccd")
    if ccd is None:
        return "no demo users: no posts loaded"
    connected = _connect(ccd, now)
    if Post.objects.exists():
        return f"{connected} accounts connected; demo posts already loaded"
    team = Account.objects.filter(handle="WMPDudleyNth").first()
    npu = Account.objects.filter(handle="WMPDudley").first()
    staff, manager = users.get("staff"), users.get("manager")
    if team is None or npu is None or staff is None or manager is None:
        return f"{connected} accounts connected; demo accounts missing: no posts loaded"
    earlier = now - dt.timedelta(days=3)

    def draft(text: str, account=team, when=earlier, **kwargs) -> Post:
        return compose.post_create(actor=staff, account=account, text=text, now=when, **kwargs)

    # A draft with a problem to fix (personal data, 4.12).
    draft("Thanks to Dave for handing in the lost purse today. Call him on 07700 900123.", when=now)
    # Waiting for the line manager: a second opinion (6.14).
    post = draft(
        "Our Dudley North team will be at Netherton market on Saturday from 10am: come and say "
        "hello and get your bike marked.",
        second_opinion=True,
    )
    compose.post_submit(post=post, actor=staff, now=earlier)
    # Waiting for CCD: an appeal from an NPU account (4.11).
    post = draft(
        "Have you seen Amy Jones, 15, missing from Dudley since Tuesday? She is 5ft 4in with long "
        f"dark hair. Please call 101 quoting log 1234. {FORCE_SITE}",
        account=npu,
    )
    compose.post_record(
        post=post, actor=staff, incident_log_ref="Log 1234 of 27/11/2026", now=earlier
    )
    compose.post_submit(post=post, actor=staff, now=earlier)
    # Scheduled after a manager's approval.
    post = draft(
        "Crime prevention surgery at Dudley library next Monday, 2pm to 4pm. Drop in for advice "
        "on keeping your home safe this winter.",
        second_opinion=True,
    )
    compose.post_submit(
        post=post, actor=staff, scheduled_for=now + dt.timedelta(days=2), now=earlier
    )
    approvals.approval_approve(post=post, actor=manager, note="Good to go.", now=earlier)
    # An arrest post with its disclosure record, ready to publish.
    post = draft(
        "We arrested a 29-year-old man in Netherton last night on suspicion of burglary after a "
        f"break-in on Cradley Road. He remains in custody. {FORCE_SITE}"
    )
    compose.post_record(
        post=post,
        actor=staff,
        crime_ref="20/112233/26",
        incident_log_ref="Log 77 of 26/11/2026",
        now=earlier,
    )
    compose.post_submit(post=post, actor=staff, now=earlier)
    imported = _archive(now, team, npu, ccd)
    return (
        f"{connected} accounts connected; {Post.objects.count()} demo posts loaded "
        f"({imported} of them published earlier, in the archive)"
    )


def _archive(now: dt.datetime, team: Account, npu: Account, ccd: User) -> int:
    """Posts published before Bluelamp, imported as a force would import its history: the
    archive, its search and a disclosure schedule have something to show."""
    import json

    from bluelamp.publishing.archive import archive_import

    # `make run` points this at its fake X, which holds these posts too (fake_platforms).
    web_base = settings.BLUELAMP_X_WEB_BASE

    def line(account: Account, days: int, number: int, text: str) -> str:
        at = (now - dt.timedelta(days=days)).replace(microsecond=0)
        return json.dumps(
            {
                "account": {"platform": account.platform, "handle": account.handle},
                "text": text,
                "published_at": at.isoformat(),
                "platform_post_id": str(1_860_000_000_000_000_000 + number),
                "url": f"{web_base}/{account.handle}/status/{1_860_000_000_000_000_000 + number}",
                "author": "PC 4521 Jo Bloggs",
            }
        )

    lines = [
        line(
            team,
            40,
            1,
            "Thank you to everyone who came to our bike marking at Netherton "
            "market today: 64 bikes marked!",
        ),
        line(
            team,
            33,
            2,
            "We arrested a 31-year-old man in Netherton last night on suspicion "
            f"of burglary after a break-in on Cradley Road. Crime ref 20/998877/26. {FORCE_SITE}",
        ),
        line(
            npu,
            31,
            3,
            "A 31-year-old man from Netherton has been charged with burglary and "
            f"will appear at Dudley Magistrates' Court tomorrow. {FORCE_SITE}",
        ),
        line(
            npu,
            12,
            4,
            "Have you seen Bethany, 15, missing from Dudley since Friday? Please "
            f"call 101 quoting log 2211. {FORCE_SITE}",
        ),
        line(npu, 9, 5, "Update: Bethany has been found safe and well. Thank you for sharing."),
    ]
    result = archive_import(lines, actor=None, now=now)
    # The disclosure record of the burglary case (4.24), given afterwards by CCD
    for post in result.imported:
        if "Netherton" in post.text and ("arrested" in post.text or "charged" in post.text):
            compose.post_record(
                post=post,
                actor=ccd,
                crime_ref="20/998877/26",
                oic_told=True,
                oic_name="DC 3301 Sam Rana",
                now=now,
            )
    return len(result.imported)
