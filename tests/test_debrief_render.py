"""Reports as files: scenario and trainee markup comes out inert, and the HTML renders in a
real browser (headless Chromium) with its charts and without console errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.debrief import (
    class_report,
    class_to_json,
    debrief_session,
    render_class_html,
    render_class_markdown,
    render_html,
    render_markdown,
    render_text,
    to_json,
)
from game.debrief.scripted import play_randomly, play_script
from game.scenario.loader import LoadedScenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = (
    os.environ.get("CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
    or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
)
TRAINEE = "<script>alert('trainee')</script> O'Hara & Sons"
SAFE_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "footer",
    "div",
    "section",
    "article",
    "aside",
    "h1",
    "h2",
    "h3",
    "p",
    "span",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "svg",
    "g",
    "line",
    "rect",
    "circle",
    "path",
    "text",
    "a",
}


@pytest.fixture(scope="module")
def markup() -> LoadedScenario:
    loaded, problems = load_scenario(FIXTURES / "debrief_markup.yaml")
    assert loaded is not None, problems
    return loaded


@pytest.fixture(scope="module")
def marked_debrief(markup):
    keys = ["approach:red", "approach:blue", "relay:note:distorted", "propose_venue:hut:secret_meeting", "choice:sign"]
    return debrief_session(play_script(markup, keys, seed=1, trainee=TRAINEE))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.style_blocks: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style_blocks.append(data)


def _assert_inert_html(html: str) -> None:
    collector = _Collector()
    collector.feed(html)
    assert collector.tags <= SAFE_TAGS, collector.tags - SAFE_TAGS
    assert not [a for a in collector.attributes if a.startswith("on")]
    assert "alert(" not in "".join(collector.style_blocks)
    assert "<script" not in html and "<b>" not in html and "<img" not in html and "<svg onload" not in html
    assert "&lt;script&gt;" in html


def test_scenario_and_trainee_markup_is_inert_in_html(marked_debrief):
    html = render_html(marked_debrief)
    _assert_inert_html(html)
    assert "&lt;b&gt;Bold&lt;/b&gt; Republic" in html  # party names, in the text and in the chart legend
    assert "Blue &amp; &lt;Sons&gt;" in html
    assert "O&#39;Hara &amp; Sons" in html or "O&#x27;Hara &amp; Sons" in html


def test_markup_is_inert_in_the_class_html(marked_debrief):
    _assert_inert_html(render_class_html(class_report([marked_debrief, marked_debrief])))


def test_markup_is_inert_in_markdown(marked_debrief):
    for text in (render_markdown(marked_debrief), render_class_markdown(class_report([marked_debrief]))):
        assert "<script" not in text and "<b>" not in text and "<img" not in text
        assert "&lt;script&gt;" in text


def test_text_and_json_keep_the_words_as_written(marked_debrief):
    assert TRAINEE in render_text(marked_debrief)
    data = json.loads(json.dumps(to_json(marked_debrief)))
    assert data["trainee"] == TRAINEE
    assert data["scenario"]["title"] == "The <script>alert('title')</script> Crisis"
    json.dumps(class_to_json(class_report([marked_debrief])))


# -- a real browser ------------------------------------------------------------------------------
def _chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *extra,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _console_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("kind", ["single", "class"])
def test_the_html_report_renders_in_headless_chromium(tmp_path, kind):
    loaded, _ = load_scenario(FIXTURES / "strait.yaml")
    assert loaded is not None
    sessions = [play_randomly(loaded, seed=seed, trainee=f"T{seed}", style=seed) for seed in range(1, 7)]
    if kind == "single":
        html = render_html(debrief_session(sessions[0]))
    else:
        html = render_class_html(class_report([debrief_session(s, suggest=False) for s in sessions]))
    page = tmp_path / f"{kind}.html"
    page.write_text(html, encoding="utf-8")
    dumped = _chromium(tmp_path, page, "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = dumped.stdout
    assert dom.count("<svg") >= 2, "the charts did not render"
    assert "<circle" in dom and ("<path" in dom or "<rect" in dom)
    assert not _console_problems(dumped.stderr), _console_problems(dumped.stderr)
    shot = tmp_path / f"{kind}.png"
    taken = _chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars")
    assert taken.returncode == 0 and shot.stat().st_size > 20_000
    assert not _console_problems(taken.stderr)
