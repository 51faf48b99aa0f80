"""`portal publish`: a new build is installed atomically; a bad or interrupted one never is."""

import os
import shutil
from pathlib import Path

import pytest

from conftest import portal
from daklak_portal.errors import PortalError
from daklak_portal.publish import publish

LANGUAGES = ("vi", "en", "km")
SITE_URL = "https://daklak-portal.example.org/"


def served(target):
    return (target / "current" / "index.html").read_text(encoding="utf-8")


def test_publish_installs_and_switches(built_basic_site, tmp_path):
    target = tmp_path / "srv"
    first = publish(built_basic_site, target, LANGUAGES, SITE_URL)
    assert os.readlink(target / "current") == f"releases/{first.name}"
    assert "Chào mừng" in served(target)
    assert (target / "current" / "index.html.gz").is_file()  # precompressed for gzip_static

    changed = tmp_path / "site2"
    shutil.copytree(built_basic_site, changed)
    (changed / "index.html").write_text((changed / "index.html").read_text(encoding="utf-8").replace("Chào mừng", "Xin chào"), encoding="utf-8")
    second = publish(changed, target, LANGUAGES, SITE_URL)
    assert second != first and "Xin chào" in served(target)
    assert first.is_dir()  # the previous release is kept for a rollback


def test_interrupted_copy_leaves_the_old_site_served(built_basic_site, tmp_path):
    target = tmp_path / "srv"
    publish(built_basic_site, target, LANGUAGES, SITE_URL)
    before = os.readlink(target / "current")

    def copy_then_fail(source, destination):
        shutil.copytree(source / "en", destination / "en")  # part of the site is written…
        raise OSError("disk full")  # …and the copy stops

    changed = tmp_path / "site2"
    shutil.copytree(built_basic_site, changed)
    (changed / "index.html").write_text((changed / "index.html").read_text(encoding="utf-8").replace("Chào mừng", "Xin chào"), encoding="utf-8")
    with pytest.raises(OSError):
        publish(changed, target, LANGUAGES, SITE_URL, copy=copy_then_fail)
    assert os.readlink(target / "current") == before and "Chào mừng" in served(target)
    assert not list((target / "releases").glob(".incoming-*"))  # no half-written release left


def test_a_broken_build_is_refused(built_basic_site, tmp_path):
    target = tmp_path / "srv"
    publish(built_basic_site, target, LANGUAGES, SITE_URL)
    broken = tmp_path / "broken"
    shutil.copytree(built_basic_site, broken)
    (broken / "km" / "index.html").unlink()
    (broken / "404.html").unlink()
    with pytest.raises(PortalError) as refused:
        publish(broken, target, LANGUAGES, SITE_URL)
    assert "404.html is missing" in str(refused.value) and "km/index.html is missing" in str(refused.value)
    assert "Chào mừng" in served(target)


def test_publish_command(built_basic_site, tmp_path):
    root = built_basic_site.parent
    result = portal(root, "publish", str(built_basic_site), "--to", str(tmp_path / "srv"), "--root", str(root))
    assert result.returncode == 0, result.output
    assert "now points to it" in result.output
    refused = portal(root, "publish", str(tmp_path / "srv"), "--to", str(tmp_path / "srv2"), "--root", str(root))
    assert refused.returncode == 1 and "is not published" in refused.output and "Traceback" not in refused.output


def test_current_is_never_missing_while_switching(built_basic_site, tmp_path, monkeypatch):
    # A reader requesting a page during the switch gets the old or the new site, never a 404:
    # before and after every file-system change publish makes, `current` serves a home page.
    target = tmp_path / "srv"
    publish(built_basic_site, target, LANGUAGES, SITE_URL)
    checks = []

    def serving() -> None:
        checks.append(served(target))  # raises when `current` is missing or dangling

    def watched(original):
        def call(*args, **kwargs):
            serving()
            result = original(*args, **kwargs)
            serving()
            return result
        return call

    for owner, name in ((os, "replace"), (os, "rename"), (os, "remove"), (os, "unlink"), (os, "symlink"), (shutil, "rmtree")):
        monkeypatch.setattr(owner, name, watched(getattr(owner, name)))
    for name in ("unlink", "symlink_to", "rename", "replace"):
        monkeypatch.setattr(Path, name, watched(getattr(Path, name)))
    changed = tmp_path / "site2"
    shutil.copytree(built_basic_site, changed)
    (changed / "index.html").write_text((changed / "index.html").read_text(encoding="utf-8").replace("Chào mừng", "Xin chào"), encoding="utf-8")
    publish(changed, target, LANGUAGES, SITE_URL)
    assert "Xin chào" in served(target) and len(checks) >= 4
    assert all("Chào mừng" in page or "Xin chào" in page for page in checks)
