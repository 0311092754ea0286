"""Every page of every role on a phone (375×812) and a desktop (1280×900), in Chromium (issue 14).

For the bureau (its admin pages too), the viewer and a unit's reporter: every page reachable
from the menu, and a project page and a period form for each, opened once per size. On each:

- no sideways page scroll, and no table wider than its box (nothing hidden off to the side);
- every primary action (``.primary``, ``[data-primary]``) and every row's key figure
  (``[data-key]``; each row of a ``table.cards`` has one) inside the screen's width;
- on a phone every table of more than three columns is a ``table.cards`` (a card a row);
- every chart no wider than its box, and all its text (legend, axes) inside the chart;
- no editable box in a form without a button to send it;
- no code words in what people read (``CODE_WORDS``); text in ``<code>`` is typed verbatim
  (login names, commands, hashes) and is not read as prose.

With ``TRACKER_SCREENSHOTS=docs/screenshots`` every page is photographed whole at both sizes
into ``docs/screenshots/pages/`` (``make screenshots``), in 256 colours to keep the files small;
the README's phone dashboard and unit home are the first two screens of theirs.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from tracker.application.app import TrackerApp
from tracker.cli.demo import DemoUser

pytestmark = pytest.mark.demo  # on a copy of the demo year (tests/e2e/conftest.py)
SIZES = [("phone", 375, 812), ("desktop", 1280, 900)]
UNIT, PROJECT = "区住建局", "CJ2026-010"  # on 24 Nov: 3 of its projects still to report
CODE_WORDS = re.compile(r"[A-Za-z]{2,}_[A-Za-z]|\b(unit\d+|cli:|as of|H[12]\b)", re.ASCII)
ALLOWED = ("PDF", "Excel", "API", "SHA-256", "OC4IDS", "Word", "JPEG", "PNG", "CSV", "XLSX")
#: pages beyond the menu, by role
EXTRA = {
    "bureau": [
        f"/projects/{PROJECT}",
        "/bureau/status/2026-11-H1",
        f"/admin/projects/{PROJECT}",
        "/admin/projects/new",
        "/admin/projects/upload",
        f"/bureau/supervisions/new?code={PROJECT}",
        "/bureau/reports/2026-11-H1/issue",
        "/bureau/compare/2026-11-H1?from=2026-11-10T00:00",
    ],
    "viewer": [f"/projects/{PROJECT}", "/bureau/status/2026-11-H1", "/bureau/settings"],
    "unit": [
        f"/projects/{PROJECT}",
        "/unit/periods/2026-11-H2",
        "/unit/periods/2026-12-H2",
        "/unit/periods/2026-11-H1",
    ],
}

PROBE = """() => {
  const W = window.innerWidth, out = [];
  const shown = e => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
  const what = e => (e.innerText || e.textContent || e.getAttribute('aria-label') || e.tagName)
    .trim().replace(/\\s+/g, ' ').slice(0, 24);
  const named = e => `#${e.id || e.className}`;
  const px = r => `x=${Math.round(r.left)}–${Math.round(r.right)}`;
  const outside = r => r.left < -1 || r.right > W + 1;
  const MARKED = 'main .primary, main [data-primary], main [data-key]';
  const page = document.scrollingElement.scrollWidth;
  if (page > W) out.push(`页面横向滚动：宽 ${page} > ${W}`);
  for (const t of document.querySelectorAll('main table')) {
    const r = t.getBoundingClientRect(), box = t.parentElement.clientWidth;
    if (r.width > box + 1) out.push(`表格宽于其框：${named(t)} ${Math.round(r.width)} > ${box}`);
    const columns = t.querySelectorAll('thead th').length, cards = t.classList.contains('cards');
    if (W < 600 && columns > 3 && !cards)
      out.push(`手机上 ${columns} 列的表格不是卡片：${named(t)}`);
    for (const row of cards ? t.querySelectorAll('tbody tr, tfoot tr') : [])
      if (row.cells.length > 1 && !row.querySelector('[data-key]'))
        out.push(`卡片行没有关键数字：${named(t)}“${what(row)}”`);
  }
  for (const box of document.querySelectorAll('main .scroll, main .cards tbody tr'))
    if (box.scrollWidth > box.clientWidth + 1)
      out.push(`框内内容被截：${named(box)}“${what(box)}” ${box.scrollWidth}>${box.clientWidth}`);
  for (const e of document.querySelectorAll(MARKED)) {
    const r = e.getBoundingClientRect(), kind = e.matches('[data-key]') ? '关键数字' : '主要操作';
    if (shown(e) && outside(r)) out.push(`${kind}在屏幕外：“${what(e)}” ${px(r)}`);
  }
  for (const svg of document.querySelectorAll('main svg')) {
    const r = svg.getBoundingClientRect(), box = svg.parentElement.clientWidth;
    if (r.width > box + 1) out.push(`图表宽于其框：#${svg.id} ${Math.round(r.width)} > ${box}`);
    if (shown(svg) && outside(r)) out.push(`图表在屏幕外：#${svg.id} ${px(r)}`);
    const cut = [...svg.querySelectorAll('text')].find(text => {
      const t = text.getBoundingClientRect();
      return shown(text) && text.textContent.trim() && (t.left < r.left - 1
        || t.right > r.right + 1 || t.top < r.top - 1 || t.bottom > r.bottom + 1); });
    if (cut) out.push(`图表文字被截：#${svg.id}“${cut.textContent.trim().slice(0, 16)}”`);
  }
  for (const form of document.querySelectorAll('main form')) {
    const boxes = [...form.querySelectorAll('input:not([type=hidden]), textarea, select')]
      .filter(e => shown(e) && !e.disabled && !e.readOnly);
    if (boxes.length && !form.querySelector('button:not([type=button]), input[type=submit]'))
      out.push(`可编辑的框没有保存按钮：${boxes.map(e => e.name).join('、').slice(0, 40)}`);
  }
  return [...new Set(out)];
}"""
HIDE_VERBATIM = "code, kbd, samp { display: none !important; }"
#: the README's phone pictures: (role, page) → file under TRACKER_SCREENSHOTS
README = {("bureau", "/bureau"): "phone-dashboard.png", ("unit", "/unit"): "phone-unit-home.png"}


@pytest.fixture
def campaign(app: TrackerApp, users: dict[str, DemoUser]) -> TrackerApp:
    """The demo campaign, and a 督办 awaiting the unit's answer for its home page to list."""
    app.supervisions.issue(
        "CJ2026-039",
        "请说明未按期开工的原因并报送开工计划",
        date(2026, 12, 4),
        "bureau",
        "late_start",
    )
    return app


def signed_in(browser, server: str, user: DemoUser):
    """A browser context signed in as ``user``: its pages share the session."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{server}/login")
    page.fill("input[name=name]", user.name)
    page.fill("input[name=password]", user.password)
    page.click("button.primary")
    page.wait_for_load_state()
    return context, page


def code_words(page) -> list[str]:
    page.add_style_tag(content=HIDE_VERBATIM)
    text = f"{page.title()}\n{page.evaluate('document.body.innerText')}"
    for word in ALLOWED:
        text = text.replace(word, "")
    return sorted({m.group(0) for m in CODE_WORDS.finditer(text)})


def photograph(page, path: Path, height: int | None = None) -> None:
    """The whole page (or its top ``height`` pixels) in 256 colours: a third of the bytes."""
    clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height}
    shot = page.screenshot(full_page=True, clip=clip if height else None)
    picture = Image.open(io.BytesIO(shot)).convert("RGB")
    picture = picture.quantize(256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    picture.save(path, optimize=True)


def check_page(page, server: str, href: str) -> list[str]:
    """Open ``href`` once and say what is wrong with it (nothing: an empty list)."""
    response = page.goto(f"{server}{href}")
    if response.status >= 400:
        return [f"HTTP {response.status}"]
    return page.evaluate(PROBE)


def photographs(page, shots: Path, role: str, href: str, tag: str) -> None:
    """pages/<role>-<path>-<phone|desktop>.png, and the README's phone pictures."""
    path = href.split("?")[0].strip("/").replace("/", "-") or "home"
    photograph(page, shots / "pages" / f"{role}-{path}-{tag}.png")
    if (role, href) in README and tag == "phone":
        photograph(page, shots / README[role, href], 2 * page.viewport_size["height"])


def tour(browser, server: str, user: DemoUser, shots: Path | None) -> dict[str, list[str]]:
    """Every menu page and the role's extra pages at both sizes: {'size href': problems}."""
    context, page = signed_in(browser, server, user)
    menu = page.locator("header nav a").evaluate_all("a => a.map(e => e.getAttribute('href'))")
    found = {}
    for tag, width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for href in dict.fromkeys(menu + EXTRA[user.role]):
            problems = check_page(page, server, href)
            if shots:
                photographs(page, shots, user.role, href, tag)
            words = code_words(page)  # last: it hides the verbatim text
            found[f"{tag} {href}"] = problems + ([f"代码词：{'、'.join(words)}"] if words else [])
    context.close()
    return found


def test_every_page_of_every_role_fits_a_phone_and_a_desktop_in_plain_chinese(
    server: str, browser, users: dict[str, DemoUser]
) -> None:
    folder = os.environ.get("TRACKER_SCREENSHOTS")
    shots = Path(folder) if folder else None
    if shots:
        (shots / "pages").mkdir(parents=True, exist_ok=True)
    unit = next(user for user in users.values() if user.unit == UNIT)
    problems = []
    for user in (users["bureau"], users["viewer"], unit):
        for where, found in tour(browser, server, user, shots).items():
            problems += [f"{user.role} {where}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


def test_the_menus_name_every_page_and_the_forms_say_what_they_can_do(
    server: str, browser, users: dict[str, DemoUser]
) -> None:
    context, page = signed_in(browser, server, users["bureau"])
    menu = page.locator("header nav").inner_text()
    assert "督办事项" in menu and "战役设置" in menu, menu
    context.close()

    context, page = signed_in(browser, server, users["viewer"])
    page.goto(f"{server}/bureau/reports")
    assert page.title().startswith("月报表"), page.title()
    assert "下载与签发" not in page.locator("main").inner_text()
    page.goto(f"{server}/bureau/settings")
    assert page.locator("main input:not([type=hidden]):not([readonly])").count() == 0
    context.close()

    unit = next(user for user in users.values() if user.unit == UNIT)
    context, page = signed_in(browser, server, unit)
    page.goto(f"{server}/unit/periods/2026-12-H2")
    main = page.locator("main").inner_text()
    assert "尚未开始" in main, main[:200]
    assert page.locator("main textarea, main input[type=file]").count() == 0
    context.close()
