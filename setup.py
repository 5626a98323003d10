"""The one build step pyproject.toml cannot declare: the translation catalogues (.po, kept in
the repository) compiled to the .mo files gettext reads, inside the wheel. A checkout or an
editable install has no .mo: leersessie.base.i18n compiles the .po in memory there."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # a .mo in the source tree would go stale; the .po is read instead
        for po in Path("leersessie/locale").glob("*/LC_MESSAGES/*.po"):
            target = Path(self.build_lib) / po.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source, target.open("wb") as out:
                write_mo(out, read_po(source))


setup(cmdclass={"build_py": BuildPyWithCatalogues})
