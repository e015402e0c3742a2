"""Reproducible performance runs on a large generated journal: ``make bench``.

Builds (once per version) the 150-rep × 104-week sample journal under build/bench/,
then measures start-up against a bare PySide6 window, switching reps, opening a 1:1,
the UI stall when autosaving a 1 MB note, and importing a 20,000-row CRM report; when
`make bundle` has built dist/coachdesk, also the packaged app's start-up against the
same bare window. Writes build/bench.json and prints a table. Each measurement runs in
fresh child processes so they do not warm each other.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
BENCH_DATA = BUILD / "bench" / "large"
REPS, WEEKS, SEED = 150, 104, 7


def child_env() -> dict[str, str]:
    """The environment for measured children: offscreen, bytecode cached as for users."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = env.get("BENCH_QPA", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    return env


def ensure_large_journal() -> Path:
    """Build the large journal unless it is already there for this version."""
    from coachdesk import __version__
    from coachdesk.store.migrations import known_names

    # Rebuilt when the schema grows, so the sample shows every feature.
    schema = len(known_names())
    marker = BENCH_DATA / f".built-{__version__}-s{schema}-{REPS}x{WEEKS}-{SEED}"
    if marker.exists():
        return BENCH_DATA
    shutil.rmtree(BENCH_DATA, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [
            *(sys.executable, "-m", "coachdesk", "make-sample", "--data-dir", str(BENCH_DATA)),
            *("--reps", str(REPS), "--weeks", str(WEEKS), "--seed", str(SEED)),
        ],
        check=True,
        env=child_env(),
        stdout=subprocess.DEVNULL,
    )
    print(f"built the large journal in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    marker.touch()
    return BENCH_DATA


def first_paint_ms(command: list[str], env: dict[str, str] | None = None) -> float:
    """Run a command that prints "first paint after N ms" and return N."""
    out = subprocess.run(
        command, check=True, capture_output=True, text=True, env=env or child_env(), timeout=120
    ).stdout
    for line in out.splitlines():
        if line.startswith("first paint after"):
            return float(line.split()[3])
    raise RuntimeError(f"no timing in output: {out!r}")


def drop_caches() -> bool:
    """Drop the page cache for a cold start, where the system allows it."""
    try:
        subprocess.run(["sync"], check=False)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def summary(values: list[float]) -> dict[str, float]:
    """Median, p95 and max of a list of milliseconds."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(ordered[-1], 1),
        "n": len(ordered),
    }


def bench_startup(data: Path, runs: int) -> dict[str, object]:
    """Spawn → first paint with the roster filled, against a bare window, same run."""
    app = [sys.executable, "-m", "coachdesk", "--smoke-test", "--data-dir", str(data)]
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
    cold_app = cold_bare = None
    if drop_caches():
        cold_app = first_paint_ms(app)
        drop_caches()
        cold_bare = first_paint_ms(bare)
    # warm-up, then interleave so both see the same machine load
    first_paint_ms(app)
    first_paint_ms(bare)
    app_ms: list[float] = []
    bare_ms: list[float] = []
    for _ in range(runs):
        app_ms.append(first_paint_ms(app))
        bare_ms.append(first_paint_ms(bare))
    app_median = statistics.median(app_ms)
    bare_median = statistics.median(bare_ms)
    return {
        "app": summary(app_ms),
        "bare_window": summary(bare_ms),
        "ratio_median": round(app_median / bare_median, 2),
        "cold_app_ms": cold_app,
        "cold_bare_ms": cold_bare,
        "cold_ratio": round(cold_app / cold_bare, 2) if cold_app and cold_bare else None,
        "cold_note": None if cold_app else "page cache could not be dropped here",
    }


FROZEN_APP = ROOT / "dist" / "coachdesk" / "coachdesk"


def bench_frozen_startup(data: Path, runs: int) -> dict[str, object] | None:
    """The bundle from `make bundle` (if there is one) to its first paint, against the
    bare window from source, interleaved the same way as the source start-up."""
    if not FROZEN_APP.exists():
        return None
    frozen = [str(FROZEN_APP), "--smoke-test", "--data-dir", str(data)]
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
    # The bundle carries its own modules: nothing from the source tree on its path.
    frozen_env = child_env()
    frozen_env.pop("PYTHONPATH", None)
    try:
        first_paint_ms(frozen, frozen_env)  # warm-up
    except (subprocess.SubprocessError, RuntimeError) as problem:
        # e.g. a bundle older than the journal's schema: rebuild it with `make bundle`
        return {"skipped": f"{FROZEN_APP} did not start: {problem}"}
    first_paint_ms(bare)
    frozen_ms: list[float] = []
    bare_ms: list[float] = []
    for _ in range(runs):
        frozen_ms.append(first_paint_ms(frozen, frozen_env))
        bare_ms.append(first_paint_ms(bare))
    return {
        "bundle": str(FROZEN_APP.parent),
        "frozen_app": summary(frozen_ms),
        "bare_window": summary(bare_ms),
        "ratio_median": round(statistics.median(frozen_ms) / statistics.median(bare_ms), 2),
    }


def child_figures(script: str, data: Path, *args: str) -> dict[str, object]:
    """Run one of the timing scripts beside this one; return the JSON line it prints."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).with_name(script)), str(data), *args],
        check=True,
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=600,
    ).stdout
    found: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return found


def bench_in_window(data: Path) -> dict[str, object]:
    """Switching reps, opening a 1:1 and the 1 MB autosave, in a child process."""
    return child_figures("window_timings.py", data)


def table(results: dict[str, object]) -> str:
    """A readable table of the main figures."""
    rows: list[tuple[str, str, str]] = []
    start = results["startup"]
    assert isinstance(start, dict)
    app_ms, bare_ms = start["app"]["median_ms"], start["bare_window"]["median_ms"]
    rows.append(
        (
            "start-up to first paint (warm, median)",
            f"{app_ms:.0f} ms vs bare {bare_ms:.0f} ms",
            f"ratio {start['ratio_median']} (≤ 2.0, stretch 1.5)",
        )
    )
    if start.get("cold_ratio"):
        rows.append(
            (
                "start-up, cold",
                f"{start['cold_app_ms']:.0f} ms vs bare {start['cold_bare_ms']:.0f} ms",
                f"ratio {start['cold_ratio']}",
            )
        )
    frozen = results.get("startup_frozen")
    if isinstance(frozen, dict) and "frozen_app" in frozen:
        rows.append(
            (
                "start-up, packaged app (warm, median)",
                f"{frozen['frozen_app']['median_ms']:.0f} ms vs bare "
                f"{frozen['bare_window']['median_ms']:.0f} ms",
                f"ratio {frozen['ratio_median']}",
            )
        )
    elif isinstance(frozen, dict):
        rows.append(("start-up, packaged app", "skipped", str(frozen["skipped"])[:60]))
    window = results["window"]
    assert isinstance(window, dict)
    for key, label, target in (
        ("switch_rep", "switching reps", "p95 ≤ 50 ms"),
        ("open_meeting", "opening a 1:1", "p95 ≤ 50 ms"),
        ("switch_to_rep_with_500_meetings", "switching to a rep with 500 1:1s", ""),
        ("timeline_500_scroll_page", "scrolling that timeline, per page", ""),
        ("autosave_1mb", "UI stall, autosaving a 1 MB note", "max ≤ 30 ms"),
    ):
        figures = window[key]
        rows.append(
            (
                label,
                f"median {figures['median_ms']} ms, p95 {figures['p95_ms']} ms, "
                f"max {figures['max_ms']} ms",
                target,
            )
        )
    for key, value in results.items():
        named = key not in ("startup", "window", "machine", "journal")
        if named and isinstance(value, dict) and "median_ms" in value:
            extra = ""
            if "per_sheet_ms" in value:
                extra = (
                    f"{value['per_sheet_ms']} ms a sheet ({value['per_sheet_cpu_ms']} ms CPU), "
                    f"peak {value['peak_mb']} MB"
                )
                if "per_extra_sheet_ms" in value:
                    extra += f", {value['per_extra_sheet_ms']} ms each sheet more"
            if "longest_gap_median_ms" in value:
                extra = (
                    f"window unpainted at most {value['longest_gap_median_ms']} ms "
                    f"(worst {value['longest_gap_max_ms']} ms)"
                )
            spread = f", p95 {value['p95_ms']} ms" if "p95_ms" in value else ""
            rows.append((key, f"median {value['median_ms']} ms{spread}", extra))
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{a:<{width}}  {b:<52}  {c}" for a, b, c in rows)


def bench_search(data: Path) -> dict[str, object]:
    """Named search queries and the This-week view, in a child process."""
    return child_figures("search_timings.py", data)


PACK_SIZES, PACK_RUNS = (25, 50, 100, 143), 5


def bench_prep(data: Path) -> dict[str, object]:
    """One prep sheet and a pack of fifty; then packs of 25 to 143 sheets, five runs of
    each size, every run in a process of its own: time, time per sheet, peak memory."""
    found = child_figures("prep_timings.py", data)
    before: tuple[int, float] | None = None  # the last size's sheets and median time
    for size in PACK_SIZES:
        runs: list[dict[str, Any]] = [
            child_figures("prep_timings.py", data, "pack", str(size)) for _ in range(PACK_RUNS)
        ]
        ms = statistics.median(r["ms"] for r in runs)
        cpu_ms = statistics.median(r["cpu_ms"] for r in runs)
        sheets = runs[0]["sheets"]
        figures: dict[str, object] = {
            "median_ms": round(ms),
            "p95_ms": max(r["ms"] for r in runs),
            "per_sheet_ms": round(ms / sheets, 1),
            "per_sheet_cpu_ms": round(cpu_ms / sheets, 1),
            "peak_mb": round(max(r["peak_kb"] for r in runs) / 1024, 1),
            "pages": runs[0]["pages"],
        }
        found[f"prep: pack of {sheets}"] = figures
        if before is not None:
            # What each sheet past the last size cost: the pack's start (modules, fonts,
            # the cover's totals) is paid once, so this is the cost of one more sheet.
            more = (ms - before[1]) / max(sheets - before[0], 1)
            figures["per_extra_sheet_ms"] = round(more, 1)
        before = (sheets, ms)
    return found


PROTECTED_DATA = BUILD / "bench" / "large-protected"
# Not a secret: it protects a generated sample team in the build folder.
BENCH_PASSPHRASE = "bench passphrase for a sample team"
PROTECTED_RUNS = 7

# Times Journal.open with the passphrase: the key derivation, the checks, the writer.
_UNLOCK = """
import sys, time
from pathlib import Path
from coachdesk.cli.protection import read_passphrase_file
from coachdesk.paths import Paths
from coachdesk.store.db import Journal
passphrase = read_passphrase_file(sys.argv[2])
started = time.perf_counter()
journal = Journal.open(Paths(Path(sys.argv[1])), defer_check=True, passphrase=passphrase)
print((time.perf_counter() - started) * 1000)
journal.close()
"""


def ensure_protected_copy(data: Path) -> tuple[Path, Path]:
    """A copy of the large journal protected with a passphrase, and the passphrase file."""
    marker_name = next((p.name for p in data.glob(".built-*")), "unbuilt")
    marker = PROTECTED_DATA / marker_name
    secret = BUILD / "bench" / "passphrase"
    if marker.exists() and secret.exists():
        return PROTECTED_DATA, secret
    shutil.rmtree(PROTECTED_DATA, ignore_errors=True)
    PROTECTED_DATA.mkdir(parents=True)
    shutil.copyfile(data / "journal.coachdesk", PROTECTED_DATA / "journal.coachdesk")
    secret.write_text(BENCH_PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    subprocess.run(
        [
            *(sys.executable, "-m", "coachdesk", "--data-dir", str(PROTECTED_DATA)),
            *("--passphrase-file", str(secret), "protect"),
        ],
        check=True,
        env=child_env(),
        stdout=subprocess.DEVNULL,
    )
    marker.touch()
    return PROTECTED_DATA, secret


def bench_protected(data: Path) -> dict[str, object]:
    """Start-up and unlock of the large journal protected with a passphrase.

    The start-up runs ``--smoke-test --passphrase-file`` against the bare window, as the
    plain start-up does; unlocking is ``Journal.open`` with the passphrase (the key
    derivation included), each in a fresh process.
    """
    folder, secret = ensure_protected_copy(data)
    app = [
        *(sys.executable, "-m", "coachdesk", "--smoke-test", "--data-dir", str(folder)),
        *("--passphrase-file", str(secret)),
    ]
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
    first_paint_ms(app)
    first_paint_ms(bare)
    app_ms: list[float] = []
    bare_ms: list[float] = []
    unlock_ms: list[float] = []
    for _ in range(PROTECTED_RUNS):
        app_ms.append(first_paint_ms(app))
        bare_ms.append(first_paint_ms(bare))
        out = subprocess.run(
            [sys.executable, "-c", _UNLOCK, str(folder), str(secret)],
            check=True,
            capture_output=True,
            text=True,
            env=child_env(),
            timeout=120,
        ).stdout
        unlock_ms.append(float(out.strip().splitlines()[-1]))
    ratio = round(statistics.median(app_ms) / statistics.median(bare_ms), 2)
    print(
        f"protected start-up ratio {ratio} (bare window median "
        f"{statistics.median(bare_ms):.0f} ms)",
        file=sys.stderr,
    )
    return {
        "startup_protected": {
            **summary(app_ms),
            "bare_window_median_ms": round(statistics.median(bare_ms), 1),
            "ratio_median": ratio,
        },
        "unlock_protected": summary(unlock_ms),
    }


PROGRESS_RUNS = 3


def bench_progress(data: Path) -> dict[str, object]:
    """Protect, change the passphrase, export and restore the large journal, as the window
    once ran them and as it runs them now, and the longest the window went unpainted."""
    return child_figures("progress_timings.py", data, str(PROGRESS_RUNS))


def bench_import(data: Path) -> dict[str, object]:
    """A 20,000-row opportunities report imported into a copy of the journal, in a child
    process: the first time, the same report again, and as a workbook."""
    return child_figures("import_timings.py", data)


EXTRA: list[Callable[[Path], dict[str, object]]] = [
    bench_search,
    bench_prep,
    bench_protected,
    bench_progress,
    bench_import,
]


def main() -> int:
    """Run every benchmark and write build/bench.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="start-up runs (median of)")
    args = parser.parse_args()
    data = ensure_large_journal()
    journal_size = (data / "journal.coachdesk").stat().st_size
    results: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "journal": {"reps": REPS, "weeks": WEEKS, "bytes": journal_size},
        "startup": bench_startup(data, args.runs),
        "window": bench_in_window(data),
    }
    frozen = bench_frozen_startup(data, args.runs)
    if frozen is not None:
        results["startup_frozen"] = frozen
    for extra in EXTRA:
        results.update(extra(data))
    BUILD.mkdir(exist_ok=True)
    (BUILD / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nfull figures in {BUILD / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
