"""The editor's journey as the contributor guides tell it: every `.venv/bin/portal` command of
CONTRIBUTING.vi.md runs, in the guide's order, in a scratch copy of a small site (new page, new
post, translation, stamp, diff), and the site then builds. A guide whose command stops working,
or whose two languages tell different commands, fails here."""

from __future__ import annotations

import re

from conftest import (
    BASIC_NAV,
    BASIC_PAGES,
    BIN,
    PROJECT,
    build,
    commit_all,
    git,
    make_site,
    run,
)

COMMAND = re.compile(r"`\.venv/bin/(portal [^`]+)`")


def guide_commands(name: str) -> list[str]:
    return COMMAND.findall((PROJECT / name).read_text(encoding="utf-8"))


def test_both_guides_give_the_same_commands():
    assert guide_commands("CONTRIBUTING.vi.md") == guide_commands("CONTRIBUTING.md")


def test_the_guide_commands_work_in_order(tmp_path):
    commands = guide_commands("CONTRIBUTING.vi.md")
    assert any(c.startswith("portal new ") for c in commands) and any(c.startswith("portal translate ") for c in commands)
    assert any(c.startswith("portal coverage stamp ") for c in commands)
    nav = [*BASIC_NAV, {"Du lịch": ["tourism/lak-lake.md"]}]
    root = make_site(tmp_path / "src", {**BASIC_PAGES, "vi/news/index.md": "---\ntitle: Tin tức\n---\n"}, nav=[*nav, {"Tin tức": ["news/index.md"]}])
    git(root, "init", "-q")
    commit_all(root, "site", "2026-01-05T09:00:00+00:00")
    for number, command in enumerate(commands, start=1):
        words = [word.strip('"') for word in re.findall(r'"[^"]*"|\S+', command.replace("…", "Lễ hội Cà phê"))]
        result = run([str(BIN / words[0]), *words[1:], "--root", str(root)], cwd=root, env={"PORTAL_LANG": "vi"})
        assert result.returncode == 0, f"{command}\n{result.output}"
        assert "Traceback" not in result.output
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", f"step {number}: {command}", date=f"2026-01-{5 + number:02d}T09:00:00+00:00")
    assert (root / "docs/vi/tourism/lak-lake.md").is_file() and (root / "docs/en/tourism/lak-lake.md").is_file()
    result = build(root)
    assert result.returncode == 0, result.output
    assert (root / "site/en/tourism/lak-lake/index.html").is_file()
