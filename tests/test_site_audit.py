"""`portal audit` finds each kind of hreflang/sitemap problem in a deliberately broken site."""

from conftest import make_site, portal

SITE = "https://daklak-portal.example.org/"


def head(lang, canonical, alternates=(), noindex=False):
    links = "".join(f'<link rel="alternate" href="{SITE}{href}" hreflang="{code}">' for code, href in alternates)
    robots = '<meta name="robots" content="noindex">' if noindex else ""
    return f'<!doctype html><html lang="{lang}"><head><link rel="canonical" href="{SITE}{canonical}">{robots}{links}</head><body></body></html>'


def sitemap(entries):
    body = ""
    for loc, alternates in entries:
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href="{SITE}{href}"/>' for code, href in alternates)
        body += f"<url><loc>{SITE}{loc}</loc>{links}</url>"
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">{body}</urlset>'


GOOD = (("vi", ""), ("en", "en/"), ("x-default", ""))


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def audit(tmp_path, files):
    root = make_site(tmp_path / "src", {"vi/index.md": "---\ntitle: T\n---\n"}, nav=["index.md"])
    write(root / "built", files)
    return portal(root, "audit", "built")


def test_consistent_site_passes(tmp_path):
    result = audit(tmp_path, {
        "index.html": head("vi", "", GOOD),
        "en/index.html": head("en", "en/", GOOD),
        "km/index.html": head("km", "", noindex=True),
        "sitemap.xml": sitemap([("", GOOD), ("en/", GOOD)]),
    })
    assert result.returncode == 0, result.output


def test_each_problem_is_found(tmp_path):
    result = audit(tmp_path, {
        # vi lists km, which is an untranslated fallback; no x-default
        "index.html": head("vi", "", (("vi", ""), ("en", "en/"), ("km", "km/"))),
        # en does not list itself and does not link back to vi
        "en/index.html": head("en", "en/", (("x-default", ""),)),
        # the fallback declares alternates and is in the sitemap
        "km/index.html": head("km", "", (("vi", ""),), noindex=True),
        # a page whose canonical points elsewhere although it is indexable
        "en/about/index.html": head("en", "en/", (("en", "en/about/"), ("x-default", "en/about/"))),
        "sitemap.xml": sitemap([("", (("vi", ""),)), ("km/", ()), ("gone/", ())]),
    })
    assert result.returncode == 1
    out = result.output
    for expected in [
        "index.html: hreflang alternates have no x-default",
        "index.html: hreflang 'km' points at " + SITE + "km/, an untranslated (noindex) page",
        "index.html: hreflang 'en' points at " + SITE + "en/, which does not link back",
        "index.html: sitemap.xml lists other alternates than the page's head",
        "en/index.html: hreflang alternates do not list the page itself as 'en'",
        "en/index.html: an indexable page is missing from sitemap.xml",
        "km/index.html: a page kept out of search engines (noindex) declares hreflang alternates",
        "km/index.html: a page kept out of search engines (noindex) is listed in sitemap.xml",
        "en/about/index.html: canonical URL is " + SITE + "en/, not the page's own URL " + SITE + "en/about/",
        "sitemap.xml: lists " + SITE + "gone/, which is not a built page",
    ]:
        assert expected in out, expected


def test_audit_passes_on_the_real_site(built_real_site):
    from conftest import PROJECT

    result = portal(PROJECT, "audit", str(built_real_site))
    assert result.returncode == 0, result.output
