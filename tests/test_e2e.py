"""End to end: the real site built, published with `portal publish`, served by the repository's
nginx configuration on loopback, read in headless Chromium (Playwright, Debian's /usr/bin/chromium).

Where nginx or Chromium is missing on a developer's machine these tests are skipped with a loud
message; in CI (CI=true) they fail instead. Screenshots go to test-artifacts/screenshots/.
"""

import sys
import urllib.error
import urllib.request
import warnings

import pytest

from conftest import BASIC_PAGES, BIN, PROJECT, make_site, offline_env, run
from e2e_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NGINX,
    NginxServer,
    free_port,
    in_ci,
    nginx_config,
)

sys.path.insert(0, str(PROJECT / "benchmarks"))
from search_queries import evaluate, run_query  # noqa: E402  (the harness the benchmark uses too)

SCREENSHOTS = PROJECT / "test-artifacts" / "screenshots"
missing = [name for name, path in (("nginx", NGINX), ("chromium", CHROMIUM)) if not path]
if missing:
    message = f"END-TO-END TESTS NOT RUN: {', '.join(missing)} not installed (apt-get install nginx chromium chromium-driver)"
    if in_ci():
        raise RuntimeError(message)
    warnings.warn(message, stacklevel=2)
    pytestmark = pytest.mark.skip(reason=message)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("e2e")
    port = free_port()
    site = workdir / "site"
    env = {**offline_env(), "PORTAL_SITE_URL": f"http://127.0.0.1:{port}/"}
    built = run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=PROJECT, env=env)
    assert built.returncode == 0, built.output
    published = run([str(BIN / "portal"), "publish", str(site), "--to", str(workdir / "srv")], cwd=PROJECT, env=env)
    assert published.returncode == 0, published.output
    config = nginx_config(workdir, workdir / "srv" / "current", port)
    nginx = NginxServer(config, port)
    checked = nginx.check()
    assert checked.returncode == 0, checked.stderr
    nginx.web_root = workdir / "srv" / "current"
    with nginx:
        yield nginx


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 412, "height": 915}, locale="en-US")
    tab = context.new_page()
    tab.requests = []
    tab.violations = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("console", lambda msg: tab.violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield tab
    context.close()


def shot(tab, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def get(url):
    try:
        response = urllib.request.urlopen(url, timeout=5)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, dict(response.headers), response.read().decode("utf-8")


def test_switch_language_on_a_page(page, server):
    page.goto(server.base + "tourism/ganh-da-dia/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="English").first.click()
    page.wait_for_url(server.base + "en/tourism/ganh-da-dia/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Gành Đá Đĩa" in page.locator("h1").first.inner_text()
    shot(page, "switch-to-english")


@pytest.fixture(scope="module")
def fallback_server(tmp_path_factory):
    """A small site with a page not translated into Khmer (every page of the real site is)."""
    workdir = tmp_path_factory.mktemp("fallback")
    root = make_site(workdir / "src", BASIC_PAGES)
    built = run([str(BIN / "mkdocs"), "build", "--strict"], cwd=root, env=offline_env())
    assert built.returncode == 0, built.output
    port = free_port()
    nginx = NginxServer(nginx_config(workdir, root / "site", port), port)
    with nginx:
        yield nginx


def test_untranslated_page_shows_the_notice(browser, fallback_server):
    context = browser.new_context(viewport={"width": 412, "height": 915}, bypass_csp=True)  # (for axe)
    page = context.new_page()
    try:
        page.goto(fallback_server.base + "km/province/", wait_until="networkidle")
        notice = page.locator(".portal-notice")
        assert "ទំព័រនេះមិនទាន់បានបកប្រែជាភាសាខ្មែរ" in notice.inner_text()
        assert page.locator("div[lang=vi] h1").count() == 1  # the Vietnamese text, marked as such
        shot(page, "khmer-untranslated-notice")
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("prefix,lang,text", [("", "vi", "Không tìm thấy trang"), ("en/", "en", "Page not found"), ("km/", "km", "រកមិនឃើញទំព័រ")])
def test_404_in_each_language(page, server, prefix, lang, text):
    status, headers, body = get(server.base + prefix + "no-such-page/")
    assert status == 404 and f'<html lang="{lang}"' in body and text in body
    page.goto(server.base + prefix + "no-such-page/")
    assert page.locator("h1").first.inner_text() == text
    shot(page, f"404-{lang}")


def test_security_headers(server):
    expected_csp = run([str(BIN / "portal"), "csp", str(server.config.parent.parent / "srv" / "current")], cwd=PROJECT).output.strip()
    for path in ("", "en/", "assets/css/portal.css", "no-such-page/"):
        _, headers, _ = get(server.base + path)
        assert headers["Content-Security-Policy"] == expected_csp, path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "geolocation=()" in headers["Permissions-Policy"]
    _, headers, _ = get(server.base + "assets/javascripts/" + next(p.name for p in (server.config.parent.parent / "srv/current/assets/javascripts").glob("bundle.*.min.js")))
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    _, headers, _ = get(server.base)
    assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["", "en/", "km/", "km/tourism/ganh-da-dia/", "en/news/", "en/coverage/", "en/legal/?type=law"])
def test_pages_request_nothing_from_other_hosts_and_break_no_policy(page, server, path):
    page.goto(server.base + path, wait_until="networkidle")
    foreign = [url for url in page.requests if not url.startswith(server.base) and not url.startswith("data:")]
    assert not foreign, foreign
    assert not page.violations, page.violations
    fonts = page.evaluate("Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family)")
    assert "Noto Sans" in fonts
    if path.startswith("km/"):
        assert "Noto Sans Khmer" in fonts
        shot(page, "khmer-" + (path.strip("/").replace("/", "-") or "home"))
    if path in ("", "en/"):  # no Khmer but the switcher's "ខ្មែរ": the 2 KB cut, not the 14 KB face
        assert "Noto Sans Khmer Names" in fonts and "Noto Sans Khmer" not in fonts, fonts


def test_search_query_set_in_every_language(page, server):
    """The query set (tests/search/queries.yml) through the real search box: Khmer words from
    the middle of a run and typed without spaces, Vietnamese without diacritics, English stems."""
    outcomes = evaluate(page, server.base)
    failed = [f"{o['language']} {o['query']!r}: expected {o['expected']}, got {o['results'][:5]}" for o in outcomes if not o["ok"]]
    assert not failed, "\n".join(failed)
    for language in ("vi", "en", "km"):
        assert sum(1 for o in outcomes if o["language"] == language) >= 20
    assert {o["note"] for o in outcomes if o.get("note")} >= {"no diacritics", "middle", "joined", "stemming"}


def test_search_stays_in_the_readers_language(page, server):
    page.goto(server.base + "en/")
    page.fill("#portal-search-input", "Mondulkiri")
    page.locator("#portal-search-results a").first.wait_for()
    links = page.eval_on_selector_all("#portal-search-results a", "els => els.map(e => new URL(e.href).pathname)")
    assert links and all(link.startswith("/en/") for link in links)
    page.fill("#portal-search-input", "Mondulkiri")
    assert page.get_attribute("#portal-search-status", "role") == "status"  # announced to screen readers
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#portal-search-results') !== null")  # keyboard reaches results
    shot(page, "search-english")


def test_khmer_search_without_spaces(page, server):
    page.goto(server.base + "km/")
    page.fill("#portal-search-input", "ខេត្តមណ្ឌលគិរី")
    page.locator("#portal-search-results a").first.wait_for()
    assert "រកឃើញ" in page.inner_text("#portal-search-status")  # the count, in Khmer
    links = page.eval_on_selector_all("#portal-search-results a", "els => els.map(e => new URL(e.href).pathname)")
    assert all(link.startswith("/km/") for link in links)
    shot(page, "search-khmer")


def test_vietnamese_search_without_diacritics(page, server):
    page.goto(server.base)
    page.fill("#portal-search-input", "yok don")
    page.locator("#portal-search-results a").first.wait_for()
    first = page.locator("#portal-search-results a").first
    assert first.get_attribute("href").endswith("/tourism/yok-don-national-park/")
    assert "Yok Đôn" in first.inner_text()
    shot(page, "search-vietnamese-no-diacritics")


def test_vietnamese_query_with_diacritics_lists_exact_matches_first(page, server):
    """'cồng' (gong) and 'cổng' (portal) are both 'cong' without marks: typed with their marks,
    each lists first the page where it stands as typed."""
    gong = run_query(page, server.base, "vi", "cồng")["results"]
    portal = run_query(page, server.base, "vi", "cổng")["results"]
    folded = run_query(page, server.base, "vi", "cong")["results"]
    assert gong[0] == "/province/gong-culture/", gong
    assert "/about/" in portal[:3] and "/province/gong-culture/" not in portal[:3], portal
    assert {"/province/gong-culture/", "/about/"} <= set(folded), folded  # without marks, both are found
    assert folded[:3] != portal[:3], folded  # the marks changed the order


def test_khmer_letters_in_the_index_match_only_khmer_queries(page, server):
    """Khmer words are written in the index with letters: a Latin query must not find them,
    and a Khmer query on the Vietnamese site finds only pages with Khmer words (the glossary)."""
    latin = run_query(page, server.base, "km", "xa")["results"]
    khmer = run_query(page, server.base, "vi", "ខេត្ត")["results"]
    assert len(latin) < 5, latin
    assert khmer == ["/about/glossary/"], khmer


AXE = PROJECT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# Every page template, in each language: home, a content page, a page untranslated into km (the
# fallback copy with its notice), the news listing, a news post, the glossary (a wide table),
# the coverage dashboard (wide tables), the 404 page, the accessibility statement.
TEMPLATES = [
    "", "province/", "province/history/", "news/", "news/posts/bai-goc-port-groundbreaking/", "about/glossary/", "coverage/", "no-such-page/",
    "about/accessibility/", "bulletin/2025-h1/", "legal/", "legal/resolution/2025/202-qh15/", "legal/procedures/investment-registration-certificate/",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(tab) -> list[str]:
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))", AXE_TAGS)


@pytest.mark.parametrize("prefix", ["", "en/", "km/"])
def test_no_accessibility_violation_on_any_template(browser, server, prefix):
    # axe-core (tools/axe, locked) injected past the CSP into each page as a phone shows it.
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    tab = context.new_page()
    found = {}
    try:
        for path in TEMPLATES:
            tab.goto(server.base + prefix + path, wait_until="networkidle")
            violations = axe_violations(tab)
            if violations:
                found[prefix + path] = violations
    finally:
        context.close()
    assert found == {}, found


def test_publications_pages_have_no_violation_and_no_missing_file(browser, server):
    """The pages `portal publications` writes: the listings and the bulletin's bilingual
    editions, as a phone shows them, with axe and every request answered."""
    made = run([str(BIN / "portal"), "publications", str(server.web_root)], cwd=PROJECT, env=offline_env())
    assert made.returncode == 0, made.output
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    tab = context.new_page()
    failed, found = [], {}
    tab.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    try:
        for path in ("publications/", "publications/km/", "publications/bulletin/2025-h1-vi-km.html", "publications/bulletin/2025-h2-vi-en.html"):
            tab.goto(server.base + path, wait_until="networkidle")
            violations = axe_violations(tab)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert found == {} and failed == [], (found, failed)


@pytest.mark.parametrize("path", ["", "en/province/", "km/", "km/province/history/", "en/news/"])
def test_a_page_load_logs_no_error_and_gets_no_error_answer(browser, server, path):
    # Material fetched sitemap.xml beside each hreflang URL: 404s here, CSP errors on any other
    # host (site_build/material_patches.py removes those fetches).
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    errors, failed = [], []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    try:
        tab.goto(server.base + path, wait_until="networkidle")
    finally:
        context.close()
    assert errors == [] and failed == [], (errors, failed)


def test_legal_listing_filters_in_the_browser_and_reads_without_javascript(browser, server):
    """The filters need no server and no third-party code; the choice is kept in the address;
    the count is announced; without JavaScript the whole list, grouped by subject, is the page."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    try:
        tab.goto(server.base + "en/legal/?type=law", wait_until="networkidle")
        items = tab.locator(".portal-legal-list > li")
        total = items.count()
        shown = [item.get_attribute("data-type") for item in items.all() if item.is_visible()]
        assert total > len(shown) > 0 and set(shown) == {"law"}
        assert tab.locator("#legal-type").input_value() == "law"
        count = tab.locator(".portal-legal-count")
        assert count.get_attribute("aria-live") == "polite" and count.inner_text() == f"{len(shown)} of {total} documents shown"
        tab.locator(".portal-legal-filters").scroll_into_view_if_needed()
        shot(tab, "legal-listing-en-filtered-phone")
        tab.select_option("#legal-type", "")  # keyboard-operable native selects
        tab.select_option("#legal-status", "in-force")
        assert "status=in-force" in tab.url and "type=" not in tab.url
        statuses = {item.get_attribute("data-status") for item in items.all() if item.is_visible()}
        assert statuses == {"in-force"}
        tab.get_by_role("button", name="Show all").click()
        expect(tab.locator(".portal-legal-list > li[hidden]")).to_have_count(0)  # (a locator, not an eval: the CSP forbids eval)
        assert tab.url.endswith("/en/legal/")
    finally:
        context.close()
    quiet = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    tab = quiet.new_page()
    try:
        tab.goto(server.base + "en/legal/", wait_until="networkidle")
        assert not tab.locator(".portal-legal-filters").is_visible()
        assert all(item.is_visible() for item in tab.locator(".portal-legal-list > li").all())
        assert tab.locator("h2#subject-investment").is_visible()
    finally:
        quiet.close()


def test_an_english_document_page_on_a_phone(page, server):
    page.goto(server.base + "en/legal/resolution/2025/202-qh15/", wait_until="networkidle")
    notice = page.locator(".portal-legal-notice")
    assert "no legal force" in notice.inner_text() and notice.locator("a").get_attribute("href").startswith("https://")
    facts = page.locator(".portal-legal-facts").inner_text()
    assert "202/2025/QH15" in facts and "National Assembly" in facts and "12 June 2025" in facts
    shot(page, "legal-document-en-phone")


OVERLAPS = """() => {
  const maps = [...document.querySelectorAll('.portal-map__image')];
  const boxes = maps.map(svg => [...svg.querySelectorAll('circle[r="8"], text')].map(node => {
    const r = node.getBoundingClientRect();
    return {tag: node.tagName, text: node.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  }));
  const frames = maps.map(svg => svg.getBoundingClientRect());
  return {boxes, frames: frames.map(r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom}))};
}"""


def _overlap(a, b, slack=1.0):
    """Boxes sharing more than `slack` pixels both ways."""
    return min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack


def _circles_overlap(a, b) -> bool:
    """Two marker discs (from their boxes) cutting into each other."""
    ax, ay, bx, by = (a["left"] + a["right"]) / 2, (a["top"] + a["bottom"]) / 2, (b["left"] + b["right"]) / 2, (b["top"] + b["bottom"]) / 2
    return ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 < (a["right"] - a["left"] + b["right"] - b["left"]) / 2 - 0.5


@pytest.mark.parametrize("prefix", ["", "en/", "km/"])
def test_the_maps_read_on_a_phone(page, server, prefix):
    """On a phone: every label and numbered marker inside its map, no two markers on top of each
    other, no marker hiding a town's name (the labels are text the browser shapes)."""
    page.goto(server.base + prefix, wait_until="networkidle")
    page.locator(".portal-maps").scroll_into_view_if_needed()
    page.evaluate("document.fonts.ready")
    drawn = page.evaluate(OVERLAPS)
    for boxes, frame in zip(drawn["boxes"], drawn["frames"], strict=True):
        for box in boxes:
            assert frame["left"] - 1 <= box["left"] and box["right"] <= frame["right"] + 1, box
            assert frame["top"] - 1 <= box["top"] and box["bottom"] <= frame["bottom"] + 1, box
        markers = [box for box in boxes if box["tag"] == "circle"]
        names = [box for box in boxes if box["tag"] == "text" and box["text"] in ("Buôn Ma Thuột", "Tuy Hòa")]
        for i, marker in enumerate(markers):
            assert not any(_circles_overlap(marker, other) for other in markers[i + 1 :]), marker
            assert not any(_overlap(marker, name, slack=3.0) for name in names), (marker, names)
    if prefix == "km/":
        shot(page, "maps-km-phone")
