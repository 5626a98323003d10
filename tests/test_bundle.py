"""The Linux installers, built by packaging/build-linux.sh and checked as a user meets them:
the frozen app passes its self-test without a display, fails it naming a missing part,
opens no network connection, stays under 150 MB; the tar.gz installs under ~/.local and
uninstalls leaving the data; the .deb holds /opt/leersessie and names its dependencies.

The build takes minutes, so these run only with LEERSESSIE_BUNDLE_TEST=1, which .ci/run
always sets (a developer's full run skips them):

    LEERSESSIE_BUNDLE_TEST=1 .venv/bin/python -m pytest tests/test_bundle.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from leersessie import __version__

ROOT = Path(__file__).resolve().parents[1]
# Issue 10's bound. The bundle measured 128 MB when issue 25 brought it back under it (ICU
# data for Dutch and English only, one OpenSSL, the Symbola subset, no library that only
# a left-out plug-in needs); BENCHMARKS.md has the size.
SIZE_LIMIT_MB = 150

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("LEERSESSIE_BUNDLE_TEST") != "1",
        reason="builds the installers (minutes): set LEERSESSIE_BUNDLE_TEST=1",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux installers"),
]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Under Leersessie's own umask (077), as a privacy-minded user may have it: the packages
    # must still be readable by every user of the machine.
    result = subprocess.run(
        [str(ROOT / "packaging" / "build-linux.sh"), str(out)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0o077),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def _no_display_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    for name in ("QT_QPA_PLATFORM", "LEERSESSIE_LANG", "LEERSESSIE_DATA_DIR"):
        env.pop(name, None)
    return {**env, **extra}


def _self_test(bundle: Path, *wrapper: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*wrapper, str(bundle / "leersessie"), "--self-test"],
        capture_output=True,
        text=True,
        env=_no_display_env(),
        timeout=300,
    )


def test_the_frozen_app_passes_its_self_test_without_a_display(dist):
    result = _self_test(dist / "leersessie")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"in orde   bestanden: \d+ bestanden volgens de installatielijst", out)
    assert "in orde   venster: startscherm getoond (Qt-platform offscreen)" in out
    assert out.splitlines()[-1] == "Zelftest geslaagd."


def test_the_frozen_app_tells_its_version(dist):
    result = subprocess.run(
        [str(dist / "leersessie" / "leersessie"), "--version"], capture_output=True, text=True
    )
    assert result.stdout.strip() == f"Leersessie {__version__}"


@pytest.mark.parametrize(
    ("part", "named"),
    [
        ("_internal/leersessie/session_templates/actieleren.toml", "actieleren.toml"),
        ("_internal/leersessie/fonts/Symbola.ttf", "Symbola.ttf"),
        ("_internal/PySide6/Qt/translations/qtbase_nl.qm", "qtbase_nl.qm"),
        ("_internal/PySide6/Qt/plugins/platforms/libqxcb.so", "platforms/qxcb"),
    ],
)
def test_a_part_missing_from_the_bundle_fails_the_self_test_naming_it(dist, part, named):
    bundle = dist / "leersessie"
    file = bundle / part
    aside = file.with_name(file.name + ".weg")
    file.rename(aside)
    try:
        result = _self_test(bundle)
    finally:
        aside.rename(file)
    assert result.returncode == 1
    assert "MISLUKT" in result.stderr and named in result.stderr
    assert "Zelftest geslaagd." not in result.stdout


def test_the_bundle_is_under_150_mb_and_holds_only_the_qt_it_uses(dist):
    bundle = dist / "leersessie"
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    assert size_mb < SIZE_LIMIT_MB
    names = {p.name for p in files}
    for unused in ("QtNetwork", "QtQml", "QtQuick", "QtWebEngineCore", "QtMultimedia", "QtDBus"):
        assert not any(name.startswith(unused + ".") for name in names), unused
    for unused in ("libQt6Network", "libQt6EglFS", "libgtk-3", "libssl", "libcrypto"):
        assert not any(name.startswith(unused) for name in names), unused
    # One OpenSSL: the one linked into cryptography.
    assert not list((bundle / "_internal/python3.11/lib-dynload").glob("_ssl.*"))
    assert (bundle / "_internal/PySide6/Qt/lib/libicudata.so.73").stat().st_size < 8e6
    translations = {p.name for p in (bundle / "_internal/PySide6/Qt/translations").iterdir()}
    assert translations == {"qtbase_nl.qm", "qtbase_en.qm", "qt_nl.qm", "qt_en.qm"}


def _deb_field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")
def test_every_library_a_bundled_file_needs_is_bundled_or_a_dependency_of_the_deb(dist):
    """What the spec leaves out must be what nothing loads: ldd of every library finds
    each one it needs in the bundle, on this machine, or as a package the .deb names."""
    depends = _deb_field(dist / f"leersessie_{__version__}_amd64.deb", "Depends")
    missing = set()
    for file in (dist / "leersessie").rglob("*.so*"):
        if file.is_symlink() or not file.is_file():
            continue
        listing = subprocess.run(["ldd", str(file)], capture_output=True, text=True).stdout
        missing |= set(re.findall(r"^\s*(\S+) => not found", listing, re.MULTILINE))
    # libxcb-icccm.so.4 comes with the package libxcb-icccm4.
    assert {name for name in missing if name.replace(".so.", "") not in depends} == set()


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
def test_the_frozen_app_makes_no_network_connection(dist, tmp_path):
    trace = tmp_path / "trace.txt"
    result = _self_test(
        dist / "leersessie", "strace", "-f", "-qq", "-e", "trace=execve,%network", "-o", str(trace)
    )
    assert result.returncode == 0, result.stderr
    calls = trace.read_text().splitlines()
    assert any("execve(" in c and "leersessie" in c for c in calls)  # strace did watch it
    # Local (unix) sockets are the machine's own (fontconfig, D-Bus); anything else would
    # reach a network.
    network = [c for c in calls if re.search(r"\b(connect|sendto|sendmsg)\(", c)]
    network = [c for c in network if "AF_UNIX" not in c and "AF_NETLINK" not in c]
    assert network == []
    assert not [c for c in calls if re.search(r"socket\(AF_INET6?\b", c)]


def test_the_tar_gz_installs_under_local_and_uninstalls_leaving_the_data(dist, tmp_path):
    archive = dist / f"leersessie-{__version__}-linux-x86_64.tar.gz"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "uitgepakt", filter="tar")
    unpacked = tmp_path / "uitgepakt" / f"leersessie-{__version__}-linux-x86_64"
    home = tmp_path / "home"
    data = home / ".local/share/Leersessie"
    data.mkdir(parents=True)
    (data / "leersessie.db").write_bytes(b"gegevens van de coach")
    env = _no_display_env(HOME=str(home))
    env.pop("XDG_DATA_HOME", None)

    installed = subprocess.run(
        [str(unpacked / "install.sh")], capture_output=True, text=True, env=env, check=True
    )
    assert "Leersessie is geïnstalleerd" in installed.stdout
    command = home / ".local/bin/leersessie"
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True, env=env)
    assert version.stdout.strip() == f"Leersessie {__version__}"
    entry = (home / ".local/share/applications/leersessie.desktop").read_text()
    assert f"Exec={home}/.local/lib/leersessie/leersessie" in entry
    assert "Icon=leersessie" in entry
    assert (home / ".local/share/icons/hicolor/256x256/apps/leersessie.png").is_file()

    # The unpacked folder is long gone when a user removes the app: the copy of
    # install.sh that the installation keeps does it.
    shutil.rmtree(tmp_path / "uitgepakt")
    uninstaller = home / ".local/lib/leersessie/install.sh"
    assert f"Verwijderen: {uninstaller} --verwijder" in installed.stdout
    removed = subprocess.run(
        [str(uninstaller), "--verwijder"], capture_output=True, text=True, env=env
    )
    assert removed.returncode == 0
    assert f"Uw gegevens (sessies, acties, reservekopieën) staan nog in {data}" in removed.stdout
    assert not command.exists() and not (home / ".local/lib/leersessie").exists()
    assert not (home / ".local/share/applications/leersessie.desktop").exists()
    assert (data / "leersessie.db").read_bytes() == b"gegevens van de coach"


def test_the_tar_gz_refuses_a_system_with_an_older_glibc_and_installs_nothing(dist, tmp_path):
    archive = dist / f"leersessie-{__version__}-linux-x86_64.tar.gz"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="tar")
    unpacked = tmp_path / f"leersessie-{__version__}-linux-x86_64"
    needs = re.search(r'^NEEDS_GLIBC="([\d.]+)"$', (unpacked / "install.sh").read_text(), re.M)
    assert needs is not None  # build-linux.sh filled in what the bundle needs
    # A machine with glibc 2.17 (CentOS 7): its getconf says so.
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    getconf = fake_bin / "getconf"
    getconf.write_text("#!/bin/sh\necho 'glibc 2.17'\n")
    getconf.chmod(0o755)
    home = tmp_path / "home"
    env = _no_display_env(HOME=str(home), PATH=f"{fake_bin}:{os.environ['PATH']}")
    env.pop("XDG_DATA_HOME", None)
    result = subprocess.run([str(unpacked / "install.sh")], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert f"Leersessie heeft glibc {needs.group(1)} of nieuwer nodig" in result.stderr
    assert "dit systeem heeft 2.17" in result.stderr
    assert not (home / ".local").exists()


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")
def test_the_deb_installs_to_opt_with_a_command_a_menu_entry_and_its_dependencies(dist):
    deb = dist / f"leersessie_{__version__}_amd64.deb"

    def field(name: str) -> str:
        return _deb_field(deb, name)

    assert field("Package") == "leersessie"
    assert field("Version") == __version__
    depends = field("Depends")
    for package in ("libc6 (>= 2.", "libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libcups2"):
        assert package in depends
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "./usr/bin/leersessie -> /opt/leersessie/leersessie" in listing
    for path in (
        "./opt/leersessie/leersessie\n",
        "./opt/leersessie/_internal/leersessie/session_templates/actieleren.toml",
        "./usr/share/applications/leersessie.desktop",
        "./usr/share/icons/hicolor/16x16/apps/leersessie.png",
        "./usr/share/icons/hicolor/scalable/apps/leersessie.svg",
        "./usr/share/doc/leersessie/copyright",
    ):
        assert path in listing
    assert "root/root" in listing and " ./home" not in listing
    assert "-rw-------" not in listing and "drwx------" not in listing


def test_the_bundle_benchmark_writes_only_its_own_section(dist, tmp_path):
    report = tmp_path / "BENCHMARKS.md"
    report.write_text("# Benchmarks\n\nFigures of others.\n\n## Bundle\n\nold figures\n")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bundle.py"),
            "--bundle",
            str(dist / "leersessie"),
            "--runs",
            "1",
            "--output",
            str(report),
        ],
        check=True,
        capture_output=True,
        env=_no_display_env(),
    )
    text = report.read_text()
    assert text.startswith("# Benchmarks\n\nFigures of others.\n\n## Bundle\n")
    assert "old figures" not in text
    assert re.search(r"Bundle unpacked: \*\*\d+ MB\*\*", text)
    assert re.search(r"\| start to the home screen .*\| \d+\.\d\d s \| \d+\.\d\d s \|", text)
