"""A smaller ICU data library for the Linux bundle: Qt's libicudata.so (32 MB) holds the
data of every language, old code page and Asian word dictionary; the app speaks Dutch and
English and reads and writes UTF-8.

Qt uses ICU for sorting (QCollator), case mapping, text boundaries and legacy encodings.
What stays: everything that is not tied to one language (properties, normalisation,
break rules, time zones, the single-byte code pages), and of the per-language data the
root, Dutch and English. What goes: other languages' locale data, collations and display
names, transliterators, the multi-byte Asian code pages and the word dictionaries
(Chinese, Japanese, Thai, Lao, Burmese, Khmer). A lookup of something left out gets ICU's
fallback (root), as for any language ICU does not know.

The library is ICU's common data file (.dat, "CmnD") under one symbol (icudt73_dat);
`as` and `ld` (binutils) make the new library, no compiler needed.

    python packaging/trim_icu.py LIBICUDATA OUT_LIBRARY
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# The package's format, twelve bytes after its start.
_FORMAT = b"CmnD"
_ALIGN = 16
# Per-language files (nl.res, en_GB.res, zh_Hant.res) and the languages that stay.
_LOCALE_FILE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9_]+)?\.res$")
_KEPT_LANGUAGES = {"nl", "en"}
_INDEX_FILES = {"root.res", "pool.res", "res_index.res"}
_DROPPED_FOLDERS = {"translit"}  # transliterators: neither Qt nor the app uses them
# Single-byte code pages are a few kB each; the multi-byte Asian ones 100 kB to 700 kB.
_MAX_CODE_PAGE = 64 * 1024


def keep(name: str, size: int) -> bool:
    """Whether an item of the package (e.g. "icudt73l/coll/nl.res") stays."""
    parts = name.split("/")[1:]
    file = parts[-1]
    if len(parts) > 1 and parts[0] in _DROPPED_FOLDERS:
        return False
    if file.endswith(".dict"):
        return False
    if file.endswith(".cnv"):
        return size <= _MAX_CODE_PAGE
    if file in _INDEX_FILES:
        return True
    locale = _LOCALE_FILE.match(file)
    return locale is None or locale.group(1) in _KEPT_LANGUAGES


def _table(data: bytes, start: int) -> tuple[int, int, list[tuple[int, int]]]:
    header_size = struct.unpack_from("<H", data, start)[0]
    count = struct.unpack_from("<I", data, start + header_size)[0]
    entries = [
        struct.unpack_from("<II", data, start + header_size + 4 + 8 * index)
        for index in range(count)
    ]
    return header_size, count, entries


def items(package: bytes) -> list[tuple[str, bytes]]:
    """The package's items in order: (name, bytes with their padding)."""
    header_size, _, entries = _table(package, 0)
    toc = header_size
    out = []
    for index, (name_offset, data_offset) in enumerate(entries):
        name_end = package.index(b"\0", toc + name_offset)
        name = package[toc + name_offset : name_end].decode("ascii")
        end = entries[index + 1][1] if index + 1 < len(entries) else len(package) - toc
        out.append((name, package[toc + data_offset : toc + end]))
    return out


def trim(package: bytes) -> bytes:
    """The package with only the items `keep` wants, in the same (sorted) order."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    kept = [(name, data) for name, data in items(package) if keep(name, len(data))]
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in kept)
    table_size = 4 + 8 * len(kept)
    data_start = _aligned(table_size + len(names))
    name_offsets, data_offsets = [], []
    name_offset, data_offset = table_size, data_start
    for name, data in kept:
        name_offsets.append(name_offset)
        data_offsets.append(data_offset)
        name_offset += len(name) + 1
        data_offset = _aligned(data_offset + len(data))
    out = bytearray(package[:header_size])
    out += struct.pack("<I", len(kept))
    for pair in zip(name_offsets, data_offsets, strict=True):
        out += struct.pack("<II", *pair)
    out += names
    for (_, data), offset in zip(kept, data_offsets, strict=True):
        out += bytes(header_size + offset - len(out))
        out += data
    return bytes(out + bytes(_aligned(len(out)) - len(out)))


def _aligned(size: int) -> int:
    return (size + _ALIGN - 1) // _ALIGN * _ALIGN


def _symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size (from the dynamic symbol table)."""
    table = subprocess.run(
        ["objdump", "-T", "-h", str(library)], capture_output=True, text=True, check=True
    ).stdout
    symbol = re.search(
        r"^([0-9a-f]+)\s+g\s+DO\s+\.rodata\s+([0-9a-f]+)\s+(icudt\d+_dat)$", table, re.M
    )
    rodata = re.search(r"\.rodata\s+[0-9a-f]+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", table)
    if symbol is None or rodata is None:
        raise ValueError(f"{library}: geen ICU-gegevenssymbool")
    address, size = int(symbol.group(1), 16), int(symbol.group(2), 16)
    offset = address - int(rodata.group(1), 16) + int(rodata.group(2), 16)
    return symbol.group(3), offset, size


def build(library: Path, target: Path) -> None:
    """Write a trimmed copy of the ICU data library `library` to `target`."""
    name, offset, size = _symbol(library)
    package = library.read_bytes()[offset : offset + size]
    if package[12:16] != _FORMAT:
        raise ValueError(f"{library}: het symbool {name} is geen ICU-gegevenspakket")
    soname = library.name
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "data.dat").write_bytes(trim(package))
        (work / "data.s").write_text(
            f"\t.section .rodata\n\t.globl {name}\n\t.type {name}, @object\n"
            f'\t.balign 16\n{name}:\n\t.incbin "data.dat"\n\t.size {name}, . - {name}\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(["as", "--64", "-o", "data.o", "data.s"], cwd=work, check=True)
        subprocess.run(
            ["ld", "-shared", "-soname", soname, "-o", str(target.resolve()), "data.o"],
            cwd=work,
            check=True,
        )


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
