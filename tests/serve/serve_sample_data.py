"""Articles and incidents written for the serve tests (not taken from any dataset).

Each incident's evidence spans are found in its article by the quoted words, so
the offsets are real offsets into the real text the page has to highlight.
"""

from __future__ import annotations

from typing import Any

from incidentwatch.records import (
    Actor,
    Article,
    Count,
    Country,
    Evidence,
    Incident,
    Location,
    Source,
)

TOKEN = "test-token-0123456789"
IRAQ = Country(code="IQ", name="Iraq")
SYRIA = Country(code="SY", name="Syria")

ARTICLES = [
    Article(
        article_id="t-diyala-1",
        url="https://news.example.org/diyala-ambush",
        outlet="Example Wire",
        published_at="2024-03-12",
        title="Islamic State ambush kills four soldiers near Khanaqin",
        text=(
            "BAQUBAH, Iraq - Islamic State militants ambushed an army patrol near the town of "
            "Khanaqin in Diyala province on Monday night, killing four soldiers and wounding "
            "two others, a security official said.\n\n"
            "The attackers used a roadside bomb before opening fire on the vehicles, the "
            "official said, speaking on condition of anonymity. Sleeper cells of the group "
            "remain active in the rugged area along the border with Iran."
        ),
    ),
    Article(
        article_id="t-diyala-2",
        url="https://other.example.net/khanaqin",
        outlet="Second Desk",
        published_at="2024-03-12",
        title="Four troops killed in Diyala",
        text=(
            "Four Iraqi soldiers were killed late Monday when ISIS fighters attacked their "
            "patrol outside Khanaqin, police sources in Diyala said. Two soldiers were "
            "taken to hospital in Baqubah."
        ),
    ),
    Article(
        article_id="t-muqdadiyah",
        url="https://news.example.org/muqdadiyah",
        outlet="Example Wire",
        published_at="2024-02-20",
        title="Gunmen kill shepherd in Muqdadiyah orchards",
        text=(
            "Unidentified gunmen shot dead a shepherd in the orchards north of Muqdadiyah "
            "on Sunday, local officials said. The killing follows a series of attacks on "
            "farmers in the district."
        ),
    ),
    Article(
        article_id="t-basra-protest",
        url="https://news.example.org/basra-water",
        outlet="Example Wire",
        published_at="2024-01-08",
        title="Hundreds protest water shortages in Basra",
        text=(
            "Hundreds of people protested outside the provincial council building in Basra "
            "on Monday against water shortages and power cuts. The demonstration ended "
            "peacefully."
        ),
    ),
    Article(
        article_id="t-raqqa-shelling",
        url="https://syria.example.com/raqqa",
        outlet="Syria Desk",
        published_at="2023-11-15",
        title="Shelling kills three civilians near Raqqa",
        text=(
            "Three civilians were killed on Tuesday when artillery shells hit a village "
            "east of Raqqa, the Syrian Observatory said. It blamed government forces for "
            "the shelling."
        ),
    ),
    Article(
        article_id="t-hostile",
        url="javascript:alert(document.cookie)",
        outlet="<b>Hostile Outlet</b>",
        published_at="2024-03-05",
        title="<img src=x onerror=alert(2)> Bomb in Kirkuk market",
        text=(
            "<script>alert(1)</script> A bomb exploded in a crowded market in Kirkuk on "
            "Tuesday, killing two people. <img src=x onerror=\"document.title='pwned'\"> "
            "Police said the device was hidden in a cart."
        ),
    ),
]


def _ev(article: Article, field: str, words: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(words, start + 1)
    return Evidence(
        field=field, article_id=article.article_id, start=start, end=start + len(words), text=words
    )


def _src(article: Article) -> Source:
    return Source(
        article_id=article.article_id,
        url=article.url,
        outlet=article.outlet,
        published_at=article.published_at,
    )


def build_incidents() -> list[tuple[Article, list[Incident]]]:
    """Each article with the incidents an extractor should find in it."""
    a = {art.article_id: art for art in ARTICLES}
    d1, d2 = a["t-diyala-1"], a["t-diyala-2"]
    ambush = Incident(
        incident_id="inc-khanaqin-ambush",
        event_date="2024-03-11",
        date_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        attack_type="Armed Assault",
        actor1=Actor(name="Islamic State (Iraq)", type=2, mention="Islamic State militants"),
        actor2=Actor(name="Military Forces of Iraq", type=1, mention="an army patrol"),
        target_type="Military",
        weapon_types=["Explosives", "Firearms"],
        country=IRAQ,
        admin1="Diyala",
        admin2="Khanaqin",
        location=Location(name="Khanaqin", latitude=34.3482, longitude=45.3919),
        geo_precision=2,
        fatalities=Count(best=4, low=4, high=4),
        injuries=Count(best=2, low=2, high=2),
        summary="Islamic State militants ambushed an army patrol near Khanaqin, killing four "
        "soldiers and wounding two.",
        sources=[_src(d1)],
        evidence=[
            _ev(d1, "actor1", "Islamic State militants"),
            _ev(d1, "actor2", "an army patrol"),
            _ev(d1, "event_type", "ambushed"),
            _ev(d1, "location", "Khanaqin"),
            _ev(d1, "admin1", "Diyala province"),
            _ev(d1, "event_date", "on Monday night"),
            _ev(d1, "fatalities", "killing four soldiers"),
            _ev(d1, "injuries", "wounding two others"),
            _ev(d1, "weapon_types", "roadside bomb"),
        ],
        confidence=0.9,
        claim_status="reported",
    )
    # The second outlet's report of the same ambush: the store should merge the two.
    ambush2 = ambush.model_copy(
        update={
            "incident_id": None,
            "sources": [_src(d2)],
            "summary": "ISIS fighters attacked an army patrol outside Khanaqin, killing four "
            "soldiers.",
            "evidence": [
                _ev(d2, "fatalities", "Four Iraqi soldiers were killed"),
                _ev(d2, "actor1", "ISIS fighters"),
                _ev(d2, "location", "Khanaqin"),
                _ev(d2, "event_date", "late Monday"),
            ],
        }
    )
    m = a["t-muqdadiyah"]
    shepherd = Incident(
        incident_id="inc-muqdadiyah-shepherd",
        event_date="2024-02-18",
        date_precision=1,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        attack_type="Armed Assault",
        actor1=Actor(name="Unidentified Armed Group (Iraq)", type=3, mention="Unidentified gunmen"),
        actor2=Actor(name="Civilians (Iraq)", type=7, mention="a shepherd"),
        target_type="Private Citizens & Property",
        weapon_types=["Firearms"],
        country=IRAQ,
        admin1="Diyala",
        admin2="Al-Muqdadiya",
        location=Location(name="Muqdadiyah", latitude=33.9787, longitude=44.9369),
        geo_precision=2,
        fatalities=Count(best=1, low=1, high=1),
        summary="Unidentified gunmen shot dead a shepherd north of Muqdadiyah.",
        sources=[_src(m)],
        evidence=[
            _ev(m, "actor1", "Unidentified gunmen"),
            _ev(m, "fatalities", "shot dead a shepherd"),
            _ev(m, "location", "Muqdadiyah"),
            _ev(m, "event_date", "on Sunday"),
        ],
        confidence=0.8,
        claim_status="reported",
    )
    b = a["t-basra-protest"]
    protest = Incident(
        incident_id="inc-basra-protest",
        event_date="2024-01-08",
        date_precision=1,
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1=Actor(name="Protesters (Iraq)", type=6, mention="Hundreds of people"),
        country=IRAQ,
        admin1="Al-Basrah",
        admin2="Al-Basrah",
        location=Location(name="Basra", latitude=30.5085, longitude=47.7804),
        geo_precision=1,
        fatalities=Count(best=0),
        summary="Hundreds protested water shortages and power cuts in Basra; casualties unknown.",
        sources=[_src(b)],
        evidence=[
            _ev(b, "actor1", "Hundreds of people"),
            _ev(b, "event_type", "protested"),
            _ev(b, "location", "Basra"),
            _ev(b, "event_date", "on Monday"),
        ],
        confidence=0.85,
        claim_status="reported",
    )
    r = a["t-raqqa-shelling"]
    shelling = Incident(
        incident_id="inc-raqqa-shelling",
        event_date="2023-11-14",
        date_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        attack_type="Bombing/Explosion",
        actor1=Actor(name="Military Forces of Syria", type=1, mention="government forces"),
        actor2=Actor(name="Civilians (Syria)", type=7, mention="Three civilians"),
        target_type="Private Citizens & Property",
        weapon_types=["Explosives"],
        country=SYRIA,
        admin1="Ar-Raqqa",
        admin2="Ar-Raqqa",
        location=Location(name="Raqqa", latitude=35.9528, longitude=39.0079),
        geo_precision=2,
        fatalities=Count(best=3, low=3, high=3),
        summary="Government artillery shells killed three civilians in a village east of Raqqa.",
        sources=[_src(r)],
        evidence=[
            _ev(r, "fatalities", "Three civilians were killed"),
            _ev(r, "sub_event_type", "artillery shells"),
            _ev(r, "location", "Raqqa"),
            _ev(r, "actor1", "government forces"),
        ],
        confidence=0.8,
        claim_status="claimed",
    )
    h = a["t-hostile"]
    market = Incident(
        incident_id="inc-kirkuk-market",
        event_date="2024-03-05",
        date_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        attack_type="Bombing/Explosion",
        actor1=Actor(name="Unidentified Armed Group (Iraq)", type=3),
        actor2=Actor(name="Civilians (Iraq)", type=7, mention="two people"),
        target_type="Private Citizens & Property",
        weapon_types=["Explosives"],
        country=IRAQ,
        admin1="Kirkuk",
        admin2="Kirkuk",
        location=Location(name="Kirkuk", latitude=35.4681, longitude=44.3922),
        geo_precision=1,
        fatalities=Count(best=2, low=2, high=2),
        summary="<script>alert(3)</script> A bomb in a Kirkuk market killed two people.",
        sources=[_src(h)],
        evidence=[
            _ev(h, "event_type", "A bomb exploded"),
            _ev(h, "location", "Kirkuk"),
            _ev(h, "fatalities", "killing two people"),
            _ev(h, "other", "<script>alert(1)</script>"),
        ],
        confidence=0.7,
        claim_status="reported",
    )
    incidents = {
        "t-diyala-1": [ambush],
        "t-diyala-2": [ambush2],
        "t-muqdadiyah": [shepherd],
        "t-basra-protest": [protest],
        "t-raqqa-shelling": [shelling],
        "t-hostile": [market],
    }
    return [(art, incidents[art.article_id]) for art in ARTICLES]


def expected_ids() -> dict[str, Any]:
    return {
        "diyala": {"inc-khanaqin-ambush", "inc-muqdadiyah-shepherd"},
        "all": {
            "inc-khanaqin-ambush",
            "inc-muqdadiyah-shepherd",
            "inc-basra-protest",
            "inc-raqqa-shelling",
            "inc-kirkuk-market",
        },
    }
