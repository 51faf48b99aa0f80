"""The project's real content: a strict, offline build in every language."""

import re

from conftest import PROJECT
from daklak_portal.site_audit import external_resources

HTML_LANG = re.compile(r"<html lang=\"([^\"]+)\"")


def test_real_site_builds_every_language(built_real_site):
    for language, home in (("vi", "index.html"), ("en", "en/index.html"), ("km", "km/index.html")):
        assert HTML_LANG.search((built_real_site / home).read_text(encoding="utf-8")).group(1) == language
        assert (built_real_site / ("" if language == "vi" else f"{language}/") / "404.html").is_file()


def test_every_built_page_has_the_language_of_its_folder(built_real_site):
    for path in built_real_site.rglob("*.html"):
        top = path.relative_to(built_real_site).parts[0]
        expected = top if top in ("en", "km") else "vi"
        assert HTML_LANG.search(path.read_text(encoding="utf-8")).group(1) == expected, path


def test_real_site_loads_nothing_from_other_hosts(built_real_site):
    problems = external_resources(built_real_site)
    assert not problems, "\n".join(map(str, problems))


def test_readme_commands_and_ci():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme
    assert "make test" in (PROJECT / ".ci/run").read_text(encoding="utf-8")
