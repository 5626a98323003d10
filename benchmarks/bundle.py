"""Measure the frozen Linux bundle next to the pip-installed app, write BENCHMARKS.md's
"Bundle" section.

    python benchmarks/bundle.py [--bundle dist/leersessie] [--runs 5] [--output BENCHMARKS.md]

Without --bundle (or when it does not exist) packaging/build-linux.sh builds one first.
Figures: the bundle's size unpacked (and of the .tar.gz and .deb beside it), and for each
app the median over --runs starts (after one discarded warm-up) of
  - `--version`: the interpreter (or bootloader) and the command line, no Qt;
  - `--self-test` until its window line: start, the installation checks, Qt, the main
    window on the home screen of a fresh data folder; then the whole self-test (demo,
    two PDFs read back).
Both run without a display (offscreen), with a warm page cache.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SECTION = "## Bundle"
WINDOW_LINE = "in orde   venster:"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    for name in ("QT_QPA_PLATFORM", "LEERSESSIE_LANG", "LEERSESSIE_DATA_DIR"):
        env.pop(name, None)
    return env


def time_version(command: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(command), "--version"], check=True, capture_output=True, env=_env())
    return time.perf_counter() - start


def time_self_test(command: Path) -> tuple[float, float]:
    """Seconds until the window line arrives, and until the self-test has ended."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(command), "--self-test"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(),
    )
    assert process.stdout is not None
    window = None
    for line in process.stdout:
        if line.startswith(WINDOW_LINE) and window is None:
            window = time.perf_counter() - start
    if process.wait() != 0 or window is None:
        raise SystemExit(f"{command} --self-test is mislukt")
    return window, time.perf_counter() - start


def measure(commands: list[Path], runs: int) -> list[dict[str, float]]:
    """The apps take turns run by run, so a change in the machine's load hits them alike."""
    for command in commands:  # warm-up: page cache
        time_version(command)
        time_self_test(command)
    versions: list[list[float]] = [[] for _ in commands]
    tests: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            versions[index].append(time_version(command))
            tests[index].append(time_self_test(command))
    return [
        {
            "version": statistics.median(versions[index]),
            "window": statistics.median(w for w, _ in tests[index]),
            "self_test": statistics.median(t for _, t in tests[index]),
        }
        for index in range(len(commands))
    ]


def _editable(command: Path) -> bool:
    """Whether the venv of ``command`` holds an editable install of Leersessie."""
    site = command.parent.parent / "lib"
    return any(site.glob("python3*/site-packages/__editable__*leersessie*"))


def size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def build(into: Path) -> Path:
    subprocess.run([str(ROOT / "packaging" / "build-linux.sh"), str(into)], check=True)
    return into / "leersessie"


def section(
    bundle: Path, frozen: dict[str, float], pip: dict[str, float], pip_command: Path, runs: int
) -> str:
    packages = sorted(
        p for p in bundle.parent.iterdir() if p.name.endswith((".tar.gz", ".deb")) and p.is_file()
    )
    lines = [
        SECTION,
        "",
        f"`python benchmarks/bundle.py`, {time.strftime('%Y-%m-%d')}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} "
        f"at the end), median of {runs} runs taking turns after a warm-up, no display "
        "(offscreen), warm page cache. The pip install is "
        f"`{pip_command.parent.parent.name}/bin/leersessie` "
        f"({'editable' if _editable(pip_command) else 'pip install .'}).",
        "",
        f"- Bundle unpacked: **{size_mb(bundle):.0f} MB** (target: under 150 MB)"
        + "".join(f"; `{p.name}` {p.stat().st_size / 1e6:.0f} MB" for p in packages),
        "",
        "| | frozen bundle | pip install |",
        "|---|---|---|",
        f"| `leersessie --version` | {frozen['version']:.2f} s | {pip['version']:.2f} s |",
        f"| start to the home screen (`--self-test` up to its window line) "
        f"| {frozen['window']:.2f} s | {pip['window']:.2f} s |",
        f"| whole `--self-test` (plus demo, two PDFs read back) "
        f"| {frozen['self_test']:.2f} s | {pip['self_test']:.2f} s |",
        "",
    ]
    return "\n".join(lines)


def write_section(output: Path, text: str) -> None:
    """Replace our own section (from its heading to the next one, or the end) and leave
    the rest alone; a file without it gets it at the end."""
    current = output.read_text(encoding="utf-8") if output.exists() else ""
    head, found, rest = current.partition(SECTION)
    after = rest[rest.find("\n## ") + 1 :] if found and "\n## " in rest else ""
    head = head.rstrip("\n")
    body = (head + "\n\n" if head else "") + text.rstrip("\n") + "\n"
    output.write_text(body + ("\n" + after if after else ""), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "leersessie")
    parser.add_argument(
        "--pip-command", type=Path, default=Path(sys.executable).with_name("leersessie")
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        bundle = args.bundle if (args.bundle / "leersessie").is_file() else build(Path(scratch))
        frozen, pip = measure([bundle / "leersessie", args.pip_command], args.runs)
        text = section(bundle, frozen, pip, args.pip_command, args.runs)
    write_section(args.output, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
