"""The dashboard served by Voila on a test database, driven in headless Debian Chromium.

One Voila server for the module (a demo set plus one hostile offer, its own index); each
test opens its own page, hence its own kernel, as a visitor would.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta

import pytest

from jobmarket import config
from jobmarket.dashboard import demo_site, serve

pytestmark = pytest.mark.browser

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
SCREENSHOTS = config.REPORTS_DIR / "screenshots"
N_OFFERS = 400
PAGE_OPEN_MS = 60_000  # a kernel starts in 5-8 s on a loaded 2-CPU machine


@pytest.fixture(scope="module")
def site(module_database_url, tmp_path_factory):
    if not serve.CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install -y chromium)")
    workdir = tmp_path_factory.mktemp("dashboard")
    env = demo_site.demo_site(
        module_database_url, workdir, N_OFFERS, extra=lambda o: demo_site.hostile_offer(o, XSS)
    )
    process, url = serve.start_voila(env, workdir / "voila.log")
    try:
        yield url
    finally:
        serve.stop(process)


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = serve.launch_chromium(playwright)
        yield chromium
        chromium.close()


def _open(page, site: str) -> None:
    page.goto(site, wait_until="commit", timeout=PAGE_OPEN_MS)  # Voila streams as cells run
    page.locator(".jm-search input").wait_for(state="visible", timeout=PAGE_OPEN_MS)
    page.locator(".jm-result .jm-card").first.wait_for(state="visible")


@pytest.fixture
def page(browser, site, request):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.set_default_timeout(30_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        _open(page, site)
    except Exception:
        # Voila now and then stays on "Executing n of m" although the kernel finished
        # (voila-dashboards/voila#1446, seen here under heavy CPU load): keep the evidence,
        # then open the page again as a visitor would reload it; a second failure fails.
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-opening.png"), full_page=True)
        warnings.warn(
            f"{request.node.name}: the page did not open at first, reloaded", stacklevel=1
        )
        _open(page, site)
    yield page
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    page.close()


def _seq(page) -> int:
    text = page.locator(".jm-status .jm-seq").text_content() or "0"
    return int(text)


def _answered(page, before: int) -> None:
    """Wait until the page shows an answer newer than `before`."""
    page.wait_for_function(
        "n => Number(document.querySelector('.jm-status .jm-seq')?.textContent || 0) > n",
        arg=before,
    )


def _total(page) -> int:
    status = page.locator(".jm-status").inner_text()
    match = re.match(r"([\d\u202f]+) offres?", status)
    assert match, status
    return int(match[1].replace("\u202f", ""))


def _search(page, text: str) -> None:
    before = _seq(page)
    page.locator(".jm-search input").fill(text)
    page.locator(".jm-search input").press("Enter")
    _answered(page, before)


def _cards(page) -> list[str]:
    return page.locator(".jm-result:visible .jm-card").all_inner_texts()


def _ids(page) -> list[str]:
    cards = page.locator(".jm-result:visible .jm-card")
    return [cards.nth(i).get_attribute("data-offer-id") for i in range(cards.count())]


def test_page_opens_with_newest_offers_demo_banner_and_credits(page):
    assert "démonstration" in page.locator(".jm-banner").inner_text()
    assert N_OFFERS * 0.8 < _total(page) <= N_OFFERS + 1  # all active offers, newest first
    footer = page.locator(".jm-footer")
    assert footer.locator(f'a[href="{config.FRANCE_TRAVAIL_LICENCE_URL}"]').count() == 1
    cards = _cards(page)
    assert 0 < len(cards) <= 10
    assert any("France Travail" in c and "mise à jour le" in c for c in cards) or any(
        config.ADZUNA_ATTRIBUTION in c for c in cards
    )


def test_query_gives_ranked_results_with_count_and_time(page):
    _search(page, "data scientist")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"))  # the one the README shows
    total = _total(page)
    assert 0 < total < N_OFFERS
    assert re.search(r"\d+ ms", page.locator(".jm-status").inner_text())
    cards = _cards(page)
    scores = [float(re.search(r"score (\d\.\d+)", c)[1]) for c in cards]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert "data" in cards[0].lower() or "scientist" in cards[0].lower()
    for card in cards:
        if "Adzuna" in card.split(" · ")[-1] or config.ADZUNA_ATTRIBUTION in card:
            assert config.ADZUNA_ATTRIBUTION in card
        if "France Travail" in card:
            assert "mise à jour le" in card
    _search(page, "zzzqqqxxyy")
    assert _total(page) == 0
    assert "Aucune offre" in page.locator(".jm-messages").inner_text()


def test_pagination_moves_through_results(page):
    _search(page, "développeur")
    total = _total(page)
    assert total > 10, "the demo set should give more than one page"
    first = _ids(page)
    assert len(first) == 10 and page.locator(".jm-prev").is_disabled()
    before = _seq(page)
    page.locator(".jm-next").click()
    _answered(page, before)
    second = _ids(page)
    assert "Page 2 /" in page.locator(".jm-page").inner_text()
    assert "résultats 11–" in page.locator(".jm-status").inner_text()
    assert set(second).isdisjoint(first)
    before = _seq(page)
    page.locator(".jm-prev").click()
    _answered(page, before)
    assert _ids(page) == first


def _apply(page, action) -> None:
    before = _seq(page)
    action()
    _answered(page, before)


def test_each_filter_narrows_the_results(page):
    everything = _total(page)  # the page opens on every active offer, newest first

    _apply(page, lambda: page.locator(".jm-contract select").select_option(label="CDI"))
    assert 0 < _total(page) < everything
    assert all(" · CDI · " in c for c in _cards(page))
    _apply(page, lambda: page.locator(".jm-contract select").select_option(label="Tous"))

    place = page.locator(".jm-place input")
    _apply(page, lambda: (place.fill("69"), place.press("Enter")))
    assert 0 < _total(page) < everything
    assert all("(69)" in c or "Lyon" in c for c in _cards(page))
    _apply(page, lambda: (place.fill(""), place.press("Enter")))

    salary = page.locator(".jm-min-salary input")
    _apply(page, lambda: (salary.fill("45000"), salary.press("Enter")))
    assert 0 < _total(page) < everything
    for card in _cards(page):
        amounts = [
            int(a.replace("\u202f", "")) for a in re.findall(r"(\d[\d\u202f]*)\u00a0€", card)
        ]
        assert amounts and max(amounts) >= 45000
    _apply(page, lambda: (salary.fill("0"), salary.press("Enter")))

    _apply(page, lambda: page.locator(".jm-source-adzuna input").uncheck())
    _apply(page, lambda: page.locator(".jm-source-jsearch input").uncheck())
    assert 0 < _total(page) < everything
    assert all("France Travail" in c and config.ADZUNA_ATTRIBUTION not in c for c in _cards(page))
    _apply(page, lambda: page.locator(".jm-source-adzuna input").check())
    _apply(page, lambda: page.locator(".jm-source-jsearch input").check())

    remote = page.locator(".jm-remote select")
    choice = "partiel"
    _apply(page, lambda: remote.select_option(label=choice))
    assert 0 < _total(page) < everything
    assert all(f"télétravail : {choice}" in c for c in _cards(page))
    _apply(page, lambda: remote.select_option(label="Tous"))

    _apply(page, lambda: page.locator(".jm-posted select").select_option(label="7 jours"))
    recent = _total(page)
    assert recent < everything
    cutoff = (datetime.now(UTC) - timedelta(days=8)).date()
    for card in _cards(page):
        day = datetime.strptime(re.search(r"publiée le (\d\d/\d\d/\d{4})", card)[1], "%d/%m/%Y")
        assert day.date() >= cutoff


def test_offer_detail_shows_full_text_link_and_similar_offers(page):
    _search(page, "data scientist")
    first_id = page.locator(".jm-result .jm-card").first.get_attribute("data-offer-id")
    page.locator(".jm-result .jm-open").first.click()
    detail = page.locator(f'.jm-detail .jm-offer[data-offer-id="{first_id}"]')
    detail.wait_for(state="visible")
    assert detail.locator(".jm-description").inner_text().strip()
    assert (
        detail.locator("a", has_text="Voir l’offre d’origine")
        .get_attribute("href")
        .startswith("http")
    )
    page.locator(".jm-similar .jm-card").first.wait_for(state="visible")
    similar = page.locator(".jm-similar:visible .jm-card")
    assert 0 < similar.count() <= 5
    ids = [similar.nth(i).get_attribute("data-offer-id") for i in range(similar.count())]
    assert first_id not in ids
    page.locator(".jm-similar .jm-open").first.click()
    page.locator(f'.jm-detail .jm-offer[data-offer-id="{ids[0]}"]').wait_for(state="visible")


def test_companies_tab_lists_counts_and_a_company_s_offers(page):
    page.locator(".jm-tabs .lm-TabBar-tab", has_text="Entreprises").click()
    options = page.locator(".jm-company-list select option")
    options.first.wait_for(state="attached")
    first = options.first.inner_text().replace("\u00a0", " ")  # Select shows spaces as nbsp
    name, count = re.match(r"(.*) \((\d+)\)$", first).groups()
    page.locator(".jm-company-list select").select_option(index=0)
    table = page.locator(".jm-company-offers .jm-table")
    table.wait_for(state="visible")
    assert table.locator("tr").count() == int(count) + 1
    assert name in page.locator(".jm-company-offers h4").inner_text()

    search = page.locator(".jm-company-search input")
    search.fill("Evil")
    search.press("Enter")
    page.wait_for_function(
        "() => { const o = document.querySelectorAll('.jm-company-list option');"
        " return o.length === 1 && o[0].value.startsWith('Evil'); }"
    )
    assert page.locator(".jm-company-list select option").count() == 1


def test_market_tab_draws_charts_that_follow_the_filters(page):
    page.locator(".jm-tabs .lm-TabBar-tab", has_text="Marché").click()
    charts = page.locator(".jm-market-charts")
    for css in (".jm-chart-days img", ".jm-chart-skills img", ".jm-chart-salary img"):
        charts.locator(css).wait_for(state="visible")
    before = charts.locator(".jm-chart-days img").get_attribute("src")
    page.locator(".jm-contract select").select_option(label="CDI")
    page.wait_for_function(
        "src => document.querySelector('.jm-chart-days img')?.getAttribute('src') !== src",
        arg=before,
    )


def test_hostile_offer_renders_as_text_and_runs_nothing(page):
    _search(page, "hostile")
    row = page.locator(".jm-result", has=page.locator(".jm-card", has_text="Hostile")).first
    assert "<script>window.__xss=1</script>" in row.locator(".jm-card").inner_text()
    row.locator(".jm-open").click()
    description = page.locator(".jm-detail .jm-description")
    description.wait_for(state="visible")
    assert '<img src=x onerror="window.__xss=2">' in description.inner_text()
    page.locator(".jm-tabs .lm-TabBar-tab", has_text="Entreprises").click()
    page.locator(".jm-company-search input").fill("Evil")
    page.locator(".jm-company-search input").press("Enter")
    page.locator(".jm-company-list select").select_option(index=0)
    page.locator(".jm-company-offers .jm-table").wait_for(state="visible")
    assert "<script>" in page.locator(".jm-company-offers h4").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator(".jm-app script, .jm-app img[src='x']").count() == 0
