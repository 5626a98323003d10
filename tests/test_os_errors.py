"""OS errors are explained in the user's language, not in the system's English."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from leersessie.base.errors import TemplateError, describe_os_error
from leersessie.base.i18n import set_language
from leersessie.method.templates import load_template_file


def test_common_file_errors_read_in_dutch_and_in_english() -> None:
    denied = PermissionError(errno.EACCES, "Permission denied")
    full = OSError(errno.ENOSPC, "No space left on device")
    assert describe_os_error(denied) == "geen toestemming"
    assert describe_os_error(full) == "de schijf is vol"
    set_language("en")
    assert describe_os_error(denied) == "permission denied"


def test_an_unusual_error_is_named_by_its_code_not_its_english_text() -> None:
    text = describe_os_error(OSError(errno.EXDEV, "Invalid cross-device link"))
    assert text == "systeemfout EXDEV"


def test_a_template_that_cannot_be_read_says_why_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        load_template_file(tmp_path / "weg.toml")
    assert info.value.message == (
        "weg.toml: kan het bestand niet lezen: het bestand of de map bestaat niet"
    )
