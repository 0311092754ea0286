"""HTML to PDF with WeasyPrint: our own static files only, no timestamps, CJK fonts.

The PDF depends on nothing but the HTML and the files in ``reports/static``:
WeasyPrint writes no creation date unless asked, the file identifier is
derived from the content, and fonts are subset deterministically. So the
same rows and the same as-of time give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC = (Path(__file__).parent / "static").resolve()
BASE_URL = STATIC.as_uri() + "/"
MEDIA_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


class RefusedURL(ValueError):
    """A report asked for something that is not one of our static files."""


class StaticOnlyFetcher(URLFetcher):
    """Serves files under ``reports/static`` and refuses every other URL.

    Nothing a user typed can make the renderer read a local file or the network.
    """

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = static_path(url)
        media_type = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
        return URLFetcherResponse(
            url, path.read_bytes(), headers={"Content-Type": media_type}, status=200
        )


def static_path(url: str) -> Path:
    """The static file ``url`` names, or RefusedURL."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"refused: {url[:80]}")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(STATIC) or not path.is_file():
        raise RefusedURL(f"refused: {url[:80]}")
    return path


def html_to_pdf(html: str, progress: Callable[[str], None] | None = None) -> bytes:
    """Render one report's HTML (which links its own CSS) to PDF bytes.

    Laid out first, then written (what ``HTML.write_pdf`` does in one call, the same bytes),
    so that ``progress`` hears "生成文件" between the two.
    """
    html_document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    document = html_document.render()
    if progress is not None:
        progress("生成文件")
    pdf: bytes = document.write_pdf()  # bytes when given no target
    return pdf
