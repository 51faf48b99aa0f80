"""Fixtures: small sites built with the project's real configuration, templates and assets."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from daklak_portal.config import TolerantLoader, resolve_env

PROJECT = Path(__file__).resolve().parent.parent
# The tests read the tools' messages in English (tests/test_messages.py reads the Vietnamese ones).
os.environ["PORTAL_LANG"] = "en"
BIN = Path(sys.executable).parent

# A tiny trilingual site: a home page in each language, a section page in vi and en only.
BASIC_PAGES = {
    "vi/index.md": "---\ntitle: Trang chủ\n---\nChào mừng đến với tỉnh Đắk Lắk.\n",
    "en/index.md": "---\ntitle: Home\n---\nWelcome to Đắk Lắk province.\n",
    "km/index.md": "---\ntitle: ទំព័រដើម\n---\nសូមស្វាគមន៍មកកាន់ខេត្តដាក់ឡាក់។\n",
    "vi/province/index.md": "---\ntitle: Tổng quan\n---\n## Vị trí {#location}\n\nTây Nguyên.\n",
    "en/province/index.md": "---\ntitle: Overview\n---\n## Location {#location}\n\nCentral Highlands.\n",
    "vi/about/contacts.md": (
        "---\ntitle: Liên hệ\nas_of: 2026-01-01\nsources:\n  - title: Nguồn thử\n    url: https://example.org/\n    read: 2026-01-01\n"
        "organizations:\n  - id: provincial-peoples-committee-office\n    name: Văn phòng thử nghiệm\n"
        "    address: Số 1 đường Thử\n    phone: \"0262 000 000\"\n    email: test@example.org\n    source: https://example.org/\n---\nLiên hệ.\n"
    ),
    "en/about/contacts.md": "---\ntitle: Contacts\norganizations:\n  - id: provincial-peoples-committee-office\n    name: Test Office\n---\nContacts.\n",
}
BASIC_NAV = ["index.md", {"Tổng quan tỉnh": ["province/index.md"]}, {"Thông tin cổng": ["about/contacts.md"]}]


@dataclass
class Result:
    returncode: int
    output: str  # stdout + stderr
    stdout: str = ""


def run(args: list[str], cwd: Path, env: dict | None = None) -> Result:
    """Runs a command of the project's virtual environment; output is stdout + stderr."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True)
    return Result(done.returncode, done.stdout + done.stderr, done.stdout)


def offline_env() -> dict:
    """Points every proxy at a closed port: a build that tried the network would fail."""
    closed = "http://127.0.0.1:9"
    return {name: closed for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY")} | {"NO_PROXY": "", "no_proxy": ""}


def make_site(root: Path, pages: dict[str, str | bytes], nav: list | None = None) -> Path:
    """Writes a site using the project's mkdocs.yml (with its own nav), overrides and assets."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=TolerantLoader)
    config["site_url"] = resolve_env(config["site_url"])  # a plain string in the fixture's copy
    config["nav"] = nav if nav is not None else BASIC_NAV
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copytree(PROJECT / "overrides", root / "overrides")
    shutil.copytree(PROJECT / "docs" / "assets", root / "docs" / "assets")
    for name, content in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def build(root: Path, env: dict | None = None) -> Result:
    return run([str(BIN / "mkdocs"), "build", "--strict"], cwd=root, env={**offline_env(), **(env or {})})


def portal(root: Path, *args: str) -> Result:
    return run([str(BIN / "portal"), *args], cwd=root)


@pytest.fixture
def basic_site(tmp_path) -> Path:
    return make_site(tmp_path / "site-src", BASIC_PAGES)


@pytest.fixture(scope="session")
def built_basic_site(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("basic") / "src", BASIC_PAGES)
    result = build(root)
    assert result.returncode == 0, result.output
    return root / "site"


@pytest.fixture(scope="session")
def built_real_site(tmp_path_factory) -> Path:
    """The project's real content, built strictly and offline into a temporary folder."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(out)], cwd=PROJECT, env=offline_env())
    assert result.returncode == 0, result.output
    return out


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout


def commit_all(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)
