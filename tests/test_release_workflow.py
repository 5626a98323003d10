"""The release workflow (.github/workflows/release.yml) as a reviewer checks it: zizmor
finds nothing of high severity, it is a valid workflow (GitHub's schema; actionlint too
where it is installed), every action is pinned by commit, no job has more rights than it
needs, the tests run before any build, and the builds use the locked dependencies."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
CONSTRAINTS = ROOT / "packaging" / "build-constraints.txt"
TEXT = WORKFLOW.read_text(encoding="utf-8")


def _tool(name: str) -> str | None:
    """A tool of the test extras, from this Python's venv, else from PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def _jobs() -> dict[str, str]:
    """Each job's text, by its name (the two-space keys under `jobs:`)."""
    body = TEXT.split("\njobs:\n", 1)[1]
    parts = re.split(r"^  ([a-z][\w-]*):\n", body, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.skipif(_tool("zizmor") is None, reason="zizmor is in the test extras")
def test_zizmor_finds_nothing_of_high_severity():
    zizmor = _tool("zizmor")
    assert zizmor is not None
    result = subprocess.run(
        [zizmor, "--offline", "--min-severity", "high", "--format", "plain", str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(_tool("check-jsonschema") is None, reason="check-jsonschema: test extras")
def test_the_workflow_is_valid_for_github():
    checker = _tool("check-jsonschema")
    assert checker is not None
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(_tool("actionlint") is None, reason="actionlint is not installed")
def test_actionlint_finds_nothing():
    actionlint = _tool("actionlint")
    assert actionlint is not None
    result = subprocess.run([actionlint, str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_by_a_full_commit_with_its_version_beside_it():
    uses = re.findall(r"uses: (\S+)(.*)$", TEXT, re.MULTILINE)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+(\.\d+)*", comment), action


def test_runner_images_are_current():
    images = set(re.findall(r"runs-on: (\S+)", TEXT))
    assert images == {"ubuntu-24.04", "windows-2025", "macos-15"}


def test_no_rights_by_default_and_only_the_release_job_writes():
    assert re.search(r"^permissions: \{\}$", TEXT, re.MULTILINE)
    jobs = _jobs()
    for name, job in jobs.items():
        expected = "contents: write" if name == "release" else "contents: read"
        assert re.findall(r"^      contents: \w+", job, re.MULTILINE) == [f"      {expected}"]
    checkouts = TEXT.count("uses: actions/checkout@")
    assert checkouts == TEXT.count("persist-credentials: false") == 4


def test_the_checks_and_the_tag_come_before_any_build():
    jobs = _jobs()
    check = jobs["check"]
    assert 'python scripts/release_tag.py "$TAG"' in check
    assert ".venv/bin/python scripts/check.py\n" in check
    assert 'LEERSESSIE_BUNDLE_TEST: "1"' in check
    for build in ("linux", "windows", "macos"):
        assert "    needs: check\n" in jobs[build]
    assert "    needs: [linux, windows, macos]\n" in jobs["release"]


def test_builds_install_the_locked_dependencies():
    jobs = _jobs()
    for build in ("windows", "macos"):
        assert "pip install -c packaging/build-constraints.txt . pyinstaller" in jobs[build]
    assert "packaging/build-linux.sh dist" in jobs["linux"]
    script = (ROOT / "packaging" / "build-linux.sh").read_text(encoding="utf-8")
    assert '-c "$HERE/build-constraints.txt" "$WORK/src" pyinstaller' in script


def test_the_lock_pins_every_build_dependency_exactly():
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert re.fullmatch(r"\d+(\.\d+)*", version), line
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    for needed in ("pyinstaller", "pyside6-essentials", "shiboken6", "cryptography", "lxml"):
        assert needed in pins, needed
    # Every direct dependency of the app is locked.
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    dependencies = project.split("dependencies = [", 1)[1].split("]\n", 1)[0]
    for name in re.findall(r'^\s*"([A-Za-z0-9_.-]+)', dependencies, re.MULTILINE):
        assert re.sub(r"[-_.]+", "-", name).lower() in pins, name


def test_installers_exit_codes_are_checked_and_the_dmg_step_retries():
    jobs = _jobs()
    windows = jobs["windows"]
    assert windows.count("-Wait -PassThru") == 2
    assert "$install.ExitCode -ne 0" in windows and "$uninstall.ExitCode -ne 0" in windows
    assert 'Test-Path "$app\\leersessie.exe"' in windows  # the uninstaller removed it
    linux = jobs["linux"]
    assert "apt-get remove -y leersessie" in linux and "[ -e /opt/leersessie ]" in linux
    assert '"$HOME/.local/lib/leersessie/install.sh" --verwijder' in linux
    macos = jobs["macos"]
    assert "for attempt in 1 2 3 4 5; do" in macos and "hdiutil create" in macos


def _release_tag(tag: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "release_tag.py"), tag],
        capture_output=True,
        text=True,
    )


def test_the_tag_of_the_apps_version_passes_and_any_other_stops_the_release():
    from leersessie import __version__

    assert _release_tag(f"v{__version__}").returncode == 0
    wrong = _release_tag("v99.0.0")
    assert wrong.returncode == 1
    assert f"tag v99.0.0 does not match leersessie.__version__ {__version__}" in wrong.stderr
    assert _release_tag(__version__).returncode == 1  # without the v
