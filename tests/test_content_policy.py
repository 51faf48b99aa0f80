"""The content policy: hostile pages are rejected with file and line; the real content passes."""

from pathlib import Path

import pytest

from conftest import BASIC_PAGES, PROJECT, build, make_site, portal

HOSTILE = Path(__file__).parent / "hostile"
# fixture -> (line in the file, start of the message) that must be reported
EXPECTED = {
    "script.md": [(6, "the HTML tag <script> is not allowed")],
    "mixed-case-script.md": [(6, "the HTML tag <script> is not allowed")],
    "iframe.md": [(4, "the HTML tag <iframe> is not allowed")],
    "object-embed.md": [(4, "the HTML tag <object> is not allowed"), (5, "the HTML tag <embed> is not allowed")],
    "form.md": [(4, "the HTML tag <form> is not allowed"), (4, "the HTML tag <input> is not allowed")],
    "style.md": [(4, "the HTML tag <style> is not allowed")],
    "event-handler-split.md": [(4, "the attribute onmouseover= runs a script")],
    "javascript-link-entities.md": [(4, "a javascript: link is not allowed"), (6, "a javascript: link is not allowed"), (8, "a javascript: link is not allowed")],
    "data-url.md": [(4, "a data: link is not allowed")],
    "tracking-pixel.md": [(4, "the image https://tracker.example/pixel.gif?u=1 is loaded from another host")],
    "protocol-relative-image.md": [(4, "the image //cdn.example/photo.jpg is loaded from another host")],
    "title-injection.md": [(2, "the title contains HTML or an HTML entity")],
    "img-tag.md": [(4, "the HTML tag <img> is not allowed")],
    # An image by reference takes its URL from a definition further down: the definition's line is reported.
    "reference-image.md": [(6, "the image https://tracker.example/p.gif is loaded from another host"), (7, "the image //cdn.example/logo.png is loaded from another host")],
}


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in HOSTILE.glob("*.md")) == sorted(EXPECTED)


@pytest.fixture(scope="module")
def lint_output(tmp_path_factory):
    pages = {**BASIC_PAGES, **{f"vi/hostile/{name}": (HOSTILE / name).read_text(encoding="utf-8") for name in EXPECTED}}
    root = make_site(tmp_path_factory.mktemp("hostile") / "src", pages)
    result = portal(root, "lint")
    assert result.returncode == 1
    return result.output


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_page_is_rejected_with_file_and_line(lint_output, name):
    for line, message in EXPECTED[name]:
        assert f"docs/vi/hostile/{name}:{line}: {message}" in lint_output, lint_output


def test_a_hostile_page_stops_the_build(tmp_path):
    root = make_site(tmp_path / "src", {**BASIC_PAGES, "vi/province/index.md": (HOSTILE / "event-handler-split.md").read_text(encoding="utf-8")})
    result = build(root)
    assert result.returncode == 1 and not (root / "site").exists()
    assert "docs/vi/province/index.md:4: the attribute onmouseover= runs a script" in result.output


def test_allowed_markup_and_code_examples_pass(tmp_path):
    page = (
        "---\ntitle: Hướng dẫn\n---\n"
        'Tên <span lang="km">ខេត្តដាក់ឡាក់</span>, <abbr title="Ủy ban nhân dân">UBND</abbr>.<br>\n\n'
        "Ví dụ mã: `<script>alert(1)</script>`\n\n```html\n<iframe src=\"x\"></iframe>\n```\n\n"
        "[Trang](../index.md) [Cổng](https://daklak.gov.vn/) ![Bản đồ](../assets/images/map.png)\n"
    )
    root = make_site(tmp_path / "src", {**BASIC_PAGES, "vi/province/index.md": page})
    result = portal(root, "lint")
    assert result.returncode == 0, result.output


def test_real_content_passes_the_policy():
    result = portal(PROJECT, "lint")
    assert result.returncode == 0, result.output


def test_line_of_a_front_matter_key_ignores_the_body():
    from daklak_portal.page_text import line_of_key

    text = "---\ntitle: A\ndescription: <b>x</b>\n---\ntranslation: a line of the body\n"
    assert line_of_key(text, "description") == 3
    assert line_of_key(text, "translation") == 1  # not in the front matter: the file's first line
