"""Start-up safety: never two writers on one data folder, and a warning for folders
where SQLite files are known to get corrupted (sync services, network drives).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from leersessie.base.errors import DatabaseError, describe_os_error
from leersessie.base.i18n import tr

LOCK_NAME = ".leersessie.lock"

# Folder names the sync clients create, matched against each part of the resolved
# path ignoring case: "OneDrive - Organisatie" is business OneDrive, "Dropbox (Team)"
# a team Dropbox, and macOS 12+ puts all of them under ~/Library/CloudStorage.
_SYNC_FOLDERS = (
    (re.compile(r"onedrive(?:[ -].*)?"), "OneDrive"),
    (re.compile(r"dropbox(?: \(.*\))?"), "Dropbox"),
    (
        re.compile(r"google ?drive(?:-.*)?|my drive|mijn drive|gedeelde drives|shared drives"),
        "Google Drive",
    ),
    (re.compile(r"icloud ?drive(?: .*)?|mobile documents"), "iCloud Drive"),
    (re.compile(r"cloudstorage"), "een cloudopslagdienst"),
)
# File system types of /proc/mounts that live on another machine. Plain "fuse" and
# "fuseblk" are left out: those are mostly local disks (NTFS, exFAT).
_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "sshfs",
    "fuse.sshfs",
    "fuse.rclone",
    "fuse.gvfsd-fuse",
    "davfs",
    "fuse.davfs2",
    "glusterfs",
    "fuse.glusterfs",
    "ceph",
    "fuse.ceph",
    "lustre",
    "9p.cifs",
}
_DRIVE_REMOTE = 4  # GetDriveTypeW


@dataclass
class _Held:
    handle: IO[bytes]
    count: int = 0


# Locks this process holds, by resolved folder: the app opening its own folder twice
# (a dialog, a test, the CLI) is one instance and must not lock itself out.
_held: dict[Path, _Held] = {}


@dataclass
class InstanceLock:
    """Proof that this process is the only Leersessie writing in ``data_dir``.

    The operating system drops the lock when the process ends, also after a crash
    or kill, so a stale lock file never blocks the next start.
    """

    data_dir: Path
    _key: Path = field(repr=False)
    released: bool = False

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        held = _held[self._key]
        held.count -= 1
        if held.count == 0:
            del _held[self._key]
            _unlock(held.handle)
            held.handle.close()

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire_instance_lock(data_dir: Path) -> InstanceLock:
    """Raises DatabaseError when another running Leersessie uses this folder."""
    key = Path(data_dir).resolve()
    held = _held.get(key)
    if held is None:
        held = _Held(_lock_file(key))
        _held[key] = held
    held.count += 1
    return InstanceLock(Path(data_dir), key)


def _lock_file(folder: Path) -> IO[bytes]:
    path = folder / LOCK_NAME
    try:
        handle = open(path, "a+b")  # noqa: SIM115 - held open for the process lifetime
    except OSError as exc:
        raise DatabaseError(
            tr(
                "Leersessie kan de gegevensmap {path} niet vergrendelen ({reason}). Controleer of "
                "u in deze map mag schrijven.",
                path=folder,
                reason=describe_os_error(exc),
            )
        ) from exc
    try:
        _lock(handle)
    except OSError as exc:
        handle.close()
        raise DatabaseError(
            tr(
                "Leersessie is al geopend met deze gegevens ({path}), in een ander venster of door "
                "een andere gebruiker van deze computer. Ga naar dat venster en werk daar verder, "
                "of sluit het en start Leersessie opnieuw. Zo schrijven nooit twee vensters "
                "tegelijk in dezelfde database.",
                path=folder,
            )
        ) from exc
    return handle


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def sync_or_network_warning(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """A Dutch warning when ``path`` lies in a synced folder or on a network drive,
    where SQLite databases get corrupted; None when it is a plain local folder."""
    resolved = Path(path).expanduser().resolve()
    service = _sync_service(resolved)
    if service:
        return tr(
            "De gegevensmap {path} staat in een map die {service} synchroniseert. Een "
            "synchronisatiedienst kan de database beschadigen of er gegevens uit laten "
            "verdwijnen. Kies een map buiten {service}, bijvoorbeeld de standaardmap van "
            "Leersessie, en maak reservekopieën met 'leersessie backup'.",
            path=resolved,
            service=service,
        )
    if _on_network_drive(resolved, mounts_file):
        return tr(
            "De gegevensmap {path} staat op een netwerkschijf. Over het netwerk kan de "
            "database beschadigd raken. Kies een map op deze computer, bijvoorbeeld de "
            "standaardmap van Leersessie.",
            path=resolved,
        )
    return None


def _sync_service(path: Path) -> str | None:
    for part in path.parts:
        for pattern, service in _SYNC_FOLDERS:
            if pattern.fullmatch(part.casefold()):
                return service
    return None


def _on_network_drive(path: Path, mounts_file: Path) -> bool:
    if sys.platform == "win32":
        return _windows_remote(path)
    fs_type = mount_type(path, mounts_file)
    return fs_type is not None and fs_type.lower() in _NETWORK_FS


def mount_type(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """The file system type of the mount that holds ``path`` (the longest mount point
    that contains it), or None when the mounts table cannot be read (macOS)."""
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    best: tuple[int, str] | None = None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/mounts escapes spaces in mount points as \040
        point = Path(fields[1].replace("\\040", " "))
        if (path == point or point in path.parents) and (
            best is None or len(point.parts) > best[0]
        ):
            best = (len(point.parts), fields[2])
    return best[1] if best else None


def _windows_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\") and not text.startswith("\\\\?\\"):
        return True  # a UNC path: \\server\share
    import ctypes

    root = path.anchor or text[:3]
    drive_type: int = ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]
    return drive_type == _DRIVE_REMOTE
