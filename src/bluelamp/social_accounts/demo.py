"""The registry's demo data for `make run`: about forty accounts on X, Facebook, Instagram and
YouTube in every state and with every kind of health problem, and applications in every state.
Everything goes through the services, so the audit trail is real.

``load_demo(now, users=..., domain=...)`` is called by the demo loader (``bluelamp.demo``) once
the demo users exist; running it again adds nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bluelamp.core.models import User
from bluelamp.social_accounts import vault
from bluelamp.social_accounts.choices import Acknowledgement, Ownership, Purpose, Tier
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.services.applications import (
    account_application_ccd_approve,
    account_application_ccd_refuse,
    account_application_manager_approve,
    account_application_manager_reject,
    account_application_submit,
    account_application_withdraw,
)
from bluelamp.social_accounts.services.credentials import account_credentials_record
from bluelamp.social_accounts.services.lifecycle import (
    account_close,
    account_conversion_decide,
    account_conversion_request,
    account_suspend,
)
from bluelamp.social_accounts.services.registry import account_import

DAY = dt.timedelta(days=1)

GOOD_BIO = "{name}. Not monitored 24/7. Report crime at west-midlands.police.uk or call 101. In an emergency call 999."
BAD_BIO = "{name}. News and updates from your local officers."


@dataclass
class DemoAccount:
    """One demo account; ``problems`` names the health problems it should have."""

    platform: str
    handle: str
    name: str
    tier: str
    owner: str
    team: str = ""
    ownership: str = Ownership.FORCE_OWNED
    deputy: str = ""
    supervisor: str = ""
    roster: tuple[str, ...] = ()
    purpose: str = Purpose.ENGAGEMENT
    problems: tuple[str, ...] = ()
    status: str = "active"  # or suspended, closed, closed_by_owner, converted, conversion_requested
    reason: str = ""
    extra_apps: tuple[str, ...] = field(default=())


F, N, D, T, IND = Tier.FORCE, Tier.NPU, Tier.DEPARTMENT, Tier.TEAM, Tier.INDIVIDUAL
NET, CONV = Ownership.STAFF_NETWORK, Ownership.CONVERTED_PERSONAL

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    # The force's main accounts, run by CCD (3.11)
    DemoAccount("x", "WMPolice", "West Midlands Police", F, "ccd", "Corporate Communications", deputy="ccd2", purpose=Purpose.INFORMATION),
    DemoAccount("facebook", "westmidlandspolice", "West Midlands Police", F, "ccd", "Corporate Communications", deputy="ccd2", purpose=Purpose.INFORMATION),
    DemoAccount("instagram", "wmpolice", "West Midlands Police", F, "ccd2", "Corporate Communications", deputy="ccd", purpose=Purpose.TRUST),
    DemoAccount("youtube", "WMPolice", "West Midlands Police", F, "ccd2", "Corporate Communications", purpose=Purpose.TEAMS, problems=("dormant",)),
    # Neighbourhood policing units
    DemoAccount("x", "WMPDudley", "Dudley Police", N, "manager", "Dudley NPU", deputy="staff", supervisor="manager", roster=("staff2",)),
    DemoAccount("facebook", "wmp.dudley", "Dudley Police", N, "staff", "Dudley NPU", deputy="staff2", supervisor="manager", problems=("no_disclaimer",)),
    DemoAccount("instagram", "wmp_dudley", "Dudley Police", N, "staff2", "Dudley NPU", supervisor="manager", problems=("location", "roster")),
    DemoAccount("x", "WMPCoventry", "Coventry Police", N, "manager2", "Coventry NPU", deputy="staff4", supervisor="manager2"),
    DemoAccount("facebook", "wmp.coventry", "Coventry Police", N, "staff4", "Coventry NPU", supervisor="manager2", problems=("bad_app",), extra_apps=("Buffer",)),
    DemoAccount("instagram", "wmp_coventry", "Coventry Police", N, "staff5", "Coventry NPU", supervisor="manager2", problems=("password",)),
    DemoAccount("x", "WMPBirmEast", "Birmingham East Police", N, "ccd", "Birmingham East NPU", problems=("no_required",)),
    DemoAccount("x", "WMPBirmWest", "Birmingham West Police", N, "ccd", "Birmingham West NPU"),
    DemoAccount("x", "WMPSandwell", "Sandwell Police", N, "ccd2", "Sandwell NPU", problems=("offdomain",)),
    DemoAccount("x", "WMPSolihull", "Solihull Police", N, "ccd2", "Solihull NPU", problems=("dormant", "password")),
    DemoAccount("x", "WMPWalsall", "Walsall Police", N, "ccd", "Walsall NPU"),
    DemoAccount("x", "WMPWolves", "Wolverhampton Police", N, "ccd", "Wolverhampton NPU", problems=("no_disclaimer", "location", "bad_app"), extra_apps=("IFTTT",)),
    DemoAccount("facebook", "wmp.walsall", "Walsall Police", N, "ccd2", "Walsall NPU"),
    DemoAccount("youtube", "WMPBirmingham", "Birmingham Police", N, "ccd", "Birmingham West NPU", problems=("dormant",)),
    # Departments
    DemoAccount("x", "WMPTraffic", "Central Motorway Police Group", D, "staff6", "Traffic", supervisor="manager2", purpose=Purpose.APPEALS),
    DemoAccount("x", "WMPDogs", "Dog Unit", D, "staff3", "Dog Unit", supervisor="manager", purpose=Purpose.TEAMS),
    DemoAccount("instagram", "wmp_dogs", "Dog Unit", D, "staff3", "Dog Unit", supervisor="manager", purpose=Purpose.TEAMS, problems=("no_required",)),
    DemoAccount("x", "WMPFirearms", "Firearms Operations", D, "ccd", "Firearms", purpose=Purpose.TRUST),
    DemoAccount("x", "WMPCyber", "Regional Cyber Crime Unit", D, "staff5", "Cyber Crime", supervisor="manager2", purpose=Purpose.APPEALS, problems=("offdomain", "roster")),
    DemoAccount("youtube", "WMPTraining", "Learning and Development", D, "staff4", "Training", supervisor="manager2", purpose=Purpose.TEAMS, problems=("dormant", "no_disclaimer")),
    DemoAccount("facebook", "wmp.mounted", "Mounted Branch", D, "staff6", "Mounted", supervisor="manager2", purpose=Purpose.TEAMS, status="suspended", reason="Location services left on after two reminders (CC/01 3.15).", problems=("location",)),
    # Teams
    DemoAccount("x", "WMPDudleyNth", "Dudley North Safer Neighbourhoods", T, "staff", "Dudley North", supervisor="manager", roster=("staff3",)),
    DemoAccount("x", "WMPCovCentral", "Coventry Central Safer Neighbourhoods", T, "staff4", "Coventry Central", supervisor="manager2", status="suspended", reason="Posted a missing person appeal without Corporate Communications' agreement (CC/01 4.11)."),
    DemoAccount("facebook", "coventry.central.snt", "Coventry Central SNT", T, "staff4", "Coventry Central", supervisor="manager2", problems=("password", "roster")),
    DemoAccount("instagram", "wmp_solihull_rural", "Solihull Rural Team", T, "staff5", "Solihull Rural", supervisor="manager2"),
    DemoAccount("x", "WMPOldbury", "Oldbury Safer Neighbourhoods", T, "staff2", "Oldbury", supervisor="manager", status="closed_by_owner", reason="The team merged into Sandwell NPU; followers pointed to @WMPSandwell."),
    DemoAccount("facebook", "wmp.ladywood", "Ladywood Police", T, "staff6", "Ladywood", supervisor="manager2", status="closed", reason="No post for over a year and no owner in post (CC/01 3.5, 4.1).", problems=("dormant",)),
    # Individuals
    DemoAccount("x", "CSupt_JonesWMP", "Ch Supt Helen Jones", IND, "manager2", "Coventry NPU", purpose=Purpose.TRUST),
    DemoAccount("x", "PCBloggsWMP", "PC Jo Bloggs", IND, "staff", "Dudley NPU", ownership=CONV, supervisor="manager", purpose=Purpose.ENGAGEMENT),
    DemoAccount("x", "Sgt_PatelWMP", "Sgt Sam Patel", IND, "manager", "Dudley NPU", purpose=Purpose.ENGAGEMENT, status="conversion_requested", reason="Moving to a non-public-facing role; I would like to keep the account for personal use."),
    DemoAccount("instagram", "pc_tom_baker", "PC Tom Baker", IND, "staff4", "Coventry NPU", ownership=CONV, supervisor="manager2", status="converted", reason="Left the neighbourhood team; the account no longer posts for the force."),
    DemoAccount("x", "WMPSpecials19", "Specials Recruitment 2019", D, "ccd", "Special Constabulary", status="closed", reason="The recruitment campaign ended.", problems=("dormant",)),
    # Staff networks (not owned by CCD, 3.2)
    DemoAccount("x", "WMP_BAPA", "Black and Asian Police Association", T, "staff5", "Staff network", ownership=NET, purpose=Purpose.TRUST),
    DemoAccount("facebook", "wmp.lgbtnetwork", "WMP LGBT+ Network", T, "staff2", "Staff network", ownership=NET, purpose=Purpose.TRUST, problems=("no_disclaimer",)),
    DemoAccount("instagram", "wmp_womens_network", "WMP Women's Network", T, "staff3", "Staff network", ownership=NET, purpose=Purpose.TRUST, status="conversion_requested", reason="The network wants to run it under its own policy."),
)  # fmt: skip

ALL_ACKS = [a.value for a in Acknowledgement]


@dataclass
class DemoApplication:
    applicant: str
    platform: str
    handle: str
    name: str
    tier: str
    team: str
    purpose: str
    detail: str
    ends: str  # awaiting_manager, awaiting_ccd, approved, rejected_by_manager, refused_by_ccd, withdrawn
    reason: str = ""
    ownership: str = Ownership.FORCE_OWNED


DEMO_APPLICATIONS: tuple[DemoApplication, ...] = (
    DemoApplication("staff", "x", "WMPDudleyYouth", "Dudley Youth Engagement", T, "Dudley NPU", Purpose.ENGAGEMENT, "Reach young people in Dudley about knife crime and diversion schemes.", "awaiting_manager"),
    DemoApplication("staff4", "instagram", "wmp_coventry_snt", "Coventry Safer Neighbourhoods", T, "Coventry NPU", Purpose.ENGAGEMENT, "Show the work of Coventry's neighbourhood teams to residents who use Instagram.", "awaiting_manager"),
    DemoApplication("staff2", "facebook", "wmp.dudleynorth", "Dudley North Police", T, "Dudley North", Purpose.FEEDBACK, "A place for Dudley North residents to raise local priorities with their team.", "awaiting_ccd"),
    DemoApplication("staff5", "x", "WMPCovCycle", "Coventry Cycle Crime", T, "Coventry NPU", Purpose.APPEALS, "Crime prevention advice and appeals about bike theft in Coventry.", "awaiting_ccd"),
    DemoApplication("staff3", "x", "WMPDudleyRural", "Dudley Rural Crime", T, "Dudley NPU", Purpose.INFORMATION, "Rural crime news and farm watch alerts for Dudley's rural areas.", "approved"),
    DemoApplication("staff6", "youtube", "WMPCoventryNPU", "Coventry Police", N, "Coventry NPU", Purpose.TEAMS, "Short films about Coventry officers' work for community meetings.", "approved"),
    DemoApplication("staff2", "x", "AmirOnPatrol", "PC Amir Hussain", IND, "Dudley NPU", Purpose.ENGAGEMENT, "My own account about my beat.", "rejected_by_manager", "Post on @WMPDudley instead: a personal-style account adds little for Dudley."),
    DemoApplication("staff5", "instagram", "dc_priya_wmp", "DC Priya Nair", IND, "Coventry NPU", Purpose.TRUST, "Show what detectives do.", "refused_by_ccd", "Detectives' work is shown on @wmp_coventry; case details on a personal account risk disclosure (CC/01 4.24)."),
    DemoApplication("staff", "x", "WMPDudleyEvents", "Dudley Police Events", T, "Dudley NPU", Purpose.ENGAGEMENT, "Community events in Dudley.", "withdrawn", "We will post events on @WMPDudley."),
)  # fmt: skip


def load_demo(now: dt.datetime, *, users: dict[str, User], domain: str) -> str:
    """Load the demo accounts and applications once (``users`` by demo username, e-mail
    addresses at ``domain``); returns what was done."""
    if Account.objects.filter(platform="x", handle__iexact="WMPolice").exists():
        return "The demo force is loaded already; nothing added."
    for spec in DEMO_ACCOUNTS:
        _account(spec, now, users, domain)
    for spec in DEMO_APPLICATIONS:
        _application(spec, users)
    return f"Loaded {Account.objects.count()} accounts and {len(DEMO_APPLICATIONS)} applications"


def _account(spec: DemoAccount, now: dt.datetime, users: dict[str, User], domain: str) -> Account:
    u = users
    problems = set(spec.problems)
    seed = sum(map(ord, spec.handle))
    apps = [] if "no_required" in problems else ["Hootsuite"]
    apps += list(spec.extra_apps)
    opened = now - (400 + seed % 900) * DAY
    password = now - (5 + seed % 60) * DAY
    if "password" in problems:
        password = now - (120 + seed % 200) * DAY
    roster_changed = password - (10 + seed % 30) * DAY
    if "roster" in problems:
        roster_changed = password + 3 * DAY
    last_post = now - (seed % 6) * DAY - dt.timedelta(hours=seed % 20)
    if "dormant" in problems:
        last_post = now - (100 + seed % 150) * DAY
    if spec.status in ("closed", "closed_by_owner", "converted"):
        last_post = now - (30 + seed % 60) * DAY
    owner = u[spec.owner]
    email = f"{spec.team.lower().replace(' ', '.') or 'social'}.social@{domain}"
    if "offdomain" in problems:
        email = f"{spec.handle.lower()}@gmail.com"
    account = account_import(
        actor=None,
        platform=spec.platform,
        handle=spec.handle,
        display_name=spec.name,
        tier=spec.tier,
        ownership=spec.ownership,
        owner=owner,
        deputy=u[spec.deputy] if spec.deputy else None,
        supervisor=u[spec.supervisor] if spec.supervisor else None,
        roster=[u[name] for name in spec.roster],
        team=spec.team,
        purpose=spec.purpose,
        registration_email=email,
        bio=(BAD_BIO if "no_disclaimer" in problems else GOOD_BIO).format(name=spec.name),
        location_services_on="location" in problems,
        connected_apps=apps,
        opened_at=opened,
        last_post_at=last_post,
        password_changed_at=password,
        roster_changed_at=roster_changed,
        now=now,
    )
    ccd = u["ccd"]
    if spec.status == "active" and password is not None and vault.available():
        # The demo's sign-ins are in the vault too, so CCD can try a reveal (3.7).
        account_credentials_record(
            actor=owner,
            account=account,
            username=email,
            password=f"demo-{spec.handle.lower()}-password",
            now=password,
        )
    if spec.status == "suspended":
        account_suspend(actor=ccd, account=account, reason=spec.reason)
    elif spec.status == "closed":
        account_close(actor=ccd, account=account, reason=spec.reason)
    elif spec.status == "closed_by_owner":
        account_close(actor=owner, account=account, reason=spec.reason)
    elif spec.status == "conversion_requested":
        account_conversion_request(actor=owner, account=account, reason=spec.reason)
    elif spec.status == "converted":
        account_conversion_request(actor=owner, account=account, reason=spec.reason)
        account_conversion_decide(
            actor=ccd,
            account=account,
            approve=True,
            reason="Agreed: no longer posts for the force.",
        )
    return account


def _application(spec: DemoApplication, users: dict[str, User]) -> None:
    u = users
    applicant = u[spec.applicant]
    application = account_application_submit(
        actor=applicant,
        ownership=spec.ownership,
        purpose=spec.purpose,
        purpose_detail=spec.detail,
        platform=spec.platform,
        handle=spec.handle,
        display_name=spec.name,
        tier=spec.tier,
        team=spec.team,
        registration_email=applicant.email,
        acknowledgements=ALL_ACKS,
    )
    manager = applicant.line_manager
    if spec.ends == "awaiting_manager":
        return
    if spec.ends == "withdrawn":
        account_application_withdraw(actor=applicant, application=application, reason=spec.reason)
        return
    if spec.ends == "rejected_by_manager":
        account_application_manager_reject(
            actor=manager, application=application, reason=spec.reason
        )
        return
    account_application_manager_approve(
        actor=manager, application=application, reason="Supported: a clear local need."
    )
    if spec.ends == "approved":
        account_application_ccd_approve(actor=u["ccd"], application=application)
    elif spec.ends == "refused_by_ccd":
        account_application_ccd_refuse(actor=u["ccd2"], application=application, reason=spec.reason)
