"""The build's one change to Material's bundle is exact, idempotent, and stops the build with a
message when a Material upgrade changes the code it expects."""

import pytest

from daklak_portal.errors import PortalError
from daklak_portal.site_build.material_patches import patch_bundle


def bundle(tmp_path, code):
    folder = tmp_path / "assets" / "javascripts"
    folder.mkdir(parents=True)
    path = folder / "bundle.abc123.min.js"
    path.write_text(code, encoding="utf-8")
    return path


def test_the_sitemap_fetches_are_removed_once(tmp_path):
    path = bundle(tmp_path, "var a=1;ui({document$:ct});var b=2;")
    patch_bundle(tmp_path)
    patch_bundle(tmp_path)  # a preview's rebuild: nothing more to do
    assert path.read_text(encoding="utf-8") == "var a=1;/*portal: alternate sitemaps off*/var b=2;"


def test_a_changed_material_stops_the_build_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_LANG", "en")
    bundle(tmp_path, "var a=1;alternates({document$:ct});")
    with pytest.raises(PortalError) as stopped:
        patch_bundle(tmp_path)
    assert str(stopped.value).startswith("bundle.abc123.min.js: Material's JavaScript has changed: 0 places")
