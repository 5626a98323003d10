"""`leersessie --self-test` of the pip-installed app: it passes on a complete installation
and names what is missing on an incomplete one. The frozen bundle: tests/test_bundle.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leersessie import cli, selftest
from leersessie.selftest import SelfTestFailure, check_translations
from leersessie_ui import selftest as qt_selftest


def _run_self_test(prelude: str = "") -> subprocess.CompletedProcess[str]:
    """The `leersessie` command with --self-test, as a user starts it: no display and no
    QT_QPA_PLATFORM (the self-test chooses offscreen itself)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("LEERSESSIE_LANG", None)
    script = (
        f"import sys\n{prelude}\n"
        "from leersessie_ui.__main__ import main\n"
        "sys.argv = ['leersessie', '--self-test']\n"
        "sys.exit(main())\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.mark.slow
def test_the_installed_app_passes_its_self_test_without_a_display():
    result = _run_self_test()
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "Zelftest geslaagd."
    assert "in orde   venster: startscherm getoond (Qt-platform offscreen)" in lines
    assert any(
        line.startswith("in orde   voorbeeld en PDF's: verslag en werkblad") for line in lines
    )


@pytest.mark.slow
def test_a_file_missing_from_the_installation_fails_naming_it():
    result = _run_self_test(
        "import leersessie.selftest as s\n"
        "s.shipped_data_files = lambda: ['leersessie/session_templates/verdwenen.toml']\n"
    )
    assert result.returncode == 1
    assert "MISLUKT   bestanden:" in result.stderr
    assert "leersessie/session_templates/verdwenen.toml" in result.stderr
    assert "Zelftest geslaagd." not in result.stdout


def test_a_missing_font_is_named(monkeypatch):
    from leersessie.reports import pdf

    monkeypatch.setitem(pdf.FONT_FILES, "Ontbrekend", "Ontbrekend.ttf")
    with pytest.raises(SelfTestFailure, match=r"lettertype ontbreekt: Ontbrekend\.ttf"):
        selftest.check_shipped_files()


def test_a_translation_that_cannot_load_is_named(monkeypatch, tmp_path):
    """An installation without the English catalogue: the real loader looks for it in a
    package folder that has none."""
    from leersessie.base import i18n

    (tmp_path / "locale").mkdir()
    monkeypatch.setattr(i18n.resources, "files", lambda _package: tmp_path)
    monkeypatch.setattr(i18n, "_loaded", {})
    with pytest.raises(SelfTestFailure, match="de vertaling 'en' ontbreekt"):
        check_translations()
    assert selftest.language() == "nl"


def test_the_translation_check_leaves_the_language_as_it_was():
    assert check_translations() == "en"
    assert selftest.language() == "nl"


def test_a_missing_qt_plugin_is_named(monkeypatch):
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    needed = [*qt_selftest._NEEDED_PLUGINS[platform], ("platforms", "qnietbestaand")]
    monkeypatch.setitem(qt_selftest._NEEDED_PLUGINS, platform, needed)
    with pytest.raises(
        SelfTestFailure, match=r"Qt-plug-in ontbreekt in .*: platforms/qnietbestaand"
    ):
        qt_selftest.check_qt_files()


def test_a_missing_qt_translation_is_named(monkeypatch):
    monkeypatch.setattr(qt_selftest, "QT_TRANSLATION", "qtbase_xx.qm")
    with pytest.raises(SelfTestFailure, match=r"Qt's vertaling qtbase_xx\.qm ontbreekt"):
        qt_selftest.check_qt_files()


def test_the_core_cli_alone_refuses_the_self_test(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--self-test"])
    assert exit_.value.code == 2
    assert "--self-test werkt alleen vanuit de app zelf" in capsys.readouterr().err


def test_the_app_names_the_desktop_entry_the_installers_ship(qapp):
    from leersessie_ui.app import make_application

    shipped = Path(__file__).resolve().parents[1] / "packaging" / "leersessie.desktop"
    assert make_application().desktopFileName() == shipped.stem
    assert "Icon=leersessie\n" in shipped.read_text()
