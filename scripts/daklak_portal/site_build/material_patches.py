"""What the build changes in Material for MkDocs' JavaScript bundle, where the theme has no
setting for it. Each change is one exact piece of the minified code: when a Material upgrade
changes it, the build stops and says so (requirements.lock pins Material; update both together).

- Material fetches `sitemap.xml` next to each hreflang URL of every page (to keep a reader on
  the same page when switching language). The portal's switcher links each page directly, so
  these are useless requests: 404s on the portal's host, and errors on any other host (a
  preview, a staging copy), where the pages' Content-Security-Policy blocks them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import PortalError

# Material 9.8.2: `ui({document$:ct});` starts the hreflang-sitemap fetches (integrations/alternate).
ALTERNATE_SITEMAPS = re.compile(r"ui\(\{document\$:\w+\}\);")


def patch_bundle(site: Path) -> None:
    """Removes the hreflang-sitemap fetches from site/assets/javascripts/bundle.*.min.js."""
    for bundle in sorted((site / "assets" / "javascripts").glob("bundle.*.min.js")):
        code = bundle.read_text(encoding="utf-8")
        if code.find("/*portal: alternate sitemaps off*/") >= 0:
            continue  # patched already (a preview's rebuild keeps the file)
        found = ALTERNATE_SITEMAPS.findall(code)
        if len(found) != 1:
            raise PortalError("build.material-changed", where=bundle.name, found=len(found))
        bundle.write_text(ALTERNATE_SITEMAPS.sub("/*portal: alternate sitemaps off*/", code), encoding="utf-8")
