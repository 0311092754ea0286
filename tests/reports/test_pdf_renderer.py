"""The renderer reads our own static files and nothing else, and says when a glyph is missing."""

from __future__ import annotations

import pytest

from reports.pdf import BASE_URL, RefusedURL, StaticOnlyFetcher, html_to_pdf
from tests.reports.conftest import pdf_text, weasyprint_log

PAGE = (
    '<html lang="zh-CN"><head><link rel="stylesheet" href="base.css"></head><body>{}</body></html>'
)


def test_our_stylesheets_are_served() -> None:
    response = StaticOnlyFetcher().fetch(BASE_URL + "monthly.css")
    assert b'@import "base.css"' in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/font.woff2",
        "file:///etc/passwd",
        BASE_URL + "../templates/base.html",
        BASE_URL + "%2e%2e/pdf.py",
        BASE_URL + "missing.css",
        "data:text/plain,hello",
        "ftp://example.com/x",
    ],
)
def test_every_other_url_is_refused(url: str) -> None:
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(url)


def test_a_page_that_asks_for_the_network_is_rendered_without_it() -> None:
    html = PAGE.format('<img src="http://example.com/x.png"><p>照常生成</p>')
    with weasyprint_log() as messages:
        pdf = html_to_pdf(html)

    assert "照常生成" in pdf_text(pdf)
    assert any("RefusedURL" in m and "example.com" in m for m in messages)


def test_a_character_no_installed_font_has_is_logged_as_a_notdef_glyph() -> None:
    # CJK Extension B is not in Noto Sans CJK SC: pdftotext would still show it,
    # so the log is the only witness (DESIGN §6).
    with weasyprint_log() as messages:
        html_to_pdf(PAGE.format("<p>喆堃犇鑫镕垚淼焱燚 𪚥</p>"))

    missing = [m for m in messages if ".notdef glyph" in m]
    assert len(missing) == 1 and "U+2A6A5" in missing[0]
