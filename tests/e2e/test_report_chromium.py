"""The HTML report in a real browser: headless Chromium draws it and prints it to PDF.

Needs Debian's `chromium` (`.ci/run` installs it). Without it the test is skipped on a
developer machine and fails in CI (where the environment variable CI is set).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from recovery_journal.demo import build_demo
from recovery_journal.report import export

CHROMIUM = next(
    (
        path
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (path := shutil.which(name))
    ),
    None,
)


@pytest.fixture
def browser() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI must install it (see .ci/run)")
        pytest.skip("chromium is not installed (apt-get install chromium poppler-utils)")
    return CHROMIUM


@pytest.fixture
def report(memory_journal, tmp_path) -> Path:
    build_demo(memory_journal, days=90, seed=1)
    path = export(memory_journal, "html", output=tmp_path / "report.html")
    assert isinstance(path, Path)
    return path


def _run(browser: str, tmp_path: Path, *args: str) -> None:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)


def _png_pixels(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, unfiltered rows) of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = depth_kind = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, _depth, depth_kind = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = {2: 3, 6: 4, 0: 1, 4: 2}[depth_kind]
    return width, height, bpp, zlib.decompress(idat)


def test_the_report_draws_in_chromium(browser, report, tmp_path):
    png = tmp_path / "shot.png"
    _run(browser, tmp_path, f"--screenshot={png}", "--window-size=1200,1600", report.as_uri())
    assert png.exists(), "chromium made no screenshot"
    width, height, bpp, raw = _png_pixels(png.read_bytes())
    assert (width, height) == (1200, 1600)
    # Rows are filtered, so look at the row filter byte and the pixels of filter-0 rows,
    # plus the variety of all the bytes: a blank page is one colour (almost all zero deltas).
    stride = width * bpp + 1
    colours = set()
    for row in range(0, height, 7):
        line = raw[row * stride : (row + 1) * stride]
        if line[0] == 0:
            colours.update(line[1 + i : 1 + i + 3] for i in range(0, width * bpp, bpp * 5))
    distinct_bytes = len(set(raw))
    assert distinct_bytes > 20 or len(colours) > 1, "the screenshot is one colour"


def test_the_report_prints_to_several_pages(browser, report, tmp_path):
    pdf = tmp_path / "report.pdf"
    _run(browser, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report.as_uri())
    assert pdf.exists(), "chromium made no PDF"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    else:
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages >= 2


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]


def _page_text(pdf: Path, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def poppler() -> None:
    if not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
        if os.environ.get("CI"):
            pytest.fail("poppler-utils is not installed; CI must install it (see .ci/run)")
        pytest.skip("poppler-utils is not installed (apt-get install poppler-utils)")


def test_a_five_year_report_prints_to_30_pages_led_by_one_page(
    browser, poppler, memory_journal, tmp_path
):
    build_demo(memory_journal, days=1826, seed=11)
    path = export(memory_journal, "html", output=tmp_path / "five-years.html")
    assert isinstance(path, Path)
    pdf = tmp_path / "five-years.pdf"
    _run(browser, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", path.as_uri())
    assert pdf.exists(), "chromium made no PDF"
    assert _pages(pdf) <= 30
    first = " ".join(_page_text(pdf, 1).split())
    assert "[!] Safety" in first
    assert "Since the last session" in first and "Last session: #" in first
    assert "Summary" in first and "Association, not cause." in first
    assert "After each session" not in first  # the summary ends the first page
    assert "After each session" in " ".join(_page_text(pdf, 2).split())
