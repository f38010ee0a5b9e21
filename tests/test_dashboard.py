"""Rendering of offers to HTML: hostile text escaped, credits required by the data terms shown."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

import pandas as pd
import pytest

from jobmarket import config
from jobmarket.dashboard import render

HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


class _Tags(HTMLParser):
    """Collects the tags and attributes an HTML fragment really contains."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def parse(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    return parser


def offer(**overrides) -> dict:
    base = {
        "offer_id": 7,
        "source": "france_travail",
        "external_id": "123ABC",
        "title": "Data engineer H/F",
        "description": "Ligne 1\nLigne 2",
        "skills": ["Python", "SQL"],
        "company": "ACME",
        "location_label": "Lyon 3e",
        "commune_code": "69383",
        "departement": "69",
        "contract_type": "CDI",
        "remote": "partiel",
        "salary_min": 40000.0,
        "salary_max": 50000.0,
        "salary_is_estimated": False,
        "created_at": pd.Timestamp("2026-11-20T10:00:00Z"),
        "updated_at": pd.Timestamp("2026-11-25T08:00:00Z"),
        "url": "https://candidat.francetravail.fr/offres/recherche/detail/123ABC",
        "status": "active",
        "description_is_snippet": False,
    }
    return base | overrides


@pytest.mark.parametrize(
    "field", ["title", "company", "location_label", "contract_type", "description"]
)
def test_hostile_text_in_any_field_is_shown_as_text_not_markup(field):
    hostile = offer(**{field: HOSTILE})
    table_fields = ("title", "location_label", "contract_type")
    for fragment, shows_field in (
        (render.result_card_html(hostile, 0.5), field != "description"),
        (render.offer_detail_html(hostile), True),
        (render.offers_table_html(pd.DataFrame([hostile])), field in table_fields),
    ):
        parsed = parse(fragment)
        assert not [t for t, _ in parsed.tags if t in {"script", "img"}]
        assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
        assert (HOSTILE in parsed.text) == shows_field


def test_hostile_skill_is_text():
    parsed = parse(render.offer_detail_html(offer(skills=[HOSTILE, "SQL"])))
    assert HOSTILE in parsed.text and "script" not in [t for t, _ in parsed.tags]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>x</script>",
        " vbscript:x",
        None,
        "",
    ],
)
def test_only_http_links_become_anchors(url):
    fragment = render.offer_detail_html(offer(url=url))
    hrefs = [attrs["href"] for tag, attrs in parse(fragment).tags if tag == "a"]
    assert all(h.startswith("https://") for h in hrefs)  # only the licence link remains
    assert "Voir l’offre d’origine" in parse(fragment).text


def test_link_attribute_cannot_be_broken_out_of():
    fragment = render.safe_link('https://x.fr/" onmouseover="alert(1)', "voir")
    ((tag, attrs),) = parse(fragment).tags
    assert tag == "a" and attrs["href"] == 'https://x.fr/" onmouseover="alert(1)'
    assert "onmouseover" not in attrs and attrs["rel"] == "noopener noreferrer nofollow"


def test_france_travail_offer_names_source_update_date_and_licence():
    parsed = parse(render.result_card_html(offer()))
    assert config.FRANCE_TRAVAIL_SOURCE_LINE in parsed.text
    assert "mise à jour le 25/11/2026" in parsed.text
    assert (
        "a",
        {
            "href": config.FRANCE_TRAVAIL_LICENCE_URL,
            "target": "_blank",
            "rel": "noopener noreferrer nofollow",
        },
    ) in parsed.tags


def test_adzuna_listing_says_jobs_by_adzuna_and_others_name_their_source():
    assert config.ADZUNA_ATTRIBUTION in parse(render.result_card_html(offer(source="adzuna"))).text
    jsearch = parse(render.result_card_html(offer(source="jsearch"))).text
    assert "Source : JSearch" in jsearch and config.ADZUNA_ATTRIBUTION not in jsearch


@pytest.mark.parametrize(
    ("low", "high", "estimated", "expected"),
    [
        (40000, 50000, False, "40\u202f000\u00a0€ – 50\u202f000\u00a0€ /an"),
        (40000, 40000, True, "40\u202f000\u00a0€ /an (estimation)"),
        (None, 60000, None, "60\u202f000\u00a0€ /an"),
        (float("nan"), None, False, "Salaire non précisé"),
        (pd.NA, pd.NA, pd.NA, "Salaire non précisé"),
    ],
)
def test_salary_label(low, high, estimated, expected):
    assert render.salary_label(low, high, estimated) == expected


def test_card_shows_every_result_column():
    text = parse(render.result_card_html(offer(), 0.4321)).text
    for part in (
        "Data engineer H/F",
        "ACME",
        "Lyon 3e (69)",
        "CDI",
        "40\u202f000",
        "20/11/2026",
        "France Travail",
        "score 0.432",
    ):
        assert part in text


def test_missing_values_get_readable_placeholders():
    empty = offer(
        title=None,
        company=float("nan"),
        location_label=None,
        departement=None,
        contract_type=pd.NA,
        created_at=pd.NaT,
        updated_at=None,
    )
    text = parse(render.result_card_html(empty)).text
    for part in (
        "(sans titre)",
        "Entreprise non précisée",
        "Lieu non précisé",
        "Contrat non précisé",
        "publiée le ?",
        "date inconnue",
    ):
        assert part in text


def test_detail_keeps_line_breaks_as_text_and_lists_skills():
    fragment = render.offer_detail_html(
        offer(description="a\n<b>b</b>", skills=("Python", "<i>SQL</i>"))
    )
    parsed = parse(fragment)
    assert "a\n<b>b</b>" in parsed.text and "<i>SQL</i>" in parsed.text
    assert "i" not in [tag for tag, _ in parsed.tags]
    assert [a["class"] for t, a in parsed.tags if a.get("class") == "jm-skill"] == [
        "jm-skill",
        "jm-skill",
    ]


def test_snippet_descriptions_say_so_and_no_skills_says_so():
    parsed = parse(render.offer_detail_html(offer(description_is_snippet=True, skills=[])))
    assert (
        "Extrait fourni par la source" in parsed.text and "Aucune compétence listée" in parsed.text
    )


def test_status_counts_and_range():
    assert render.status_html(1234, 12.4, 1, 10) == "1\u202f234 offres · 12 ms · résultats 11–20"
    assert render.status_html(3, 1.0, 0, 10) == "3 offres · 1 ms · résultats 1–3"
    assert render.status_html(0, 5.0, 0, 10) == "0 offre · 5 ms"


def test_format_date_converts_to_utc_day():
    assert render.format_date(datetime(2026, 1, 2, 23, 30, tzinfo=UTC)) == "02/01/2026"
    assert render.format_date("not a date") == ""


def test_empty_company_table_is_an_explicit_message():
    assert "Aucune offre active" in parse(render.offers_table_html(pd.DataFrame())).text


def test_demo_banner_names_the_generated_sources_escaped():
    parsed = parse(render.demo_banner_html(["France Travail", "<b>x</b>"]))
    assert "démonstration" in parsed.text and "France Travail, <b>x</b>" in parsed.text
    assert "b" not in [tag for tag, _ in parsed.tags]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("69 - LYON 01", "Lyon 01"),
        ("2A - Ajaccio", "Ajaccio"),
        ("Metz, Moselle", "Metz, Moselle"),
        (None, ""),
    ],
)
def test_place_names_drop_the_departement_prefix(label, expected):
    assert render.place_name(label) == expected


def _places():
    from jobmarket.dashboard.filters import PlaceChoices

    departements = pd.DataFrame({"departement": ["69", "75", "2A"]})
    communes = pd.DataFrame(
        {
            "commune_code": ["69381", "69382", "69266", "75056", "2A004"],
            "label": [
                "69 - LYON 01",
                "69 - Lyon 2e Arrondissement",
                "69 - VILLEURBANNE",
                "75 - Paris",
                "2A - Ajaccio",
            ],
        }
    )
    names = {"69": "Rhône", "75": "Paris", "2A": "Corse-du-Sud"}
    return PlaceChoices.from_facets(departements, communes, names)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", None),
        ("Rhône (69)", ("departement", ("69",))),
        ("69", ("departement", ("69",))),
        ("rhone", ("departement", ("69",))),
        ("2a", ("departement", ("2A",))),
        ("Villeurbanne – 69266", ("commune", ("69266",))),
        ("villeurbanne", ("commune", ("69266",))),
        ("69266", ("commune", ("69266",))),
        ("Lyon", ("commune", ("69381", "69382"))),
        ("ajaccio", ("commune", ("2A004",))),
    ],
)
def test_typed_places_resolve_to_departements_or_communes(typed, expected):
    assert _places().parse(typed) == expected


def test_unknown_place_is_a_user_error_naming_what_was_typed():
    from jobmarket.dashboard.filters import UserInputError

    with pytest.raises(UserInputError, match="Lieu inconnu : « Lyonnn »"):
        _places().parse("Lyonnn")


def test_place_labels_are_readable():
    assert _places().labels[:3] == ("Rhône (69)", "Paris (75)", "Corse-du-Sud (2A)")
    assert "Lyon 01 – 69381" in _places().labels


@pytest.mark.parametrize("make_dir", [False, True], ids=["missing", "empty"])
def test_page_without_an_index_says_what_to_run(tmp_path, make_dir):
    from jobmarket.dashboard import UnavailablePage, build_dashboard

    index_dir = tmp_path / "index"
    if make_dir:
        index_dir.mkdir()
    page = build_dashboard("postgresql://nobody@127.0.0.1:1/none", index_dir)
    assert isinstance(page, UnavailablePage) and isinstance(page.error, FileNotFoundError)
    assert "jm-unavailable" in page.widget._dom_classes
    text = parse(page.widget.value).text
    assert "ne peut pas s'ouvrir" in text and str(index_dir) in text and "make pipeline" in text
