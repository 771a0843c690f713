"""A seeded generator of varied, realistic text-only posts for benchmarking `bluelamp check`.

Posts are composed from templates (grouped by the kind of post: everyday advice and community
news, incident news, appeals, arrests, charges and court results, political, offensive,
protectively marked, operational, personal data...) whose slots are filled from West Midlands
places and streets, names, ages, offences, times, dates, log references, links, phone numbers
from Ofcom's drama ranges, e-mail addresses on reserved domains, hashtags and emoji; tails
(contact lines, links, hashtags, emoji) and styling (prefixes, line breaks, casing) are added at
random. Every post is one JSON object in the `bluelamp check --jsonl` input format.

The same seed always gives the same corpus (``random.Random`` only, no set or hash ordering).

    python bench/corpus_gen.py --posts 100000 --seed 1 --write bench/out/corpus.jsonl
    python bench/corpus_gen.py --posts 2000 --stats        # what the corpus looks like
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

DEFAULT_POSTS = 100_000
DEFAULT_SEED = 20260101

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

TOWNS = (
    "Birmingham", "Coventry", "Wolverhampton", "Walsall", "Dudley", "Solihull", "West Bromwich",
    "Sutton Coldfield", "Halesowen", "Stourbridge", "Oldbury", "Smethwick", "Tipton",
    "Wednesbury", "Bilston", "Willenhall", "Bloxwich", "Darlaston", "Brierley Hill",
    "Kingswinford", "Sedgley", "Rowley Regis", "Cradley Heath", "Aldridge", "Brownhills",
    "Shirley", "Chelmsley Wood", "Castle Bromwich", "Kingshurst", "Knowle", "Dorridge",
)  # fmt: skip
DISTRICTS = (
    "Handsworth", "Lozells", "Aston", "Erdington", "Kingstanding", "Perry Barr", "Great Barr",
    "Small Heath", "Sparkhill", "Sparkbrook", "Balsall Heath", "Moseley", "Kings Heath",
    "Hall Green", "Acocks Green", "Yardley", "Stechford", "Shard End", "Hodge Hill", "Ward End",
    "Bordesley Green", "Digbeth", "Edgbaston", "Harborne", "Quinton", "Selly Oak", "Northfield",
    "Longbridge", "Kings Norton", "Bournville", "Stirchley", "Weoley Castle", "Bartley Green",
    "Ladywood", "Nechells", "Saltley", "Washwood Heath", "Castle Vale", "Tyseley", "Hockley",
    "the Jewellery Quarter", "Winson Green", "Newtown", "Druids Heath", "Frankley", "Hamstead",
    "Tile Hill", "Foleshill", "Hillfields", "Earlsdon", "Canley", "Wood End", "Bell Green",
    "Radford", "Holbrooks", "Binley", "Walsgrave", "Allesley", "Cheylesmore", "Whitmore Reans",
    "Tettenhall", "Wednesfield", "Heath Town", "Low Hill", "Bushbury", "Penn", "Blakenhall",
    "Pendeford", "Caldmore", "Palfrey", "Pleck", "Leamore", "Beechdale", "Netherton", "Lye",
    "Wordsley", "Gornal", "Coseley", "Great Bridge", "Friar Park", "Princes End", "Langley",
)  # fmt: skip
STREETS = (
    "Soho Road", "Hagley Road", "Stratford Road", "Ladypool Road", "Lozells Road", "Broad Street",
    "Corporation Street", "New Street", "Bristol Road", "Pershore Road", "Alum Rock Road",
    "Coventry Road", "Washwood Heath Road", "Dudley Road", "Bearwood Road", "Walsall Road",
    "Birchfield Road", "Kingstanding Road", "Slade Road", "Chester Road", "Tyburn Road",
    "Warwick Road", "Moseley Road", "High Street", "Station Road", "Church Road", "Park Road",
    "Grange Road", "Hamstead Road", "Far Gosford Street", "Foleshill Road", "Walsgrave Road",
    "Hertford Street", "Stoney Stanton Road", "Holyhead Road", "Lichfield Street",
    "Dudley Street", "Stafford Road", "Park Street", "Bridge Street", "Queen Street",
    "Union Street", "Hill Street", "Victoria Road", "Green Lane", "Moor Green Lane",
    "Wellington Road", "Newhall Street", "Colmore Row", "Stourbridge Road", "Halesowen Road",
    "Birmingham New Road", "Bromford Lane", "Lea Hall Road", "Lode Lane", "Hobs Moat Road",
    "Streetsbrook Road", "Longbridge Lane", "Cannon Street", "Ryland Road", "Belgrave Road",
    "Cape Hill", "Oxhill Road", "Rookery Road", "Heathfield Road", "Villa Road", "Wheeler Street",
    "Gooch Street", "Bell Barn Road", "Highgate Road", "Cole Bank Road", "Shirley Road",
    "Fox Hollies Road", "Sarehole Road", "Yardley Wood Road", "College Road", "Gravelly Lane",
    "Beeches Road", "Rocky Lane", "Whitehouse Street", "Darlaston Road", "Wolverhampton Road",
    "Tettenhall Road", "Lower Stafford Street", "Cannock Road", "Lichfield Road",
)  # fmt: skip
STREET_KINDS = ("Close", "Avenue", "Drive", "Grove", "Crescent", "Way", "Gardens", "Lane")
TREES = ("Elm", "Oak", "Beech", "Ash", "Willow", "Rowan", "Hawthorn", "Birch", "Cedar", "Holly")
BUSINESSES = (
    "the Co-op", "the Spar", "Tesco Express", "the Londis", "Greggs", "a bookmakers", "Lidl",
    "Aldi", "the Post Office", "a phone shop", "a jewellers", "a petrol station", "McDonald's",
    "a takeaway", "a barbers", "a vape shop", "Sainsbury's Local", "the One Stop", "a pharmacy",
    "B&M", "Poundland", "a car wash", "a cash and carry", "a nail bar",
)  # fmt: skip
PUBS = (
    "the Fox and Lantern", "the Red Lion", "the Bulls Head", "the Royal Oak", "the White Swan",
    "the Crown", "the Plough", "the Black Horse", "the Kings Arms", "the Golden Cross",
)  # fmt: skip
PARKS = (
    "Handsworth Park", "Cannon Hill Park", "Sutton Park", "Lightwoods Park", "Small Heath Park",
    "Shirley Park", "War Memorial Park", "West Park", "Walsall Arboretum", "Dudley Zoo car park",
    "Victoria Park", "Brandwood End", "Lickey Hills", "Cotteridge Park", "Moseley Bog",
    "Perry Hall Park", "Swanshurst Park", "Ward End Park", "Castle Vale Park",
)  # fmt: skip
SCHOOLS = (
    "Ashmore Vale Academy", "St Mary's C of E Primary", "Holy Trinity Catholic School",
    "Greenfield Community College", "Oakwood High School", "Queensbridge Academy",
    "Hillcrest Primary", "King Edward's Grammar", "Parkside Free School", "Moorland Academy",
    "Sacred Heart Junior School", "Riverside Primary",
)  # fmt: skip
STATIONS = (
    "Bloxwich police station", "Bournville Lane police station", "Steelhouse Lane",
    "Lloyd House", "Walsall police station", "Dudley police station", "Coventry Central",
    "Wolverhampton police station", "Solihull police station", "Sutton Coldfield police station",
    "Brierley Hill police station", "Oldbury police station", "Stechford police station",
    "Kings Norton police station", "Willenhall police station", "Perry Barr police station",
)  # fmt: skip
COURTS = (
    "Birmingham Magistrates' Court", "Birmingham Crown Court", "Wolverhampton Crown Court",
    "Wolverhampton Magistrates' Court", "Coventry Magistrates' Court", "Coventry Crown Court",
    "Walsall Magistrates' Court", "Dudley Magistrates' Court", "Warwick Crown Court",
    "Birmingham Youth Court", "Walsall Youth Court", "Coventry Youth Court",
)  # fmt: skip
ADULT_COURTS = tuple(c for c in COURTS if "Youth" not in c)
LIBRARIES = (
    "Tile Hill Library", "Shard End Library", "Brierley Hill Library", "Erdington Library",
    "Kings Heath Library", "Sutton Coldfield Library", "Bloxwich Library", "Tipton Library",
    "Stirchley Baths", "the Drum", "Ladywood Community Centre", "Bilston Town Hall",
)  # fmt: skip
VENUES = (
    "Villa Park", "St Andrew's", "the Molineux", "the Bescot", "the CBS Arena", "Edgbaston",
    "the NEC", "Resorts World", "the Bullring", "Grand Central", "the Mailbox", "Merry Hill",
    "Birmingham New Street station", "Coventry station", "Wolverhampton bus station",
    "Digbeth coach station", "the Custard Factory", "the O2 Academy", "Utilita Arena",
)  # fmt: skip

MALE_FIRST = (
    "Dean", "Keith", "Jason", "Darren", "Kyle", "Jamie", "Wayne", "Connor", "Ryan", "Liam",
    "Marcus", "Jordan", "Tyler", "Brian", "Lee", "Amir", "Mohammed", "Imran", "Harpreet",
    "Kuldip", "Tariq", "Bilal", "Adeel", "Jayden", "Reece", "Callum", "Tomasz", "Łukasz", "Piotr",
    "Ciarán", "Declan", "Sean", "Delroy", "Winston", "Tunde", "Chidi", "Kwame", "Gary", "Paul",
    "Steve", "Dave", "Mark", "Nathan", "Jake", "Ethan", "Oliver", "Harry", "Alfie", "Mason",
    "Hassan", "Yusuf", "Arjun", "Ravi", "Sanjay", "Dylan", "Kai", "Tyrone", "Andrzej", "Mihai",
)  # fmt: skip
FEMALE_FIRST = (
    "Sarah", "Pam", "Edna", "Kelly", "Chloe", "Kayla", "Margaret", "Jade", "Amelia", "Helen",
    "Dawn", "Sharon", "Tracey", "Karen", "Emma", "Sophie", "Jessica", "Olivia", "Amira",
    "Aisha", "Fatima", "Nadia", "Priya", "Simran", "Harjit", "Zoë", "Siobhán", "Agnieszka",
    "Marta", "Chantelle", "Shanice", "Keisha", "Adaeze", "Ngozi", "Leanne", "Gemma", "Stacey",
    "Paige", "Mia", "Ruby", "Lily", "Grace", "Maisie", "Zara", "Hannah", "Rachel", "Joan",
    "Doreen", "Beverley", "Shabana", "Rukhsana", "Yasmin", "Ioana", "Elena", "Niamh",
)  # fmt: skip
SURNAMES = (
    "Walsh", "Byrne", "Reid", "Moss", "Dunn", "Cross", "Doyle", "Pearce", "Ward", "Hill",
    "Grant", "Foster", "Harper", "Webb", "Clarke", "Brown", "Ellis", "Cooper", "Marsh", "Price",
    "Whitehouse", "Patel", "Shah", "Khan", "Hussain", "Begum", "Akhtar", "Ahmed", "Mahmood",
    "Singh", "Kaur", "Sandhu", "Gill", "Bains", "Sharma", "Campbell", "Thompson", "Johnson",
    "Williams", "Jones", "Smith", "Taylor", "Davies", "Evans", "Edwards", "Hughes", "Green",
    "Baker", "Wright", "Turner", "Nowak", "Kowalski", "Wiśniewski", "Popescu", "O'Connor",
    "O'Neill", "McCarthy", "Murphy", "Okafor", "Adeyemi", "Mensah", "Asante", "Francis",
    "Bennett", "Russell", "Lloyd", "Griffiths", "Parkes", "Nash", "Rowley", "Kent", "Hartley",
    "Tromans", "Bissell", "Willetts", "Hingley", "Round", "Mullett",
)  # fmt: skip
RANKS = ("PC", "PCSO", "Sgt", "Insp", "DC", "DS", "DI", "Ch Insp", "Supt", "Special Constable")
OFFENCES = (
    "burglary", "robbery", "theft from a vehicle", "theft of a motor vehicle", "wounding",
    "grievous bodily harm", "assault occasioning actual bodily harm", "common assault",
    "possession with intent to supply class A drugs", "possession of cannabis",
    "dangerous driving", "causing death by dangerous driving", "drink driving", "arson",
    "criminal damage", "fraud", "possession of an offensive weapon",
    "possession of a bladed article", "handling stolen goods", "affray", "attempted murder",
    "murder", "manslaughter", "modern slavery offences", "stalking", "harassment",
    "aggravated burglary", "conspiracy to commit burglary", "money laundering",
    "possession of a firearm", "violent disorder", "shoplifting", "kidnap", "blackmail",
    "making threats to kill", "a racially aggravated public order offence",
    "controlling and coercive behaviour", "failing to stop after a collision",
)  # fmt: skip
INCIDENTS = (
    "a disturbance", "a fight", "a stabbing", "a robbery", "a burglary", "a collision",
    "a fire", "an assault", "reports of shots fired", "a serious assault", "a break-in",
    "a report of a man with a knife", "a car-jacking", "a hit-and-run", "an attempted robbery",
    "a large fight involving several men", "a suspicious package", "criminal damage",
)  # fmt: skip
DRUGS = (
    "cannabis",
    "cocaine",
    "heroin",
    "crack cocaine",
    "ketamine",
    "MDMA",
    "spice",
    "nitrous oxide canisters",
)
WEAPONS = (
    "machete", "zombie knife", "kitchen knife", "baseball bat", "handgun", "crossbow",
    "knuckleduster", "samurai sword", "hammer", "lock knife", "imitation firearm", "axe",
)  # fmt: skip
ITEMS = (
    "phone", "bike", "laptop", "catalytic converter", "power tools", "jewellery", "handbag",
    "wallet", "e-scooter", "watch", "games console", "designer clothing", "perfume", "TV",
)  # fmt: skip
VEHICLES = (
    "silver Ford Focus", "black BMW 1 Series", "white Ford Transit van", "red Vauxhall Corsa",
    "grey Audi A3", "blue Nissan Qashqai", "black Range Rover Sport", "white Mercedes Sprinter",
    "silver Toyota Prius", "black VW Golf", "red Honda CBR motorbike", "grey Kia Sportage",
    "white Land Rover Defender", "blue Ford Fiesta", "black Audi Q7", "green Skoda Octavia",
)  # fmt: skip
COLOURS = ("black", "grey", "navy", "white", "red", "blue", "green", "khaki", "burgundy")
CLOTHES = (
    "puffer jacket", "tracksuit", "hoodie", "bomber jacket", "school uniform", "parka",
    "North Face jacket", "gilet", "denim jacket", "dressing gown", "raincoat",
)  # fmt: skip
BUILDS = ("slim build", "stocky build", "medium build", "heavy build", "athletic build")
HAIR = (
    "short dark hair",
    "a shaved head",
    "long blonde hair",
    "curly brown hair",
    "grey hair",
    "a beard",
    "braids",
    "a ponytail",
)
SENTENCES = (
    "four years", "18 months", "six years and eight months", "two years suspended for two years",
    "a 12-month community order", "life with a minimum term of 21 years", "nine years",
    "three and a half years", "14 months", "seven years", "32 weeks", "11 years",
)  # fmt: skip
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
DAYPARTS = (
    "last night", "yesterday afternoon", "this morning", "yesterday evening", "earlier today",
    "overnight", "in the early hours of this morning", "on Friday evening", "on Sunday morning",
    "at the weekend", "on Saturday night", "late on Tuesday", "this afternoon",
)  # fmt: skip
EVENTS = (
    "beat surgery", "bike marking event", "community coffee morning", "cadet open evening",
    "Cuppa with a Copper", "street meet", "knife crime forum", "crime prevention stall",
    "drop-in session", "community walkabout", "PACT meeting", "open day", "fun day",
)  # fmt: skip
CAMPAIGNS = (
    "#SafeChristmas", "#ShedWatch", "#KnifeFree", "#OpSceptre", "#HolidaySafe", "#LockItOrLoseIt",
    "#ScamAware", "#FatalFour", "#WeAreWMP", "#WMPCadets",
    "#Recruitment", "#BeatSurgery", "#KeepSafe", "#CyberAware", "#StopHate", "#NotOnMyWatch",
    "#Ramadan", "#Vaisakhi", "#Diwali", "#Eid", "#Bonfire", "#Halloween", "#SafeSummer",
)  # fmt: skip
EMOJI = (
    "👏", "💪", "🚔", "☕", "🐶", "❤️", "👀", "🎂", "🙏", "⚠️", "🚨", "📞", "🔒", "🏃", "😊", "😂",
    "👍", "💙", "🚓", "🎉", "🔍", "📢", "🐴", "🏍️", "🚲", "👮‍♀️", "👮🏽‍♂️", "🤝", "🌧️", "❄️", "🎃", "🎆",
)  # fmt: skip
OPS = ("Sceptre", "Tamar", "Reliant", "Harbour", "Kestrel", "Ironside", "Lantern", "Bramble")
TEAMS = ("Team 1", "Team 2", "Team 3", "Team 4", "Team 5", "Response Team 2", "the night turn")

PARTIES = (
    "Labour", "the Conservatives", "the Tories", "the Lib Dems", "the Green Party", "Reform UK",
    "the Greens", "UKIP",
)  # fmt: skip
OFFICES = (
    "the Police and Crime Commissioner", "the PCC", "the Prime Minister", "the Home Secretary",
    "our local MP", "the Mayor", "the Policing Minister", "the council leader", "Cllr {surname2}",
)  # fmt: skip
PACK_POLITICIANS = ("Simon Foster", "Richard Parker", "Andy Street")
POLICIES = (
    "the Clean Air Zone", "ULEZ", "HS2", "the council tax rise", "the precept", "police cuts",
    "the low traffic neighbourhood", "stop and search powers", "Brexit", "austerity",
)  # fmt: skip
SLOGANS = (
    "Get Brexit done",
    "Stop the boats",
    "Take back control",
    "Tories out",
    "Labour out",
    "For the many not the few",
)
INSULTS = (
    "scumbags", "idiots", "morons", "muppets", "lowlifes", "scrotes", "tossers", "wasters",
    "pond life", "absolute clowns", "halfwits", "vermin",
)  # fmt: skip
SWEARS = (
    "bloody", "f*cking", "fcuking", "sh*t", "shit", "crap", "bl**dy", "effing", "damn",
    "pissed off", "f***ing", "bollocks",
)  # fmt: skip
RUDE_PLACES = ("Bell End", "Cockshut Hill", "Butts Road", "Cock Green", "Titty Ho")
MARKINGS = (
    "OFFICIAL-SENSITIVE", "OFFICIAL SENSITIVE", "Official-Sensitive", "OFFICIAL - SENSITIVE",
    "OFFICIAL–SENSITIVE", "SECRET", "TOP SECRET", "RESTRICTED", "CONFIDENTIAL", "PROTECT",
    "NOT FOR PUBLICATION", "POLICE ONLY", "INTERNAL USE ONLY", "OFFICIAL SENSITIVE – POLICE ONLY",
)  # fmt: skip
DOCS = (
    "duty rota", "briefing pack", "tasking paper", "intelligence briefing", "risk assessment",
    "operational order", "minutes from the tasking meeting", "community impact assessment",
    "custody log", "PNC print-out", "crime pattern analysis", "deployment plan",
)  # fmt: skip
DEPARTMENTS = (
    "WMPTraffic", "WMPDogs", "WMPCadets", "WMPVolunteers", "WMPRecruitment", "WMPHorses",
    "WMPCyber", "WMPRoadsPolicing", "WMPSpecials", "WMPForceResponse", "WMPAirOps", "WMPHQ",
)  # fmt: skip
NPUS = (
    "WMPDudley", "WMPWalsall", "WMPSolihull", "WMPCoventry", "WMPWolves", "WMPSandwell",
    "WMPBirmWest", "WMPBirmEast", "WMPBirmNorth", "WMPBirmSouth", "WMPBirmCentral",
)  # fmt: skip
POSTCODE_AREAS = (
    ("B", range(1, 99)),
    ("CV", range(1, 8)),
    ("WV", range(1, 15)),
    ("WS", range(1, 11)),
    ("DY", range(1, 10)),
)
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# Ofcom's ranges reserved for drama (never allocated to a real line).
DRAMA_LANDLINES = (
    ("0121", "496", 4),  # Birmingham: 0121 496 0000-0999
    ("020", "7946", 4),
    ("0161", "496", 4),
    ("0113", "496", 4),
    ("0117", "496", 4),
)
PUBLIC_NUMBERS = (
    "101", "999", "112", "18000", "0800 555 111", "0800555111", "0800 555111",
)  # fmt: skip

FORCE_HOSTS = (
    "west-midlands.police.uk", "www.west-midlands.police.uk", "https://www.west-midlands.police.uk",
    "https://west-midlands.police.uk", "http://west-midlands.police.uk",
)  # fmt: skip
FORCE_SECTIONS = ("news", "appeals", "wanted", "news/court", "campaigns", "advice", "missing")
FLICKR_HOSTS = ("flickr.com", "www.flickr.com", "https://www.flickr.com", "https://flickr.com")
SHORT_HOSTS = (
    "bit.ly",
    "tinyurl.com",
    "ow.ly",
    "flic.kr/p",
    "t.co",
    "buff.ly",
    "orlo.uk",
    "wmp.li",
)
OTHER_LINKS = (
    "facebook.com/westmidlandspolice", "instagram.com/westmidspolice",
    "birminghammail.co.uk/news/midlands-news", "expressandstar.com/news/crime",
    "bbc.co.uk/news/uk-england-birmingham", "coventrytelegraph.net/news", "gov.uk/report-crime",
    "actionfraud.police.uk", "crimestoppers-uk.org", "bikeregister.com", "fearless.org",
    "west-midlands-police.co.uk/news", "westmidlands.police.uk.example.com/appeal",
    "west-midlands.police.uk.example.net", "nextdoor.co.uk", "youtube.com/@WestMidlandsPolice",
    "wmca.org.uk", "westmidlands-pcc.gov.uk", "victimsupport.org.uk", "nspcc.org.uk",
)  # fmt: skip
MAIL_DOMAINS = (
    "example.com", "example.co.uk", "example.org", "example.net", "mail.example",
    "test.example.com",
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Slot fillers
# --------------------------------------------------------------------------------------------


def _slug(*parts: str) -> str:
    words = " ".join(parts).lower().replace("'", "").replace("the ", "")
    out = "".join(ch if ch.isalnum() else "-" for ch in words)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")[:60]


def _digits(r: random.Random, n: int) -> str:
    return "".join(r.choice(string.digits) for _ in range(n))


def phone_private(r: random.Random) -> str:
    """A number from Ofcom's drama ranges, in one of the ways people write numbers."""
    if r.random() < 0.6:
        rest = f"{r.randrange(1000):03d}"
        return r.choice(
            (
                f"07700 900{rest}",
                f"07700900{rest}",
                f"07700 900 {rest}",
                f"+44 7700 900{rest}",
                f"+447700900{rest}",
                f"07700-900-{rest}",
                f"(07700) 900{rest}",
            )
        )
    if r.random() < 0.15:
        rest = f"{r.randrange(1000):03d}"
        return r.choice((f"01632 960{rest}", f"01632960{rest}", f"0306 999 0{rest}"))
    area, exch, width = r.choice(DRAMA_LANDLINES)
    line = f"0{r.randrange(1000):03d}"[:width]
    nat = area[1:]
    return r.choice(
        (
            f"{area} {exch} {line}",
            f"{area}-{exch}-{line}",
            f"({area}) {exch}{line}",
            f"{area}{exch}{line}",
            f"+44 {nat} {exch} {line}",
            f"+44 ({nat}) {exch} {line}",
        )
    )


def _nhs_number(r: random.Random) -> str:
    """A 10-digit NHS number from the 999 test range with a valid modulus-11 check digit."""
    while True:
        body = "999" + _digits(r, 6)
        total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            n = body + str(check)
            return r.choice((f"{n[:3]} {n[3:6]} {n[6:]}", n, f"{n[:3]}-{n[3:6]}-{n[6:]}"))


def _luhn_complete(prefix: str) -> str:
    total = 0
    for i, d in enumerate(reversed(prefix)):
        v = int(d)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return prefix + str((10 - total % 10) % 10)


def card_number(r: random.Random) -> str:
    n = r.choice(
        (
            "4111111111111111",
            "4242424242424242",
            "5555555555554444",
            _luhn_complete("400000" + _digits(r, 9)),
            _luhn_complete("545454" + _digits(r, 9)),
        )
    )
    return r.choice(
        (
            " ".join(n[i : i + 4] for i in range(0, 16, 4)),
            n,
            "-".join(n[i : i + 4] for i in range(0, 16, 4)),
        )
    )


def ni_number(r: random.Random) -> str:
    first = r.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = r.choice("ABCEGHJKLMNPRSTWXYZ")
    d = _digits(r, 6)
    suffix = r.choice("ABCD")
    if r.random() < 0.3:
        first, second = "Q", "Q"
    return r.choice(
        (f"{first}{second}{d}{suffix}", f"{first}{second} {d[:2]} {d[2:4]} {d[4:]} {suffix}")
    )


def postcode_outward(r: random.Random) -> str:
    area, nums = r.choice(POSTCODE_AREAS)
    return f"{area}{r.choice(nums)}"


def postcode_full(r: random.Random) -> str:
    unit = f"{r.randrange(10)}{r.choice(POSTCODE_UNIT_LETTERS)}{r.choice(POSTCODE_UNIT_LETTERS)}"
    return f"{postcode_outward(r)} {unit}"


def _date_words(r: random.Random) -> str:
    return f"{r.randint(1, 28)} {r.choice(MONTHS)}"


def date_any(r: random.Random) -> str:
    d, m = r.randint(1, 28), r.randint(1, 12)
    return r.choice(
        (
            f"{d} {MONTHS[m - 1]}",
            f"{r.choice(DAYS)} {d} {MONTHS[m - 1]}",
            f"{d:02d}/{m:02d}/{r.choice((24, 25, 26))}",
            f"{d}/{m}",
            f"{DAYS[r.randrange(7)]}",
            f"{d} {MONTHS[m - 1][:3]}",
        )
    )


def dob(r: random.Random) -> str:
    y = r.randint(1935, 2008)
    d, m = r.randint(1, 28), r.randint(1, 12)
    return r.choice(
        (
            f"{d:02d}/{m:02d}/{y}",
            f"{d}/{m}/{y}",
            f"{d} {MONTHS[m - 1]} {y}",
            f"{y}-{m:02d}-{d:02d}",
            f"{d:02d}.{m:02d}.{str(y)[2:]}",
            f"{d}{('st', 'nd', 'rd')[d - 1] if d in (1, 2, 3) else 'th'} {MONTHS[m - 1]} {y}",
        )
    )


def time_any(r: random.Random) -> str:
    h = r.randint(1, 12)
    mm = r.choice((0, 0, 0, 15, 30, 45, 10, 20, 50, 5))
    ap = r.choice(("am", "pm", "pm"))
    return r.choice(
        (
            f"{h}{ap}",
            f"{h}.{mm:02d}{ap}",
            f"about {h}{ap}",
            f"around {h}.{mm:02d}{ap}",
            f"{(h % 12) + (12 if ap == 'pm' else 0):02d}:{mm:02d}",
            f"{h}:{mm:02d} {ap}",
            "midnight",
            "shortly after midnight",
            "just before midday",
        )
    )


def log_ref(r: random.Random) -> str:
    n = r.randint(1, 4999)
    return r.choice(
        (
            f"log {n} of {_date_words(r)}",
            f"log {n} of {r.randint(1, 28)}/{r.randint(1, 12)}",
            f"log number {n} of {r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{r.choice((24, 25))}",
            f"crime reference 20/{_digits(r, 6)}/{r.choice((24, 25, 26))}",
            f"crime ref 20{r.choice(('BW', 'BE', 'CV', 'WV', 'WS', 'DY', 'SW'))}/{_digits(r, 6)}{r.choice('ABCDEFGHJ')}/{r.choice((24, 25))}",
            f"incident {n} of {r.randint(1, 28)} {r.choice(MONTHS)[:3]}",
            f"ref {_digits(r, 8)}",
            f"Operation {r.choice(OPS)}",
        )
    )


def link_force(r: random.Random, s: _Slots) -> str:
    """A link to the force website whose path fits the post (its place, offence or name)."""
    host = r.choice(FORCE_HOSTS)
    if r.random() < 0.12:
        return host
    section = r.choice(FORCE_SECTIONS)
    if "name" in s and r.random() < 0.5:
        return f"{host}/{section}/{_slug(s['name'])}"
    place = next((s[k] for k in ("district", "town", "place", "street") if k in s), s["place"])
    topic = next((s[k] for k in ("offence", "incident", "item", "event") if k in s), "appeal")
    return f"{host}/{section}/{_slug(place, topic)}"


def link_flickr(r: random.Random) -> str:
    return (
        f"{r.choice(FLICKR_HOSTS)}/photos/westmidlandspolice/{r.randint(50000000000, 53999999999)}"
    )


def link_short(r: random.Random) -> str:
    code = "".join(r.choice(string.ascii_letters + string.digits) for _ in range(r.randint(5, 8)))
    prefix = "https://" if r.random() < 0.3 else ""
    return f"{prefix}{r.choice(SHORT_HOSTS)}/{code}"


def link_other(r: random.Random) -> str:
    link = r.choice(OTHER_LINKS)
    return ("https://" if r.random() < 0.4 else "") + link


def email_private(r: random.Random, s: _Slots) -> str:
    first, last = s["first3"].lower(), s["surname3"].lower().replace("'", "")
    local = r.choice(
        (
            f"{first}.{last}",
            f"{first}{last}{r.randint(1, 99)}",
            f"{first[0]}{last}",
            f"{first}_{r.randint(60, 99)}",
            f"{last}.family",
        )
    )
    local = local.encode("ascii", "ignore").decode() or "resident"
    return f"{local}@{r.choice(MAIL_DOMAINS)}"


def email_force(r: random.Random, s: _Slots) -> str:
    local = r.choice(
        (
            f"{_slug(s['place'])}.npu",
            f"{s['first3'].lower()}.{s['surname3'].lower()}",
            "contactus",
            f"{_slug(s['place'])}.snt",
            "cadets",
            "volunteering",
        )
    )
    local = local.encode("ascii", "ignore").decode().replace("'", "")
    domain = "west-midlands.pnn.police.uk" if r.random() < 0.85 else "west-midlands.police.uk"
    return f"{local}@{domain}"


def _house(r: random.Random, s: _Slots) -> str:
    num = r.randint(1, 260)
    letter = r.choice(("", "", "", "", "a", "b"))
    street = s["street"]
    return r.choice(
        (
            f"{num}{letter} {street}",
            f"{num} {street}, {s['place']}",
            f"Flat {r.randint(1, 40)}, {r.choice(TREES)} Court",
            f"flat {r.randint(1, 12)}, {num} {street}",
            f"{r.choice(TREES)} Cottage, {street}",
            f"{num} {r.choice(TREES)} {r.choice(STREET_KINDS)}",
            f"No. {num} {street}",
        )
    )


def _plural_tags(r: random.Random, s: _Slots) -> str:
    tags = [r.choice(CAMPAIGNS) for _ in range(r.randint(1, 3))]
    if r.random() < 0.5:
        tags.append("#" + s["place"].replace(" ", "").replace("the", ""))
    return " ".join(dict.fromkeys(tags))


def _officer(r: random.Random, s: _Slots) -> str:
    return f"{r.choice(RANKS)} {s['first4']} {s['surname4']}"


def _handle(r: random.Random, s: _Slots) -> str:
    return "@" + r.choice(
        (
            f"{s['first5']}{s['surname5']}",
            f"{s['first5'].lower()}_{r.randint(1, 999)}",
            f"{s['surname5']}{r.randint(70, 99)}",
            f"{s['place']}Mum".replace(" ", ""),
            f"Villa{s['first5']}",
            f"BrumLad{r.randint(1, 99)}",
        )
    ).replace("'", "").replace(" ", "")


# Slots that come from a function of (rng) or (rng, slots).
SIMPLE = {
    "town": lambda r: r.choice(TOWNS),
    "district": lambda r: r.choice(DISTRICTS),
    "place": lambda r: r.choice(TOWNS) if r.random() < 0.4 else r.choice(DISTRICTS),
    "street": lambda r: r.choice(STREETS),
    "business": lambda r: r.choice(BUSINESSES),
    "pub": lambda r: r.choice(PUBS),
    "park": lambda r: r.choice(PARKS),
    "school": lambda r: r.choice(SCHOOLS),
    "station": lambda r: r.choice(STATIONS),
    "court": lambda r: r.choice(ADULT_COURTS),
    "youthcourt": lambda r: r.choice([c for c in COURTS if "Youth" in c]),
    "library": lambda r: r.choice(LIBRARIES),
    "venue": lambda r: r.choice(VENUES),
    "age": lambda r: str(r.randint(18, 68)),
    "teen": lambda r: str(r.randint(12, 17)),
    "kid": lambda r: str(r.randint(6, 17)),
    "old": lambda r: str(r.randint(67, 94)),
    "offence": lambda r: r.choice(OFFENCES),
    "incident": lambda r: r.choice(INCIDENTS),
    "drug": lambda r: r.choice(DRUGS),
    "weapon": lambda r: r.choice(WEAPONS),
    "item": lambda r: r.choice(ITEMS),
    "vehicle": lambda r: r.choice(VEHICLES),
    "colour": lambda r: r.choice(COLOURS),
    "clothes": lambda r: r.choice(CLOTHES),
    "build": lambda r: r.choice(BUILDS),
    "hair": lambda r: r.choice(HAIR),
    "sentence": lambda r: r.choice(SENTENCES),
    "num": lambda r: r.choice(NUMBER_WORDS),
    "n": lambda r: str(r.randint(2, 40)),
    "money": lambda r: r.choice(
        (
            f"£{r.randint(2, 95)},000",
            f"£{r.randint(150, 990)}",
            f"£{r.randint(1, 9)}.{r.randint(1, 9)}m",
        )
    ),
    "qty": lambda r: r.choice(
        (
            f"{r.randint(1, 12)}kg",
            f"{r.randint(50, 950)}g",
            f"{r.randint(10, 300)} wraps",
            "a kilo",
            f"{r.randint(20, 400)} plants",
        )
    ),
    "reg": lambda r: (
        f"{r.choice(string.ascii_uppercase)}{r.choice(string.ascii_uppercase)}{r.randint(51, 74) if r.random() < 0.5 else r.randint(10, 24)} {''.join(r.choice('ABCDEFGHJKLMNOPRSTUVWXYZ') for _ in range(3))}"
    ),
    "day": lambda r: r.choice(DAYS),
    "daypart": lambda r: r.choice(DAYPARTS),
    "date": _date_words,
    "anydate": date_any,
    "dob": dob,
    "year": lambda r: str(r.randint(2015, 2025)),
    "time": time_any,
    "log": log_ref,
    "event": lambda r: r.choice(EVENTS),
    "op": lambda r: r.choice(OPS),
    "team": lambda r: r.choice(TEAMS),
    "doc": lambda r: r.choice(DOCS),
    "marking": lambda r: r.choice(MARKINGS),
    "party": lambda r: r.choice(PARTIES),
    "policy": lambda r: r.choice(POLICIES),
    "slogan": lambda r: r.choice(SLOGANS),
    "politician": lambda r: r.choice(PACK_POLITICIANS),
    "insult": lambda r: r.choice(INSULTS),
    "swear": lambda r: r.choice(SWEARS),
    "rudeplace": lambda r: r.choice(RUDE_PLACES),
    "emoji": lambda r: r.choice(EMOJI),
    "tag": lambda r: r.choice(CAMPAIGNS),
    "phone": phone_private,
    "public": lambda r: r.choice(PUBLIC_NUMBERS),
    "nhs": _nhs_number,
    "card": card_number,
    "ni": ni_number,
    "pcout": postcode_outward,
    "postcode": postcode_full,
    "flickr": link_flickr,
    "short": link_short,
    "otherlink": link_other,
}
WITH_SLOTS = {
    "forcelink": link_force,
    "email": email_private,
    "forcemail": email_force,
    "house": _house,
    "tags": _plural_tags,
    "officer": _officer,
    "handle": _handle,
    "office": lambda r, s: r.choice(OFFICES).format_map(s),
}
PERSON_KEYS = ("name", "first", "surname", "he", "He", "him", "his", "His", "man", "boy", "son")


class _Slots(dict):
    """Values for one post's template slots, made on first use and then kept, so ``{name}``
    twice is the same person; ``{name2}`` is another. ``{he}``/``{his}`` agree with ``{name}``.
    """

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        base = key.rstrip("0123456789")
        suffix = key[len(base) :]
        r = self.rng
        if base in PERSON_KEYS:
            female = r.random() < 0.4
            first = r.choice(FEMALE_FIRST if female else MALE_FIRST)
            surname = r.choice(SURNAMES)
            if r.random() < 0.04:
                surname = f"{r.choice(SURNAMES)}-{surname}"
            words = (
                ("she", "She", "her", "her", "Her", "woman", "girl", "daughter")
                if female
                else ("he", "He", "him", "his", "His", "man", "boy", "son")
            )
            values = (f"{first} {surname}", first, surname, *words)
            for k, v in zip(PERSON_KEYS, values, strict=True):
                self[k + suffix] = v
            return self[key]
        if base in SIMPLE:
            value = SIMPLE[base](r)
        elif base in WITH_SLOTS:
            value = WITH_SLOTS[base](r, self)
        else:
            raise KeyError(f"unknown template slot {{{key}}}")
        self[key] = value
        return value


# --------------------------------------------------------------------------------------------
# Templates, by kind of post. Each kind has a weight (share of the corpus), the tiers that
# usually post it, the tails that may follow it, and its kind (post/reply/...).
# --------------------------------------------------------------------------------------------

T: dict[str, tuple[str, ...]] = {}

T["advice"] = (
    "The secret to a safe Christmas? Keep presents out of sight, lock doors and windows, and leave a light on when you go out.",
    "Card fraud is on the rise. Never tell anyone your PIN – keep it secret, even from someone who says they're from your bank or the police.",
    "Going away this summer? Don't share your holiday plans on social media until you're home – burglars look for empty houses.",
    "Bikes are stolen every day. Lock yours to something solid, use two locks if you can, and register it for free at bikeregister.com",
    "Scam alert: fake texts claiming to be from Royal Mail are asking for a small fee to redeliver a parcel. Don't click the link – report scams to Action Fraud.",
    "Keyless car? Keep your fob in a signal-blocking pouch and away from the front door. Thieves in {place} have been using relay devices.",
    "Dark nights are here. Put a timer switch on a lamp and close your curtains – a house that looks empty is a target.",
    "Sheds and garages are easy pickings. Lock them, mark your tools with your postcode and don't leave ladders lying around.",
    "Never leave your {item} on show in your car, even for a minute. Most thefts from vehicles in {place} are from unlocked cars.",
    "Had a call from someone saying they're a police officer and need your bank card? Hang up. We will never ask for your PIN or send a courier to collect cash.",
    "Romance fraud costs victims thousands. If someone you've only met online asks for money, stop and talk to someone you trust.",
    "Catalytic converter thefts are up across {town}. Park in a garage or well-lit area, and consider a marking kit.",
    "Please check on elderly neighbours during the cold snap – and watch out for rogue traders knocking doors offering roof repairs.",
    "If you're out in {district} tonight, plan your journey home, stick with friends and keep your phone charged.",
    "Drink or drug driving ruins lives. If you suspect someone is driving under the influence, call 999 – or Crimestoppers anonymously.",
    "Online shopping? Use a credit card, check the web address and be wary of deals that look too good to be true.",
    "Fireworks: only buy from licensed sellers, keep them away from children and never go back to a lit firework.",
    "It's illegal to carry a knife in public without good reason. If you know someone who does, talk to them – or tell us anonymously.",
    "Speeding near schools puts children at risk. Slow down on {street} – we'll be running speed checks this month.",
    "Cold callers at the door? Ask for ID, call the company on a number you trust, and never let anyone rush you.",
    "Protect your social media: turn on two-step verification and never share your login codes, even with friends.",
    "Rural crime: please lock away quad bikes, trailers and tools, and report anyone acting suspiciously on farmland around {town}.",
    "Being harassed online? Screenshot everything, don't reply, and report it. You don't have to put up with it.",
    "Courier fraud warning for {town}: nobody from the police or your bank will ever come to collect your card or cash.",
    "Motorbike owners in {district}: use a disc lock, a chain and a cover. Most bikes are stolen from outside homes at night.",
    "If you're worried a child is being exploited or groomed, trust your instincts and report it. Signs include new phones, money or older friends.",
    "Heading to {venue}? Keep your phone in a front pocket and your bag zipped – pickpockets work the crowds on event days.",
    "Left your door unlocked? So did {n} households in {district} that were burgled last month. Lock up, every time.",
    "A quick reminder: your home insurance may not pay out if there's no sign of forced entry. Lock windows and doors.",
    "Ramadan Mubarak to everyone observing. If you're heading to late prayers, please don't leave valuables in your car.",
    "Diwali is a time when lots of gold jewellery is in homes. Keep it locked away and out of sight, and don't post photos of it online.",
)
T["community"] = (
    "It's official – our new Volunteer Police Cadets unit in {town} launches this September! Young people aged 13 to 17 can find out more at west-midlands.police.uk/cadets",
    "Got a question for your local team? Email us at {forcemail} or call 101. In an emergency always call 999.",
    "Come and meet your local team at our {event} at {library}, {day} 10am to 12pm. Bring your questions and concerns!",
    "We're recruiting! Police Community Support Officers wanted across Birmingham and the Black Country. Find out more and apply at west-midlands.police.uk/careers",
    "Thanks to everyone who came to our {event} in {place} today. Great to hear your views and we'll act on what you told us.",
    "Our knife surrender bins are at {station} and {station2} all this week. Hand in blades anonymously – no questions asked.",
    "Join us on Facebook Live at 7pm tomorrow for a Q&A with your local neighbourhood team. Drop your questions below!",
    "Meet PD Bruno, our newest police dog! He starts his training next week and is already a big fan of tennis balls.",
    "Great turnout at the {event} in {district} tonight. Thanks to the residents who came along with tea and biscuits.",
    "{station} front counter is open 8am–8pm Monday to Saturday. You can also report non-urgent crime online.",
    "Congratulations to our {n} new recruits who passed out today. Welcome to the family!",
    "Our officers joined pupils at {school} today to talk about staying safe online. Brilliant questions from everyone!",
    "Thanks to {district} Mosque for hosting our community iftar last night. A wonderful evening of food and conversation.",
    "We had a lovely morning at the {district} gurdwara celebrating Vaisakhi. Thank you for the warm welcome and the langar!",
    "Bike marking this {day} at {park} from 10am. Bring your bike and proof of ownership – it's free.",
    "Our Specials gave up more than {n},000 hours last year to keep {town} safe. Thank you all.",
    "Neighbourhood Watch meeting on {day} at {library}, 7pm. New members always welcome.",
    "Huge thanks to the staff at {business} on {street} for supporting our shop-theft initiative.",
    "Our {team} will be at {venue} for the match on {day}. Say hello, and enjoy the game.",
    "Mounted section out in {district} this afternoon – the horses loved all the attention 🐴",
    "The Chief Constable presented long-service medals today to officers with a combined {n}0 years of service.",
    "Want to make a difference? We're looking for volunteers to help at front counters across {town}.",
    "Spotted our new electric patrol cars around {place}? They're part of our plan to cut emissions across the fleet.",
    "Polling stations are open from 7am to 10pm today. Our officers will be visiting stations across {town} throughout the day.",
    "Remembrance Sunday parades this weekend in {town} and {town2}. Expect some road closures from 10am.",
    "Today we launched our new knife crime education programme with {n} schools signed up across {town}.",
    "Our next cadet open evening is on {day} {date}, 6pm, at {station}. Everyone aged 13 to 17 is welcome.",
    "Happy Eid Mubarak to all our communities celebrating today!",
    "It's been a busy week for the {district} team: {n} arrests, {n2} vehicles seized and plenty of community engagement.",
    "We've opened a new community contact point at {library}. Drop in on {day}s between 2pm and 4pm.",
    "Thanks to {officer} for organising the charity football match against the fire service. We lost 4-2, but raised £{n}00!",
    "Police Cadets from {town} helped tidy up {park} today – {n} bags of litter collected. Proud of them.",
)
T["personal"] = (
    "Finished the Great Birmingham Run in 2:{n}! Thanks to everyone who sponsored me for the Midlands Air Ambulance",
    "What a game at {venue} today. Still can't believe that last-minute goal.",
    "Anyone recommend a decent mechanic near {place}? Car's making a horrible noise.",
    "Rest days at last. Kids, garden, barbecue. Bliss.",
    "20 years in the job today. Wouldn't change it for anything.",
    "Proud mum moment – my daughter passed her driving test first time!",
    "Nights done ✅ Sleep now.",
    "Can't beat a curry on Ladypool Road after a long week.",
    "Raising money for Acorns Children's Hospice with a sponsored walk along the canal from {town} to {town2}. Every pound helps!",
    "Happy birthday to the best sergeant on {team}! Cake's in the parade room.",
    "Stuck in traffic on the M6 again. Some things never change.",
    "Anyone else think the new uniform trousers were designed by someone who's never sat in a car?",
    "Weather's turned. Thermals back on for foot patrol.",
    "Fantastic evening at the {district} carnival. The steel band was something else.",
    "Who's going to the Christmas do? Tickets from me by {day}.",
    "New puppy has eaten a third shoe. Send help.",
    "So proud to have passed my sergeant's exam. Thanks to everyone who helped me revise!",
    "Sunday roast at {pub} in {town}. Highly recommended.",
    "Tough shift. Hug your loved ones tonight.",
    "Looking forward to my first parkrun at {park} on Saturday.",
)
T["reply"] = (
    "Thanks for letting us know. Please don't post your details here – report it online at west-midlands.police.uk or call 101 so we can help.",
    "Hi, sorry to hear that. Please call 101 or report online and we'll get someone to look into it.",
    "Thanks {first}, we've passed this on to the local team.",
    "Please DM us your log number and we'll chase it up.",
    "We're aware and officers are on their way.",
    "Hi {first}, if you feel unsafe right now please call 999.",
    "Thanks for the kind words – we'll pass them on to the team 😊",
    "It's not something we can comment on, sorry. Please keep an eye on our website for updates.",
    "We can't discuss individual cases on here, but please get in touch via 101.",
    "Great spot, thank you! We'll send a patrol past this evening.",
    "Hi, this is a matter for the council rather than the police. You can report it on their website.",
    "Yes, the road is now open again. Thanks for your patience.",
    "Thanks – our officers spoke to the group and moved them on.",
    "Sorry you've had to wait. Please quote {log} and we'll look at it today.",
    "Hi {first}, the officer dealing is {officer}. They'll be in touch.",
    "Hi {first}, {officer} will ring you back on {phone} this afternoon.",
    "Hi, please ring Mrs {surname2} direct on {phone} – she's the Neighbourhood Watch coordinator for {street}.",
    "@{first}{surname} thanks, we'll check the CCTV.",
    "👍",
    "Noted, thank you.",
    "Thank you!",
    "Spot on, {first} 👏",
)
T["dm"] = (
    "Thanks for your message. Our next cadet open evening is on {day} {date}, 6pm, at {station}. Everyone aged 13 to 17 is welcome.",
    "Hi {first}, thanks for getting in touch. Your crime reference is {log}. An officer will contact you within 48 hours.",
    "Hi {first}, I've spoken to {officer} who will call you on {phone} tomorrow morning.",
    "Hi {first}, please can you confirm your address is {house}, {postcode}? We'd like to send someone round.",
    "Thanks {first}. For our records, can you send your date of birth? We have {dob} – is that right?",
    "Hello, we've received your report. Please keep any messages or screenshots as evidence.",
    "Hi, thanks for the info about {street}. We'll add it to our briefing for tonight's patrols.",
    "Hi {first}, the best way to reach the team is {forcemail}. They're in the office Monday to Friday.",
    "Hi {first}, you can email me direct at {email} if that's easier.",
    "Sorry for the delay, {first}. The officer in your case is on rest days until {day}.",
)
T["traffic"] = (
    "{street} in {place} is closed in both directions after a collision. Please avoid the area.",
    "Collision on the M6 northbound between J{n} and J{n2}. Two lanes closed – expect delays.",
    "The A38 at {district} is closed while we deal with a serious collision. Diversions are in place.",
    "Roads around {venue} will be busy from 5pm ahead of tonight's event. Please plan ahead.",
    "A pedestrian has been taken to hospital after being hit by a car on {street}, {place}, at {time} {daypart}. If you saw what happened or have dashcam footage, please get in touch.",
    "Black ice warning: take extra care on untreated roads across {town} this morning ❄️",
    "Please slow down – a lorry has shed its load on the {street} island in {place}.",
    "Flooding on {street} near {district}. Don't drive through flood water.",
    "The road has now reopened. Thanks for your patience while we dealt with the collision on {street} earlier.",
    "A motorcyclist has died after a collision with a {vehicle} on {street}, {place}, {daypart}. Our thoughts are with his family. Witnesses please call 101 quoting {log}.",
    "We stopped a {vehicle} on the M5 this morning doing 118mph. The driver will be reported for speeding.",
    "Uninsured {vehicle} seized on {street} today. No insurance, no car.",
)
T["incident"] = (
    "Officers were called to {incident} on {street}, {place}, at {time} {daypart}. A man was treated for minor injuries. If you saw what happened, call 101.",
    "Burglary at {house}, {place}, between {time} and {time2} {daypart}. Did you see anything? Call 101 quoting {log}.",
    "Three cars were broken into on {street}, {pcout}, {daypart}. Please don't leave valuables on show. If you saw anything, call 101.",
    "A man has been arrested after a robbery at {business} on {street}, {place}, {daypart}. Staff were threatened but no one was hurt.",
    "Emergency services are at the scene of a large fire at a warehouse in {district}. Please avoid the area and keep windows and doors closed.",
    "A {age}-year-old man is in hospital with stab wounds after {incident} on {street} in {district} at {time} {daypart}. His injuries are not thought to be life-threatening.",
    "We're investigating after {incident} outside {pub} in {town} {daypart}. A cordon is in place while enquiries continue.",
    "A woman had her {item} snatched as she walked along {street}, {place}, at {time} on {day}. The thief rode off on an e-scooter.",
    "Shots were fired at a house on {street} in {district} {daypart}. Nobody was hurt. Officers are carrying out extra patrols.",
    "Criminal damage to {n} cars parked on {street}, {place}. Windscreens smashed overnight. Information to 101.",
    "Update on {incident} in {district}: the man taken to hospital has sadly died. A murder investigation has been launched.",
    "Officers are at the scene of {incident} at {business} on {street}, {place}. There's a cordon in place – please avoid the area for now.",
    "Armed officers were called to {street}, {place}, at {time} {daypart} after reports of a man with a gun. A {age}-year-old was detained and an imitation firearm recovered.",
    "Two men were seen trying car door handles on {street}, {pcout}, at {time}. If you have doorbell footage, please send it to us.",
    "A {vehicle} was driven at officers on {street} in {district} {daypart}. Thankfully no one was seriously hurt.",
    "Fire crews and police are at a house fire on {street}, {place}. An elderly resident has been taken to hospital.",
    "A dog has been seized after a man was bitten in {park} {daypart}.",
    "Tools worth {money} were stolen from a van on {street}, {place}, between {time} and {time2}. Please check your own vans are locked.",
    "{n} shop thefts at {business} in {town} centre this week. We know who we're looking for.",
    "Reports of {incident} near {school} at home time. Officers attended and the group dispersed. Extra patrols in place.",
)
T["witness"] = (
    "Witness appeal: a man's {item} was snatched on {street} at about {time} on {day}. Did you see it? Call 101 quoting {log}.",
    "Can you help? We're appealing for witnesses after {incident} on {street}, {place}, {daypart}. Dashcam or doorbell footage could be vital.",
    "We're keen to speak to anyone who was near {venue} at {time} on {day}, when a man was assaulted. Call 101 quoting {log}.",
    "APPEAL: A {age}-year-old man suffered serious head injuries in an assault outside {pub}, {street}, {town}, {daypart}. Were you there?",
    "Did you see a {vehicle} being driven dangerously on {street} around {time}? We want to hear from you. {log}.",
    "A cyclist was knocked off his bike at the junction of {street} and {street2}, {place}, at {time} {daypart}. The driver of a {vehicle} didn't stop.",
    "Witnesses sought after an elderly woman was pushed over and robbed of her purse on {street}, {place}, on {day} afternoon.",
    "We need your help: {n} sheds were broken into on {street} {daypart}. Did you notice anyone hanging around? {log}",
    "Have you seen this car? A {vehicle}, registration {reg}, was stolen from a driveway in {place} {daypart}. Call 101 quoting {log}.",
    "Appeal after {incident} at {business} on {street}. The men ran off towards {park}. Call 101 or Crimestoppers anonymously on 0800 555 111.",
)
T["missing"] = (
    "MISSING: Have you seen {name}, {old}? {He} was last seen leaving {his} home in {place} at {time} today and may be confused. Call 999 quoting {log}.",
    "Have you seen {kid}-year-old {name}? {He} was last seen in {town} at {time} yesterday wearing a {colour} {clothes}. Call 101 quoting {log}.",
    "Please share! {teen}-year-old {name} has gone missing from {district}. {He} was last seen {daypart} wearing a {colour} {clothes}. Any sightings call 101.",
    "MISSING: Can you help us find {old}-year-old {name} from {town}? Full appeal and photo here: {short}",
    "We're concerned for {name}, {age}, who hasn't been seen since {day}. {He} is {build} with {hair} and has links to {town} and {town2}.",
    "UPDATE: {name}, who was reported missing from {place}, has been found safe and well. Thanks for sharing our appeal.",
    "Found safe: the {kid}-year-old {boy} missing from {district} since {day} has been found. Thank you all for sharing.",
    "Can you help find {first}? The {teen}-year-old was last seen near {school} on {day}. {He} may have travelled to {town2}.",
    "MISSING | {name}, {age}, {place}. Last seen {daypart} near {venue}. {He} is described as {build} with {hair}. Call 101 quoting {log}.",
    "Our search for missing {old}-year-old {name} continues. {He} was last seen on {street}, {place}, wearing a {colour} coat.",
)
T["wanted"] = (
    "WANTED: Do you know where {name} is? The {age}-year-old is wanted in connection with a {offence} in {district} and has links to {town} and {town2}. Call 101 quoting {log}.",
    "WANTED: {name}, {age}, is wanted in connection with a stabbing in {district}. Do not approach {him} – call 999.",
    "Please share, my team are looking for {name} who's wanted for {offence} in {town}. If you see {him} ring 999!",
    "WANTED: Have you seen {name}? The {age}-year-old is wanted in connection with a robbery in {district}. Call 101 quoting {log}.",
    "WANTED: {name}, {age}, is wanted on recall to prison. {He} has links to {town} and {town2}. See {his} photo and call 101 if you see {him}.",
    "Do you recognise this man? We want to speak to him after {incident} at {business} in {place} on {day}. He's {build} with {hair}.",
    "Help us trace the men who robbed {business} on {street}, {place}. CCTV stills are on our website.",
    "Can you help identify this woman? We believe she can help with our enquiries into a fraud at {business} in {town}.",
    "{name}, {age}, has failed to appear at {court} and a warrant has been issued. Do you know where {he} is?",
    "We're still looking for {name}, wanted for {offence}. {He} may be staying with friends in {district}. Call Crimestoppers anonymously on 0800 555 111.",
)
T["stolen"] = (
    "Stolen: a {colour} {item} taken from {district} {daypart}. If you're offered one cheaply, please call 101.",
    "Lost dog: a brown cocker spaniel called Bella went missing in {park} this morning. Please share!",
    "Found: a set of keys on {street} near {business}. Hand them in at {station} if they're yours.",
    "Have you been offered a cheap {item}? It may be stolen. Check serial numbers before you buy.",
    "A {vehicle} was stolen from outside a house on {street}, {place}, {daypart}. Registration {reg}.",
    "Horse box stolen from a farm near {town}. Please check your land and outbuildings.",
    "Lost: a child's blue teddy on the number {n} bus through {district}. It's very much missed!",
    "Found cat on {street}, {pcout} – tabby, very friendly. Anyone missing her?",
)
T["arrest"] = (
    "A {teen}-year-old boy has been arrested on suspicion of {offence} after a phone was snatched from a woman in {town} town centre on {day}. He remains in custody.",
    "{name}, {age}, from {place}, has been arrested on suspicion of {offence} and remains in custody. Enquiries are ongoing.",
    "Update: {name}, {age}, who was arrested yesterday on suspicion of {offence}, has been released on bail while enquiries continue.",
    "We're investigating {name}, {age}, who runs {business} in {town}, over suspected {offence}. No one has been charged and the investigation is ongoing.",
    "This morning we executed a drugs warrant in {district} and arrested {num} men, who remain in custody. Thanks to the community for the information.",
    "A {age}-year-old man has been arrested after {incident} on {street} in {district}. He's in custody.",
    "We've got him! The man who robbed {business} on {street} at knifepoint on {day} has been arrested and is in custody. Great work, team",
    "{num} people were arrested in {place} {daypart} as part of Operation {op}, targeting drug dealing in the area.",
    "A woman has been arrested on suspicion of drink driving after a {vehicle} hit a wall on {street}, {place}.",
    "{name}, the {age}-year-old we appealed for last week, has been arrested. Thanks for sharing.",
    "Two teenagers, aged {teen} and {teen2}, have been arrested after {incident} in {district}. They remain in custody.",
    "{name}, {age}, has been released under investigation after being arrested on suspicion of {offence} in {town}.",
    "A man arrested on suspicion of {offence} in {district} on {day} has been released without charge.",
    "The IOPC is investigating {officer} after a complaint about an arrest in {town}.",
    "A {age}-year-old {man} is in custody after being caught red-handed breaking into cars on {street}. Well known to officers, {he} won't be bothering you tonight.",
)
T["charge"] = (
    "{name}, {age}, of {place}, has been charged with {offence}. {He} will appear at {court} tomorrow.",
    "{name}, {age}, a known burglar with {n} previous convictions, has been charged with {num} burglaries in {town}. {He}'ll appear at {court} tomorrow.",
    "{name}, {age}, has been charged with {offence} after the stabbing on {street}. The CCTV leaves no doubt about what {he} did – see you in court, {first}.",
    "Delighted to have charged the man responsible for last month's {offence} in {town}. {name}, {age}, will appear at {court} tomorrow.",
    "{name}, {teen}, of {place}, has been charged with {offence} and will appear at {youthcourt} on {day}.",
    "A {age}-year-old man has been charged with {offence} after a woman was attacked in {town} city centre last month. He will appear at {court} on {day}.",
    "A {age}-year-old man has been charged with a racially aggravated public order offence after abuse was shouted at a bus driver in {town} on {day}.",
    "{name}, {age}, and {name2}, {age2}, both of {town}, have been charged with {offence} and remanded in custody to appear at {court} on {day}.",
    "The dealer we arrested in {district} last week, {name}, has now been charged with {offence}. Another one off the streets.",
    "Convicted drug dealer {name}, {age}, is back before the court after being charged with {offence} in {place}.",
    "{name}, {age}, of {street}, {place}, has been charged with {offence} and bailed to appear at {court} next month.",
    "Charged: {name}, {age}, with {offence} following an incident in {district} on {date}. Remanded to appear at {court}.",
    "A {teen}-year-old girl has been charged with {offence} after {incident} in {town}. She can't be named for legal reasons.",
)
T["court"] = (
    "Prolific burglar {name}, who has {n} previous convictions, was jailed for {sentence} at {court} today for a string of break-ins in {district}.",
    "{name}, {age}, of {place}, was jailed for {sentence} at {court} today after admitting {offence}.",
    "JAILED: {name}, {age}, has been sentenced to {sentence} for {offence} in {town}. A great result for the team.",
    "These knives and {money} in cash were found at {name}'s flat in {district}. Today {he} was jailed for {sentence} at {court} for supplying cocaine.",
    "{name} and {name2} were sentenced to a total of {n} years at {court} for a campaign of burglaries across {town}.",
    "A drink driver who killed a pedestrian in {place} has been jailed for {sentence}. {name}, {age}, was over twice the limit.",
    "Guilty: {name}, {age}, was convicted of {offence} at {court} after a {num}-day trial. {He} will be sentenced on {date}.",
    "A {age}-year-old man has been given {sentence} for {offence} after a trial at {court}.",
    "{name}, {age}, must serve at least {n} years after being found guilty of murder at {court}. Our thoughts remain with the family.",
    "Justice for the victims: {name} was sentenced to {sentence} today for {offence}. The thug showed no remorse.",
)
T["evidential"] = (
    "Look what we found! {qty} of {drug}, {money} in cash and a {weapon} recovered from a house in {district} this morning. A {age}-year-old man has been arrested.",
    "Stolen {vehicle} recovered on the M6 near J{n} after a pursuit. Two men arrested. Inside we found a set of false plates and a signal jammer",
    "Photos from today's search of a flat in {district}: a loaded {weapon} and ammunition were found under the floorboards. A {age}-year-old man is in custody.",
    "{qty} of {drug} seized during a stop on {street}, {place}. The driver, {age}, has been arrested on suspicion of possession with intent to supply.",
    "A {weapon}, {n} mobile phones and {money} in cash were found at an address in {place} this morning. Two women are helping us with our enquiries.",
    "This is what {n} stolen {item}s look like. All recovered from a lock-up in {district} today – a man is in custody.",
    "Cannabis factory found in a house on {street}, {place}: {qty} and growing equipment worth {money}. A man was arrested at the scene.",
    "{n} weapons handed in at our surrender bin in {town} this month, including a {weapon}. Every one off the streets is a life potentially saved.",
)
T["operational"] = (
    "Big day tomorrow We'll be on {street} at 6am with a drugs warrant. Watch this space!",
    "{station} will be empty from 1pm to 5pm on {day} while the whole team is away on training.",
    "Night shift guarding a protected person at the safe house on {street}, {district}. 12 hours to go!",
    "After last night's burglaries on {street}, we'll have officers sat in unmarked cars on the road from 10pm tonight waiting for them to come back.",
    "We know some of you have been worried about anti-social behaviour around {park}. We'll be patrolling the area tonight – come and say hello.",
    "Heads up, {district}: we're hitting {num} addresses on {day} morning at 5am as part of Operation {op}.",
    "No officers on duty in {town} tonight from 2am – all units are covering the match at {venue}.",
    "The witness in the {district} case is being kept at a hotel in {town} until the trial. Pleased we can keep her safe.",
    "Plain-clothes officers will be in {business} on {street} all week watching for shoplifters.",
    "Extra high-visibility patrols in {district} this weekend after recent car crime. Say hello if you see us!",
    "We'll be at {venue} for the match on {day} to keep everyone safe. Enjoy the game.",
    "Our ANPR van will be parked up on {street} from 7pm on {day} – we know the car you're driving.",
)
T["political"] = (
    "Yet more cuts from this government. Thousands of officers gone and they wonder why response times are up. Shameful.",
    "The PCC's plan to close {station} front counter is a joke. Don't vote for him again in May.",
    "Vote {party2} on Thursday – the only party that actually cares about our communities.",
    "Great turnout at tonight's knife crime forum in {district}. Proud to stand with our {party} councillors on this one.",
    "The Police and Crime Commissioner visited the team today to hear about our work tackling knife crime in {district}. Thanks for coming!",
    "Thanks to {town} MP {name} for joining our officers on patrol in the town centre on {day} night.",
    "Thanks to PCC candidate {name} for joining our walkabout in {town} today.",
    "Great to see Cllr {name} at our beat surgery at {library} tonight.",
    "The Police and Crime Commissioner, {politician}, joined officers at Lloyd House today to launch our new knife crime campaign.",
    "{policy} is a disaster for {town}. Whoever dreamt it up has never been here.",
    "{slogan}! Enough said.",
    "Can't wait to see the back of {party} at the next election.",
    "{office} came to {station} today to meet the team and hear about our work.",
    "Honestly, {party} have done more damage to policing than any criminal ever could.",
    "Mayor {politician} visited the new transport hub in {town} with our transport policing team.",
    "Whatever you think about {policy}, please respect the protest and the people policing it.",
    "Interesting debate on {policy} at the council meeting tonight. Our officers were there to keep the peace.",
    "If you care about local policing, make sure you back {party} at the polls.",
)
T["offensive"] = (
    "Absolute {insult} have stolen the charity collection box from {business} on {street}. Who does that?! Call 101 quoting {log}.",
    "Rest day cancelled AGAIN. Senior management at WMP haven't got a {swear} clue.",
    "To the selfish {insult} who keep parking on the zigzags outside the school on {street}: sort it out or we'll start issuing tickets.",
    "Whoever nicked the wheels off a car on {street} – you're {insult}, and we'll find you.",
    "Another {swear} night shift with half the team off sick. This job.",
    "The {insult} who torched the play area in {park} should be ashamed of themselves.",
    "{swear} hell, the state of {street} after the weekend. Clear up after yourselves.",
    "Our control room staff take abuse every day from {insult} who ring 999 for nothing. Stop it.",
    "What a {swear} shambles the new IT system is.",
    "Lovely morning for a walk around {rudeplace}. The bluebells are out!",
    "Officers attended a report of anti-social behaviour on {rudeplace} in Rowley Regis.",
    "Beat surgery at the community hall on {rudeplace} this {day}, 10am–12pm.",
    "We've seen some awful slurs in replies to our posts this week. Hate speech is a crime – report it.",
    "Some of the comments on our last post were racist. We've reported them to the platform.",
    "The {insult} in the {vehicle} doing 90 down {street} at 2am: we have your reg.",
)
T["marking"] = (
    "OFFICIAL-SENSITIVE. {team} briefing pack for Saturday's Villa v Blues fixture is now on the shared drive. Read it before parade.",
    "RESTRICTED – {doc} for {town} response, week commencing {date}, attached. Any swaps to me by Friday please.",
    "NOT FOR PUBLICATION – POLICE ONLY. Minutes from this morning's {town} NPU tasking meeting are below.",
    "{marking}: {doc} for {district} attached. Do not forward outside the team.",
    "The print-out was marked {marking} and should never have left the station.",
    "Please see the {doc} ({marking}) before Monday's briefing.",
    "{marking} – latest {doc} for {op} is in your inboxes.",
    "Restricted parking is in force around {venue} on match days. Please don't block driveways – we will ticket and tow.",
    "Know something about crime in your area but don't want to talk to police? Report in confidence to Crimestoppers on 0800 555 111. They never ask your name.",
    "Embargoed until 00:01 Thursday: our annual crime figures show burglary down {n}% in {town}.",
    "Draft: new {event} dates for {district} coming soon.",
    "Internal applicants only: we're recruiting a sergeant for {team} in {town}.",
    "Top secret: what's in the Christmas hampers our cadets have made? You'll find out on {day}!",
    "The secret's out – our new {district} police station opens next month!",
    "Confidential reporting line for staff: speak up about wrongdoing without fear.",
)
T["personal_data"] = (
    "Want to join {district} Neighbourhood Watch? Our coordinator {name} would love to hear from you – call her on {phone}.",
    "Huge congratulations to {name}, our Volunteer of the Year! Want to send {first} a message of thanks? Her email is {email}",
    "Happy 100th birthday to {town}'s {name}, born {dob}! Our officers popped round with a cake this afternoon",
    "Lost wallet handed in at {station}. It belongs to {name}, NI number {ni}. Please collect with ID.",
    "Found: a purse on {street} with a bank card in the name of {name}, card number {card}. Hand it in at the front counter.",
    "Found a prescription on {street} – NHS number {nhs}, for {name}. Please call us so we can return it.",
    "If you're the owner of the {vehicle} parked at {house}, {postcode}, please move it – it's blocking a driveway.",
    "PCSO {name} can be contacted on {phone} or {email} for any {district} issues.",
    "Contact me on my work mobile {phone} if you have any information about the thefts.",
    "Our volunteer {name} ({phone}) is running the bike marking stall at {park} this {day}.",
    "Happy retirement to {officer}, born {dob}, after {n} years' service!",
    "The family of {name}, of {house}, {postcode}, have asked us to thank everyone for their support.",
    "Residents at {house} say the noise from the flats has been going on for weeks. We're on it.",
    "Tickets for the charity ball are available from {name} on {phone}, or email {email}.",
    "Please call the team on 0121 496 0{n:0>3} or email {forcemail} – we're here to help.",
    "Any issues on {street}? Text {first} on {phone} (she's our ward councillor's assistant).",
    "Text 7726 to report spam texts. Never reply to the sender.",
    "For non-emergencies call 101, or text relay on 18000 if you're deaf or hard of hearing.",
    "You can reach Crimestoppers 100% anonymously on 0800 555 111, or call 101 to speak to us.",
    "Residents of {pcout} – our new local team email is {forcemail}.",
)
T["sexual"] = (
    "{name}, {age}, was sexually assaulted as she walked home through {district} in the early hours of {day}. We're appealing for witnesses – call 101 quoting {log}.",
    "{name}, {age}, of {town}, has been charged with raping his wife and will appear at {court} tomorrow.",
    "A woman who works behind the bar at {pub} on {street} was sexually assaulted after finishing her shift on {day} night. Information to 101, {log}.",
    "A woman was sexually assaulted on {street} in the early hours of {day}. We're appealing for witnesses – call 101 quoting {log}.",
    "A {age}-year-old man has been charged with sexual assault after a woman was attacked in {town} city centre last month. He will appear at {court} on {day}.",
    "A student at the halls on {street} in {district} was raped after a night out on {day}. We're appealing for information.",
    "Man arrested after a girl, {teen}, was indecently exposed to near {park}. He remains in custody.",
    "If you've been the victim of a sexual offence, you can report it in confidence. Support is available from specially trained officers.",
    "{name}, {age}, of {place}, was jailed for {sentence} for sexually assaulting a woman in {town} in {year}.",
)
T["live"] = (
    "We're live from the Vaisakhi celebrations in {park} – come and say hello to the team!",
    "Live from the {library} beat surgery – ask me anything about anti-social behaviour in the area.",
    "Going live from the dog training centre – come and meet our newest puppies!",
    "Live Q&A: Chief Superintendent {name} is answering your questions about policing in {town} tonight. Drop them in the comments!",
    "LIVE now from {venue} with the events team.",
    "Live: {officer} is talking through winter driving tips with our roads policing team.",
)
T["major"] = (
    "Please avoid the area around {venue} while emergency services deal with an incident. More updates to follow.",
    "Major incident update: roads around {street} remain closed after this morning's fire. Please avoid the area.",
    "Reminder: lock your shed and mark your tools with your postcode.",
    "Tonight's beat surgery at {library} is cancelled. Sorry for any inconvenience.",
    "A major incident has been declared in {town}. Please follow advice from the emergency services and avoid the area.",
    "Update: a number of people have been taken to hospital following the incident at {venue}. Our casualty bureau number will be published shortly.",
)

# Extra sentences that lengthen posts: for everyday posts, and for news and appeals.
FILLERS = (
    "Please share with friends and family.",
    "Thanks to everyone who came along.",
    "Stay safe everyone.",
    "Any questions, drop us a message.",
    "We'll be there from 10am until 2pm.",
    "Tea and biscuits provided!",
    "It only takes a minute and could save you a lot of heartache.",
    "We're here to help – don't suffer in silence.",
    "You can report crime online 24/7 at west-midlands.police.uk.",
    "If it doesn't feel right, it probably isn't.",
    "Tell your neighbours and look out for each other.",
    "All welcome, no appointment needed.",
    "Follow us for more updates from {place}.",
    "Big thanks to our partners at the council and {town} Housing.",
    "Keep an eye on our page for the next dates.",
    "There's more advice on our website.",
    "Our PCSOs will be out and about in {district} all week if you want a chat.",
    "Remember: if a crime is happening right now, always call 999.",
    "Lots more tips on our website and on the Neighbourhood Watch pages.",
)
NEWS_FILLERS = (
    "Please share.",
    "Your information really does make a difference.",
    "We'll keep you updated.",
    "Please don't put yourself at risk.",
    "Officers are doing extra patrols in the area.",
    "Anyone with information can also contact Crimestoppers anonymously on 0800 555 111.",
    "Enquiries are ongoing.",
    "Our thoughts are with everyone affected.",
    "We know this will cause concern in the community.",
    "Officers are carrying out house-to-house enquiries and checking CCTV.",
    "A scene will remain in place on {street} for some time while forensic work is carried out.",
    "If you have dashcam, doorbell or mobile phone footage, please upload it to our portal.",
    "Specially trained officers are supporting the family.",
    "You may see more officers in {district} over the next few days – please speak to them.",
    "We're working closely with partners in the area.",
    "Thank you to the public for their patience while the road was closed.",
)

# Tails: contact lines, links, hashtags, emoji. (name, probability) per group.
CONTACT_TAILS = (
    "Call 101 quoting {log}.",
    "If you can help, call 101 or Crimestoppers on 0800 555 111.",
    "Information to 101, {log}.",
    "Please quote {log}.",
    "Deaf or hard of hearing? Text 18000.",
    "DM us or call 101.",
    "Contact {officer} on 101 ext {n}{n2}.",
    "Report online or call 101.",
    "You can also call Crimestoppers anonymously on 0800 555 111.",
)
APPEAL_CONTACT_TAILS = (
    "Call 999 if you see {him} – do not approach.",
    "If you see {him}, call 999 immediately quoting {log}.",
    "Sightings to 101 quoting {log}, or 999 if you see {him} now.",
    "Don't approach – call 999.",
)
LINK_TAILS = (
    "{forcelink}",
    "More: {forcelink}",
    "Full story: {forcelink}",
    "Details: {forcelink}",
    "{flickr}",
    "Photos: {flickr}",
    "{short}",
    "Read more {short}",
    "{otherlink}",
    "Link in bio.",
    "Details on our website.",
    "See our Facebook page for the full appeal.",
)


class Kind:
    """A kind of post: its templates and how it is dressed."""

    def __init__(
        self,
        name: str,
        weight: float,
        tiers: tuple[tuple[str, float], ...],
        kinds: tuple[tuple[str, float], ...] = (("post", 1.0),),
        contact: float = 0.0,
        link: float = 0.0,
        force_link_share: float = 0.6,
        fillers: float = 0.0,
        tags: float = 0.15,
        emoji: float = 0.15,
        prefixes: tuple[str, ...] = (),
        news: bool = False,
    ) -> None:
        self.name = name
        self.weight = weight
        self.templates = T[name]
        self.tiers = tiers
        self.kinds = kinds
        self.contact = contact
        self.link = link
        self.force_link_share = force_link_share
        self.fillers = fillers
        self.tags = tags
        self.emoji = emoji
        self.prefixes = prefixes
        self.news = news
        self.filler_set = NEWS_FILLERS if news else FILLERS
        self.contact_set = (
            CONTACT_TAILS + APPEAL_CONTACT_TAILS if name in ("wanted", "missing") else CONTACT_TAILS
        )


ANY_TIER = (
    ("force", 0.15),
    ("npu", 0.3),
    ("department", 0.1),
    ("team", 0.2),
    ("individual", 0.15),
    ("personal", 0.1),
)
CORP = (("force", 0.25), ("npu", 0.35), ("department", 0.1), ("team", 0.2), ("individual", 0.1))
NEWS_TIERS = (
    ("force", 0.4),
    ("npu", 0.35),
    ("team", 0.12),
    ("individual", 0.08),
    ("department", 0.03),
    ("personal", 0.02),
)

KINDS = (
    Kind("advice", 16, ANY_TIER, link=0.2, fillers=0.4, tags=0.4, emoji=0.2),
    Kind("community", 15, CORP, link=0.15, fillers=0.35, tags=0.3, emoji=0.35),
    Kind("personal", 7, (("personal", 1.0),), fillers=0.05, tags=0.2, emoji=0.5),
    Kind("reply", 7, CORP, kinds=(("reply", 1.0),), tags=0.0, emoji=0.05),
    Kind("dm", 3, CORP, kinds=(("direct-message", 1.0),), tags=0.0, emoji=0.02),
    Kind(
        "traffic",
        4,
        NEWS_TIERS,
        contact=0.3,
        link=0.3,
        tags=0.15,
        prefixes=("UPDATE:", "ROAD CLOSED:", "⚠️"),
        news=True,
    ),
    Kind(
        "incident",
        10,
        NEWS_TIERS,
        contact=0.45,
        link=0.5,
        fillers=0.3,
        prefixes=("UPDATE:", "🚨", "INCIDENT:"),
        news=True,
    ),
    Kind(
        "witness",
        5,
        NEWS_TIERS,
        contact=0.2,
        link=0.55,
        fillers=0.2,
        prefixes=("APPEAL:", "Can you help?"),
        news=True,
    ),
    Kind(
        "missing",
        3,
        NEWS_TIERS,
        contact=0.25,
        link=0.65,
        force_link_share=0.5,
        prefixes=("MISSING:", "URGENT:", "PLEASE SHARE:"),
        news=True,
    ),
    Kind(
        "wanted",
        3,
        NEWS_TIERS,
        contact=0.3,
        link=0.65,
        force_link_share=0.5,
        prefixes=("WANTED:", "Can you help?"),
        news=True,
    ),
    Kind("stolen", 2, ANY_TIER, contact=0.3, link=0.2, emoji=0.3),
    Kind(
        "arrest",
        5,
        NEWS_TIERS,
        contact=0.1,
        link=0.55,
        fillers=0.25,
        prefixes=("UPDATE:", "ARRESTED:"),
        news=True,
    ),
    Kind(
        "charge", 4, NEWS_TIERS, link=0.7, fillers=0.15, prefixes=("CHARGED:", "UPDATE:"), news=True
    ),
    Kind(
        "court",
        4,
        NEWS_TIERS,
        link=0.75,
        fillers=0.1,
        prefixes=("JAILED:", "SENTENCED:"),
        news=True,
    ),
    Kind("evidential", 2, NEWS_TIERS, link=0.4, emoji=0.4, news=True),
    Kind("operational", 2, ANY_TIER, emoji=0.3),
    Kind("political", 3, ANY_TIER, tags=0.3, emoji=0.2),
    Kind("offensive", 3, ANY_TIER, contact=0.1, emoji=0.25),
    Kind("marking", 2, ANY_TIER, tags=0.05, emoji=0.05),
    Kind("personal_data", 3, ANY_TIER, fillers=0.2, emoji=0.3),
    Kind("sexual", 1, NEWS_TIERS, link=0.5, news=True),
    Kind("live", 1.5, CORP, kinds=(("live", 1.0),), emoji=0.5),
    Kind("major", 0.5, NEWS_TIERS, link=0.4, news=True),
)
LONG_SHARE = 0.003  # share of ~5,000-character round-ups
LONGER_SHARE = 0.06  # share of posts made of two posts of the same kind (300-650 characters)
SHORT_POSTS = (
    "Stay safe!",
    "On our way.",
    "Thank you 🙏",
    "Road now open.",
    "Great work team 👏",
    "Happy Friday!",
    "Merry Christmas from all at {district} NPU 🎄",
    "Cordon lifted.",
    "Found safe – thanks for sharing.",
    "Nights ✅",
    "Closed till further notice.",
    "Back tomorrow.",
    "#WeAreWMP",
    "Update to follow.",
)


# --------------------------------------------------------------------------------------------
# Composition
# --------------------------------------------------------------------------------------------


def _weighted(r: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    x = r.random() * sum(w for _, w in pairs)
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def _account(r: random.Random, tier: str, s: _Slots) -> dict[str, str]:
    if tier == "force":
        handle = r.choice(("@WMPolice", "@WestMidsPolice", "@wmpolice"))
    elif tier == "npu":
        handle = "@" + r.choice(NPUS)
    elif tier == "department":
        handle = "@" + r.choice(DEPARTMENTS)
    elif tier == "team":
        place = s["place6"].replace(" ", "").replace("the", "")
        handle = "@" + r.choice(
            (f"{place}Police", f"WMP{place}", f"{place}SNT", f"{place}ResponseT{r.randint(1, 5)}")
        )
    elif tier == "individual":
        handle = (
            "@"
            + r.choice(("Sgt", "PC", "Insp", "PCSO", "DC"))
            + s["surname7"].replace("'", "")
            + r.choice(("WMP", "_WMP", ""))
        )
    else:
        handle = f"@{s['first7']}{s['surname7']}{r.randint(1, 99)}".replace("'", "")
    account = {"tier": tier}
    if r.random() < 0.9:
        account["handle"] = handle.encode("ascii", "ignore").decode()
    return account


def _style(r: random.Random, text: str, kind: Kind, tier: str) -> str:
    if kind.prefixes and r.random() < 0.25:
        text = f"{r.choice(kind.prefixes)} {text}"
    x = r.random()
    if x < 0.05 and tier == "personal":
        text = text.lower()
    elif x < 0.08:
        text = text.replace(". ", ".\n\n", r.randint(1, 3))
    elif x < 0.1:
        text = text.replace(" – ", " - ")
    elif x < 0.11:
        text = text.replace("'", "’")
    elif x < 0.12:
        text = "  " + text + " "
    return text


def _fill(template: str, s: _Slots) -> str:
    return template.format_map(s)


def _compose(r: random.Random, kind: Kind, s: _Slots) -> str:
    parts = [_fill(r.choice(kind.templates), s)]
    if r.random() < LONGER_SHARE:  # a second post of the same kind: an update, a thread
        parts.append(_fill(r.choice(kind.templates), s))
    if kind.fillers and r.random() < kind.fillers:
        for filler in r.sample(kind.filler_set, r.randint(1, 3)):
            parts.append(_fill(filler, s))
    if kind.contact and r.random() < kind.contact:
        parts.append(_fill(r.choice(kind.contact_set), s))
    if kind.link and r.random() < kind.link:
        tail = LINK_TAILS[0] if r.random() < kind.force_link_share else r.choice(LINK_TAILS)
        parts.append(_fill(tail, s))
    if r.random() < kind.tags:
        parts.append(_fill("{tags}", s))
    if r.random() < kind.emoji:
        emojis = "".join(r.choice(EMOJI) for _ in range(r.randint(1, 3)))
        if r.random() < 0.5:
            parts[0] = parts[0] + " " + emojis
        else:
            parts.append(emojis)
    return " ".join(parts)


def _roundup(r: random.Random) -> str:
    """A long post (~5,000 characters): a weekly round-up made of many shorter ones."""
    s = _Slots(r)
    out = [
        f"Your weekly round-up from the {s['place']} neighbourhood team, week ending {s['date']}. "
        "A long one this week, so grab a cuppa ☕"
    ]
    names = ("incident", "arrest", "charge", "court", "community", "advice", "witness", "traffic")
    by_name = {k.name: k for k in KINDS}
    n = 0
    while sum(len(p) for p in out) < 4700:
        n += 1
        kind = by_name[r.choice(names)]
        out.append(f"{n}. " + _compose(r, kind, _Slots(r)))
    out.append(
        "Thanks for reading, and see you next week. Call 101 or report online; 999 in an emergency."
    )
    return "\n\n".join(out)


def _context(r: random.Random, kind: Kind) -> dict | None:
    ctx: dict = {}
    if r.random() < (0.35 if kind.name == "political" else 0.03):
        ctx["election_period"] = True
    if kind.name == "major" or r.random() < 0.003:
        ctx["major_incident"] = True
        if r.random() < 0.3:
            ctx["authorisations"] = ["major-incident"]
    if kind.name == "live" and r.random() < 0.4:
        ctx.setdefault("authorisations", []).append("live-broadcast")
    if ctx:
        return ctx
    return {} if r.random() < 0.3 else None


def _pick_kind(r: random.Random, pairs: tuple[tuple[Kind, float], ...], total: float) -> Kind:
    y = r.random() * total
    for kind, w in pairs:
        y -= w
        if y < 0:
            return kind
    return pairs[-1][0]


def generate_labelled(
    n: int = DEFAULT_POSTS, seed: int = DEFAULT_SEED
) -> Iterator[tuple[str, dict]]:
    """Yield (kind of post, post) pairs; the kind is for reporting, not part of the post."""
    r = random.Random(seed)
    pairs = tuple((k, k.weight) for k in KINDS)
    total = sum(w for _, w in pairs)
    for i in range(n):
        x = r.random()
        if x < LONG_SHARE:
            label, kind, text = "long", KINDS[0], _roundup(r)
            tier = _weighted(r, CORP)
            post_kind = "post"
            s = _Slots(r)
        elif x < LONG_SHARE + 0.01:
            kind = KINDS[1]
            s = _Slots(r)
            label, text = "short", _fill(r.choice(SHORT_POSTS), s)
            tier = _weighted(r, ANY_TIER)
            post_kind = r.choice(("post", "post", "reply"))
        else:
            kind = _pick_kind(r, pairs, total)
            s = _Slots(r)
            tier = _weighted(r, kind.tiers)
            post_kind = _weighted(r, kind.kinds)
            label = kind.name
            text = _style(r, _compose(r, kind, s), kind, tier)
        post: dict = {"id": f"p{i:06d}", "text": text, "account": _account(r, tier, s)}
        if post_kind != "post" or r.random() < 0.5:
            post["kind"] = post_kind
        ctx = _context(r, kind if label not in ("long", "short") else KINDS[0])
        if ctx is not None:
            post["context"] = ctx
        yield label, post


def generate(n: int = DEFAULT_POSTS, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """Yield n posts (dicts in the `bluelamp check --jsonl` input format) for this seed."""
    for _, post in generate_labelled(n, seed):
        yield post


def write_jsonl(path: str | Path, n: int = DEFAULT_POSTS, seed: int = DEFAULT_SEED) -> int:
    """Write the corpus, one JSON post per line (UTF-8); return the number of bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for post in generate(n, seed):
            f.write(json.dumps(post, ensure_ascii=False))
            f.write("\n")
    return path.stat().st_size


def stats(labelled: list[tuple[str, dict]]) -> dict:
    """What the corpus is made of: kinds of post, tiers, kinds, lengths, distinct texts."""
    lengths = sorted(len(p["text"]) for _, p in labelled)
    n = len(lengths)
    return {
        "posts": n,
        "distinct_texts": len({p["text"] for _, p in labelled}),
        "by_kind_of_post": dict(Counter(label for label, _ in labelled).most_common()),
        "tiers": dict(Counter(p["account"]["tier"] for _, p in labelled).most_common()),
        "kinds": dict(Counter(p.get("kind", "post") for _, p in labelled).most_common()),
        "election_period": sum(
            1 for _, p in labelled if p.get("context", {}).get("election_period")
        ),
        "major_incident": sum(1 for _, p in labelled if p.get("context", {}).get("major_incident")),
        "length": {
            "min": lengths[0],
            "p50": lengths[n // 2],
            "p90": lengths[int(n * 0.9)],
            "p99": lengths[int(n * 0.99)],
            "max": lengths[-1],
            "mean": round(sum(lengths) / n, 1),
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--posts", type=int, default=DEFAULT_POSTS, help="number of posts (default %(default)s)"
    )
    ap.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)"
    )
    ap.add_argument(
        "--write", metavar="PATH", help="write the corpus as JSONL to PATH (- for stdout)"
    )
    ap.add_argument("--stats", action="store_true", help="print what the corpus is made of")
    ap.add_argument("--sample", type=int, default=0, metavar="K", help="print K posts' text")
    args = ap.parse_args(argv)
    if args.posts < 1:
        ap.error("--posts must be at least 1")
    if args.write == "-":
        for post in generate(args.posts, args.seed):
            sys.stdout.write(json.dumps(post, ensure_ascii=False) + "\n")
        return 0
    if args.write:
        size = write_jsonl(args.write, args.posts, args.seed)
        print(f"wrote {args.posts} posts ({size / 1e6:.1f} MB) to {args.write}", file=sys.stderr)
    if args.stats or args.sample or not args.write:
        labelled = list(generate_labelled(args.posts, args.seed))
        if args.sample:
            step = max(1, len(labelled) // args.sample)
            for label, post in labelled[::step][: args.sample]:
                print(
                    f"[{label}/{post['account']['tier']}/{post.get('kind', 'post')}] {post['text']}"
                )
        if args.stats or not args.sample:
            print(json.dumps(stats(labelled), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
