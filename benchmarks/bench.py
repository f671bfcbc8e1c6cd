"""The speed benchmark of PRODUCT.md §11: `make bench`.

Builds a 5-year and a 10-year journal with `demo`, then measures side by side, in one run,
as medians over several runs:

- `log` quick-add against `jrnl` adding an entry (jrnl is installed into its own venv here);
- the TUI from launch to the first frame (header drawn) and to today's data on screen,
  against a bare Textual app with a Header, a Footer with four keys and one line of text —
  both in tmux, polling the screen the same way;
- `export --format html` of 10 years, `insights` of 10 years;
- `review` of a 5-year export, from launch to its first screen (the Overview);
- peak memory of the TUI and of the HTML export on 10 years;
- with `--with-suite` (as `make bench` runs it), the test suite's time: one `pytest -q` run.

It prints a table and writes it to benchmarks/results.md with the machine's details and its
load average (the machine is shared: compare ratios from one run, not times across runs).
No test asserts on time; this script is where the budgets are checked.

Each measure is one function `(journals) -> rows`, listed in `MEASURES`; a new one (say,
quick-add on an encrypted journal) is one function and one line there.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
VENV_BIN = Path(sys.executable).parent
RJ = VENV_BIN / "recovery-journal"
JRNL_VERSION = "4.2.1"
RUNS = int(os.environ.get("BENCH_RUNS", "11"))
TUI_RUNS = int(os.environ.get("BENCH_TUI_RUNS", "7"))
NOW = "2026-11-27T09:30:00+00:00"

Row = tuple[str, str, str, str]  # measure, recovery-journal, reference, ratio / budget

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App):
    TITLE = "Bare Textual"
    BINDINGS = [("f2", "bell", "One"), ("f3", "bell", "Two"), ("f4", "bell", "Three"),
                ("ctrl+q", "quit", "Quit")]

    def compose(self):
        yield Header()
        yield Static("One line of text.")
        yield Footer()


Bare().run()
"""


def median_time(
    command: list[str],
    runs: int,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_wall_and_cpu(
    command: list[str],
    runs: int,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system, from `getrusage` of the child)
    of a command, in seconds. On a shared machine the CPU time moves far less with the load
    than the wall time does."""
    walls, cpus = [], []
    for _ in range(runs):
        if before:
            before()
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def build_journals() -> dict[str, Path]:
    WORK.mkdir(exist_ok=True)
    journals = {}
    for name, days in (("5y", 1826), ("10y", 3652)):
        path = WORK / f"journal-{name}.db"
        if not path.exists():
            subprocess.run(
                [
                    str(RJ),
                    "--db",
                    str(path),
                    "demo",
                    "--days",
                    str(days),
                    "--seed",
                    "11",
                    "--no-tui",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                env=bench_env(),
            )
        journals[name] = path
    return journals


def bench_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "RECOVERY_JOURNAL_NOW": NOW, "TERM": "xterm-256color", **extra}
    env.pop("RECOVERY_JOURNAL_DB", None)
    return env


def jrnl_setup() -> tuple[Path, dict[str, str]]:
    """jrnl in its own venv, with a config that needs no questions."""
    venv = WORK / "jrnl-venv"
    jrnl = venv / "bin" / "jrnl"
    if not jrnl.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", f"jrnl=={JRNL_VERSION}"], check=True
        )
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "compileall", "-q", str(venv / "lib")],
            check=False,
            stdout=subprocess.DEVNULL,
        )
    home = WORK / "jrnl-home"
    config = home / ".config" / "jrnl"
    config.mkdir(parents=True, exist_ok=True)
    journal = home / "journal.txt"
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
        f"version: v{JRNL_VERSION}\n"
    )
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    return jrnl, env


def quick_add(journal: Path) -> tuple[float, float]:
    """(recovery-journal log, jrnl add): medians, interleaved runs."""
    copy = WORK / "quick-add.db"
    shutil.copy(journal, copy)
    for suffix in ("-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    jrnl, jrnl_env = jrnl_setup()
    rj_cmd = [
        str(RJ),
        "--db",
        str(copy),
        "log",
        "--mood",
        "6",
        "--note",
        "Walked by the river and felt lighter.",
    ]
    jrnl_cmd = [str(jrnl), "Walked by the river and felt lighter."]
    env = bench_env()
    # Warm both (page cache, the daily backup of the copy) before measuring.
    subprocess.run(rj_cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    subprocess.run(
        jrnl_cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=jrnl_env
    )
    ours, theirs = [], []
    for _ in range(RUNS):
        ours.append(median_time(rj_cmd, 1, env))
        theirs.append(median_time(jrnl_cmd, 1, jrnl_env))
    return statistics.median(ours), statistics.median(theirs)


def encrypted_quick_add_row(journal: Path) -> tuple[str, str, str, str]:
    """`log` on an encrypted copy of `journal` against a plain copy (issue 18), interleaved
    runs, the passphrase in the environment. Each run is a new process, so each pays
    SQLCipher 4's key derivation (256,000 PBKDF2-HMAC-SHA512 rounds) once."""
    env = bench_env(RECOVERY_JOURNAL_PASSPHRASE="bench passphrase, not a secret")
    commands = []
    for name in ("plain", "encrypted"):
        copy = WORK / f"quick-add-{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        for old in (WORK / "backups").glob(f"{copy.stem}-*.db"):
            old.unlink()  # a previous run's backups of this copy
        shutil.copy(journal, copy)
        if name == "encrypted":
            subprocess.run(
                [str(RJ), "--db", str(copy), "encrypt"], check=True, stdout=subprocess.DEVNULL,
                env=env,
            )  # fmt: skip
        command = [str(RJ), "--db", str(copy), "log", "--mood", "6", "--note", "A calm day."]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)  # warm
        commands.append(command)
    plain, encrypted = [], []
    for _ in range(RUNS):
        plain.append(median_time(commands[0], 1, env))
        encrypted.append(median_time(commands[1], 1, env))
    ours, reference = statistics.median(encrypted), statistics.median(plain)
    return (
        "log quick-add (5 y), encrypted vs plain",
        f"{ours * 1000:.0f} ms",
        f"{reference * 1000:.0f} ms",
        f"{ours / reference:.2f}× (≤ 2)",
    )


TMUX = ["tmux", "-L", "recovery-journal-bench"]  # its own server, apart from the user's


def quick_add_rows(journals: dict[str, Path]) -> list[Row]:
    ours, jrnl = quick_add(journals["5y"])
    return [
        (
            "log quick-add (5 y) vs jrnl add",
            f"{ours * 1000:.0f} ms",
            f"{jrnl * 1000:.0f} ms",
            f"{ours / jrnl:.2f}× (≤ 0.30, goal 0.25)",
        )
    ]


def tmux_until(
    command: str,
    markers: list[str],
    size: tuple[int, int] = (100, 30),
    timeout: float = 20.0,
    settle: float = 0.2,
) -> list[float]:
    """Start `command` in a new tmux session; seconds until each marker is on screen."""
    session = f"bench{os.getpid()}{time.monotonic_ns()}"
    for attempt in range(3):
        start = time.perf_counter()
        started = subprocess.run(
            [
                *TMUX,
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                str(size[0]),
                "-y",
                str(size[1]),
                command,
            ],
            stderr=subprocess.DEVNULL,
        )
        if started.returncode == 0:
            break
        time.sleep(0.5 * (attempt + 1))  # the previous server may still be shutting down
    else:
        raise RuntimeError(f"tmux could not start {command!r}")
    found: list[float] = []
    try:
        while len(found) < len(markers) and time.perf_counter() - start < timeout:
            screen = subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            while len(found) < len(markers) and markers[len(found)] in screen:
                found.append(time.perf_counter() - start)
            time.sleep(0.01)
    finally:
        subprocess.run(
            [*TMUX, "send-keys", "-t", session, "C-q"], check=False, stderr=subprocess.DEVNULL
        )
        time.sleep(settle)  # let the program quit before its session goes
        subprocess.run(
            [*TMUX, "kill-session", "-t", session], check=False, stderr=subprocess.DEVNULL
        )
    if len(found) < len(markers):
        raise RuntimeError(f"{command!r} did not show {markers[len(found)]!r} in {timeout} s")
    return found


def tui_start(journal: Path) -> tuple[float, float, float]:
    """(first frame, today's data, bare app first frame): medians, interleaved."""
    bare = WORK / "bare_app.py"
    bare.write_text(BARE_APP)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(bare)], check=True)
    env_prefix = f"RECOVERY_JOURNAL_NOW={NOW} TERM=xterm-256color"
    ours_cmd = f"env {env_prefix} {RJ} --db {journal}"
    bare_cmd = f"env TERM=xterm-256color {sys.executable} {bare}"
    firsts, datas, bares = [], [], []
    tmux_until(bare_cmd, ["Bare Textual"])  # warm the page cache
    tmux_until(ours_cmd, ["Recovery Journal"])
    for _ in range(TUI_RUNS):
        first, data = tmux_until(ours_cmd, ["Recovery Journal", "Mood "])
        firsts.append(first)
        datas.append(data)
        bares.append(tmux_until(bare_cmd, ["Bare Textual"])[0])
    return statistics.median(firsts), statistics.median(datas), statistics.median(bares)


def tui_rows(journals: dict[str, Path]) -> list[Row]:
    first, data, bare = tui_start(journals["5y"])
    return [
        (
            "TUI first frame (5 y) vs bare Textual",
            f"{first * 1000:.0f} ms",
            f"{bare * 1000:.0f} ms",
            f"{first / bare:.2f}× (≤ 1.10)",
        ),
        (
            "TUI today's data on screen (5 y) vs bare",
            f"{data * 1000:.0f} ms",
            f"{bare * 1000:.0f} ms",
            f"{data / bare:.2f}× (≤ 1.30)",
        ),
    ]


def review_rows(journals: dict[str, Path]) -> list[Row]:
    """`review` of a 5-year JSON export until its first screen (the Overview's "This file"
    box) against the bare app, interleaved."""
    if not has_command("review"):
        return []
    export = WORK / "export-5y.json"
    if not export.exists() or export.stat().st_mtime < journals["5y"].stat().st_mtime:
        subprocess.run(
            [str(RJ), "--db", str(journals["5y"]), "export", "--format", "json", "-o", str(export)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=bench_env(),
        )
    bare = WORK / "bare_app.py"
    ours_cmd = f"env RECOVERY_JOURNAL_NOW={NOW} TERM=xterm-256color {RJ} review {export}"
    bare_cmd = f"env TERM=xterm-256color {sys.executable} {bare}"
    tmux_until(ours_cmd, ["This file"])  # warm the page cache
    reviews, bares = [], []
    for _ in range(TUI_RUNS):
        reviews.append(tmux_until(ours_cmd, ["This file"])[0])
        bares.append(tmux_until(bare_cmd, ["Bare Textual"])[0])
    review, reference = statistics.median(reviews), statistics.median(bares)
    return [
        (
            "review of a 5 y export, first screen, vs bare",
            f"{review * 1000:.0f} ms",
            f"{reference * 1000:.0f} ms",
            f"{review / reference:.2f}×",
        )
    ]


MEMORY_PROBE = """
import resource, subprocess, sys
subprocess.run(sys.argv[2:])
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(str(peak_kib))
"""


def tui_peak_memory(journal: Path) -> float:
    """Peak resident memory (MiB) of the TUI open on the journal (getrusage of the child)."""
    probe = WORK / "memory_probe.py"
    probe.write_text(MEMORY_PROBE)
    out = Path(tempfile.mkdtemp()) / "rss.txt"
    command = (
        f"env RECOVERY_JOURNAL_NOW={NOW} TERM=xterm-256color {sys.executable} {probe} "
        f"{out} {RJ} --db {journal}"
    )
    tmux_until(command, ["Recovery Journal", "Mood "], settle=3.0)
    for _ in range(50):
        if out.exists() and out.read_text().strip():
            break
        time.sleep(0.1)
    try:
        return int(out.read_text()) / 1024
    except (OSError, ValueError):
        return float("nan")


def command_peak_memory(command: list[str]) -> float:
    """Peak resident memory (MiB) of a command without a terminal (getrusage of the child)."""
    out = Path(tempfile.mkdtemp()) / "rss.txt"
    probe = WORK / "memory_probe.py"
    probe.write_text(MEMORY_PROBE)
    subprocess.run(
        [sys.executable, str(probe), str(out), *command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=bench_env(),
    )
    return int(out.read_text()) / 1024


def memory_rows(journals: dict[str, Path]) -> list[Row]:
    rows = [("TUI peak memory (10 y)", f"{tui_peak_memory(journals['10y']):.0f} MiB", "", "")]
    if has_command("export"):
        html = WORK / "report-10y.html"
        html.unlink(missing_ok=True)
        peak = command_peak_memory(
            [str(RJ), "--db", str(journals["10y"]), "export", "--format", "html", "-o", str(html)]
        )
        rows.append(("export --format html peak memory (10 y)", f"{peak:.0f} MiB", "", ""))
    return rows


def suite_rows(_journals: dict[str, Path]) -> list[Row]:
    """The test suite's time: one run as `make test` runs it (two workers on this 2-core
    machine; its own wall time; the suite has no timed assertions). A failing test is
    named in the row."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "auto", "--dist", "worksteal", "-rf"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "no output"
    summary = summary.strip("= ")
    failed = [
        line[len("FAILED ") :] for line in done.stdout.splitlines() if line.startswith("FAILED ")
    ]
    if failed:
        summary += " — " + "; ".join(failed)[:300]
    return [("test suite (make test, one run)", f"{seconds:.0f} s", "", summary)]


def has_command(name: str) -> bool:
    probe = subprocess.run([str(RJ), name, "--help"], capture_output=True)
    return probe.returncode == 0


def report_rows(journals: dict[str, Path]) -> list[Row]:
    """The 10-year export and insights timings (where those commands exist)."""
    env = bench_env()
    rows: list[Row] = []
    if has_command("export"):
        html = WORK / "report-10y.html"
        seconds, cpu = median_wall_and_cpu(
            [str(RJ), "--db", str(journals["10y"]), "export", "--format", "html", "-o", str(html)],
            5,
            env,
            before=lambda: html.unlink(missing_ok=True),
        )
        rows.append(
            (
                "export --format html (10 y)",
                f"{seconds * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)",
                "",
                "≤ 0.30 s",
            )
        )
    if has_command("insights"):
        seconds, cpu = median_wall_and_cpu(
            [str(RJ), "--db", str(journals["10y"]), "insights", "--format", "json"], 5, env
        )
        rows.append(
            (
                "insights --format json (10 y)",
                f"{seconds * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)",
                "",
                "≤ 0.15 s",
            )
        )
    return rows


# The measures, in the order they run and print. Each takes the journals and returns rows.
def encrypted_quick_add_rows(journals: dict[str, Path]) -> list[Row]:
    return [encrypted_quick_add_row(journals["5y"])]  # issue 18


MEASURES: list[Callable[[dict[str, Path]], list[Row]]] = [
    quick_add_rows,
    encrypted_quick_add_rows,
    tui_rows,
    report_rows,
    review_rows,
    memory_rows,
]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description="The speed benchmark (PRODUCT.md §11).")
    options.add_argument(
        "--with-suite", action="store_true", help="also time one run of the test suite"
    )
    args = options.parse_args(argv)
    if not shutil.which("tmux"):
        print("make bench needs tmux (apt-get install tmux)", file=sys.stderr)
        return 2
    # As an installed app runs: byte-compiled (this machine may set PYTHONDONTWRITEBYTECODE).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    journals = build_journals()
    load_before = load_average()
    rows: list[Row] = []
    for measure in [*MEASURES, *([suite_rows] if args.with_suite else [])]:
        try:
            rows.extend(measure(journals))
        except (subprocess.CalledProcessError, RuntimeError) as error:
            rows.append((f"failed: {measure.__name__}", "", "", str(error)[:80]))

    table = [
        "| measure | recovery-journal | reference | ratio / budget |",
        "| --- | --- | --- | --- |",
    ]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    machine = (
        f"{platform.node()}: {platform.system()} {platform.release()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average (1 / 5 / 15 min) {load_before} at the start, {load_average()} at "
        f"the end; medians of {RUNS} quick-add runs and {TUI_RUNS} TUI starts; "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    text = "\n".join(table)
    print(text)
    print(f"\n{machine}")
    (HERE / "results.md").write_text(
        "# Benchmark results\n\nWritten by `make bench` (benchmarks/bench.py).\n\n"
        f"{text}\n\nMachine: {machine}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
