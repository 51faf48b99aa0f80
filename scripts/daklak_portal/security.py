"""The Content-Security-Policy of the portal: only what the site itself uses.

Material's pages carry two small inline scripts; they are allowed by their SHA-256 hashes, so
no other inline script (an injected one) can run. The same policy goes into every page as a
<meta> tag and into the web server's headers (deploy/nginx/security-headers.conf), where
`frame-ancestors`, which a <meta> cannot carry, is added.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json")  # data, never executed


def inline_script_hashes(html: str) -> list[str]:
    hashes = set()
    for attributes, body in _INLINE_SCRIPT.findall(html):
        if any(kind in attributes for kind in _DATA_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(script_hashes: list[str], header: bool = False) -> str:
    directives = [
        "default-src 'self'",
        # 'wasm-unsafe-eval': the search engine (Pagefind) compiles its WebAssembly module
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *script_hashes]),
        "style-src 'self'",
        "img-src 'self' data:",  # Material's icons are data: SVGs in its CSS
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
    if header:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def add_policy_meta(html: str) -> str:
    """Puts the page's policy right after <meta charset>, before any script (once)."""
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(inline_script_hashes(html))}">'
    return html.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n  {meta}', 1)
