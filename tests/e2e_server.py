"""Serving a built site with the repository's nginx configuration on loopback, for browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import PROJECT

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
CHROMIUM = os.environ.get("PORTAL_CHROMIUM") or shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(workdir: Path, web_root: Path, port: int) -> Path:
    """The repository's server block, listening on loopback and serving `web_root`."""
    conf = workdir / "conf"
    shutil.copytree(PROJECT / "deploy/nginx/snippets", conf / "snippets")
    server = (PROJECT / "deploy/nginx/portal.conf").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/daklak-portal/current;", f"root {web_root};")
    assert str(web_root) in server and f"127.0.0.1:{port}" in server, "portal.conf no longer has the expected listen/root lines"
    (conf / "portal.conf").write_text(server, encoding="utf-8")
    temp = workdir / "temp"
    temp.mkdir()
    (conf / "nginx.conf").write_text(
        f"""user root;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include portal.conf;
}}
""",
        encoding="utf-8",
    )
    return conf / "nginx.conf"


class NginxServer:
    def __init__(self, config: Path, port: int):
        self.config, self.port = config, port
        self.base = f"http://127.0.0.1:{port}/"
        self.process: subprocess.Popen | None = None

    def check(self) -> subprocess.CompletedProcess:
        return subprocess.run([NGINX, "-t", "-c", str(self.config), "-p", str(self.config.parent)], capture_output=True, text=True)

    def __enter__(self) -> "NginxServer":
        self.process = subprocess.Popen([NGINX, "-c", str(self.config), "-p", str(self.config.parent), "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for _ in range(100):  # bounded wait for the port
            try:
                urllib.request.urlopen(self.base, timeout=1)
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"nginx stopped: {self.process.stdout.read().decode()}") from None
                time.sleep(0.05)
        raise RuntimeError("nginx did not answer on " + self.base)

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
