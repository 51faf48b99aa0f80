"""Engine continuity: ProperDocs, a fork of MkDocs 1.x, builds the same site as MkDocs.

MkDocs 2.0 drops plugins and mkdocs.yml, and the project's plugin is a MkDocs 1.x plugin. If
MkDocs 1.x stops installing, the site has to be built with ProperDocs instead. ProperDocs reads
mkdocs.yml, runs the `mkdocs.plugins` entry points, and serves `import mkdocs.*` from its own
modules. This test shows that switching the engine changes nothing in the published site.
"""

from pathlib import Path

from conftest import BIN, PROJECT, offline_env, run


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path relative to the site folder."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def differences(sites: dict[str, Path]) -> list[str]:
    """The paths that differ between two built sites (by name): missing from one, or with other bytes."""
    (first, a), (second, b) = ((name, site_files(site)) for name, site in sites.items())
    return (
        [f"only in the {first} build: {path}" for path in sorted(a.keys() - b.keys())]
        + [f"only in the {second} build: {path}" for path in sorted(b.keys() - a.keys())]
        + [f"different bytes: {path}" for path in sorted(a.keys() & b.keys()) if a[path] != b[path]]
    )


def test_properdocs_builds_the_same_site_as_mkdocs(built_real_site, tmp_path):
    """What a maintainer checks before moving `make build` to ProperDocs: run
    `properdocs build --strict` on the real content, offline, and compare the site with the one
    `mkdocs build --strict` made (`diff -r`): the same files, byte for byte."""
    # built_real_site is the `mkdocs build --strict` of the real content, offline (conftest.py).
    properdocs_site = tmp_path / "properdocs-site"
    # `-f mkdocs.yml`: ProperDocs looks for properdocs.yml first and calls the mkdocs.yml fallback legacy.
    command = [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(properdocs_site)]
    result = run(command, cwd=PROJECT, env=offline_env())
    assert result.returncode == 0, f"`properdocs build --strict` failed:\n{result.output}"
    assert (properdocs_site / "index.html").is_file() and (properdocs_site / "en/index.html").is_file() and (properdocs_site / "km/index.html").is_file()
    different = differences({"MkDocs": built_real_site, "ProperDocs": properdocs_site})
    assert not different, f"{len(different)} path(s) differ between the MkDocs and the ProperDocs builds:\n" + "\n".join(different)


def test_the_comparison_reports_every_kind_of_difference(tmp_path):
    """The comparison above would catch a change: a file one engine adds or leaves out, and a
    file both write with other bytes, each named in the message."""
    first, second = tmp_path / "mkdocs-site", tmp_path / "properdocs-site"
    for site in (first, second):
        (site / "en").mkdir(parents=True)
        (site / "index.html").write_bytes(b"<html lang=\"vi\"></html>\n")
        (site / "en/index.html").write_bytes(b"<html lang=\"en\"></html>\n")
    sites = {"MkDocs": first, "ProperDocs": second}
    assert differences(sites) == []
    (second / "en/index.html").write_bytes(b"<html lang=\"en\"> </html>\n")
    (second / "sitemap.xml").write_bytes(b"")
    (first / "index.html").unlink()
    assert differences(sites) == [
        "only in the ProperDocs build: index.html",
        "only in the ProperDocs build: sitemap.xml",
        "different bytes: en/index.html",
    ]
