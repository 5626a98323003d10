#!/usr/bin/env bash
# Build Leersessie for Linux from the sources next to this script, in a temporary venv:
#
#   packaging/build-linux.sh [OUTPUT_DIR]        (default: dist/ in the checkout)
#
# Produces in OUTPUT_DIR:
#   leersessie/                                   the one-folder bundle (PyInstaller)
#   leersessie-<version>-linux-x86_64.tar.gz      bundle + desktop entry + icon + install.sh
#   leersessie_<version>_amd64.deb                /opt/leersessie, /usr/bin/leersessie
# and runs the bundle's self-test. Needs python3 (3.11+), its venv module, dpkg-deb and
# binutils (objdump; as and ld for the trimmed ICU data, see trim_icu.py); the network
# only for pip, which installs the locked versions of build-constraints.txt.
set -euo pipefail
# What the packages hold is the program, readable by every user of the machine (dpkg-deb
# refuses a private control folder), whatever umask the caller has (Leersessie's own is 077).
umask 022
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
DIST=$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/leersessie/__init__.py")
NAME="leersessie-$VERSION-linux-x86_64"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Libraries of the desktop that the bundle uses and does not carry (SYSTEM_LIBRARIES in
# leersessie.spec), found with ldd on the bundle: Qt's xcb and wayland platforms, OpenGL,
# fonts, printing (CUPS), the session bus. "new | old": Ubuntu 24.04 renamed some (t64).
DEB_DEPENDS="libstdc++6, libgl1, libegl1, libglx0, libdrm2, libfontconfig1, libfreetype6, \
libpng16-16t64 | libpng16-16, libglib2.0-0t64 | libglib2.0-0, libdbus-1-3, libx11-6, \
libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-glx0, libxcb-icccm4, libxcb-image0, \
libxcb-keysyms1, libxcb-randr0, libxcb-render0, libxcb-render-util0, libxcb-shape0, \
libxcb-shm0, libxcb-sync1, libxcb-util1, libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, \
libxkbcommon-x11-0, libwayland-client0, libwayland-cursor0, libwayland-egl1, \
libcups2t64 | libcups2"

echo "== Leersessie $VERSION: bron kopiëren en bouwomgeving maken"
mkdir "$WORK/src"
tar -C "$ROOT" --exclude=.git --exclude=.venv --exclude=build --exclude=dist \
  --exclude=__pycache__ --exclude='*.egg-info' --exclude=benchmarks/out -cf - . |
  tar -C "$WORK/src" -xf -
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --disable-pip-version-check \
  -c "$HERE/build-constraints.txt" "$WORK/src" pyinstaller

echo "== bundel bouwen (PyInstaller)"
(cd "$WORK/src" && "$WORK/venv/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$WORK/dist" --workpath "$WORK/build" packaging/leersessie.spec)
BUNDLE="$WORK/dist/leersessie"
# Files the user's umask would leave group- or world-writable must not be.
chmod -R u+rwX,go+rX,go-w "$BUNDLE"

echo "== zelftest van de bundel"
env -u DISPLAY -u WAYLAND_DISPLAY "$BUNDLE/leersessie" --self-test

# The newest glibc symbol any file of the bundle asks for: the C library it needs at least.
GLIBC=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name leersessie \) -exec objdump -T {} + 2>/dev/null |
  grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1 || true)
GLIBC=${GLIBC:-2.28}
echo "== glibc $GLIBC of nieuwer nodig"

echo "== $NAME.tar.gz"
STAGE="$WORK/tar/$NAME"
mkdir -p "$STAGE"
cp -a "$BUNDLE" "$STAGE/leersessie"
cp "$HERE/leersessie.desktop" "$STAGE/"
cp "$HERE/icons/leersessie-256.png" "$STAGE/leersessie.png"
# install.sh checks the machine's glibc against what this bundle needs.
sed "s/@GLIBC@/$GLIBC/" "$HERE/linux/install.sh" >"$STAGE/install.sh"
chmod 755 "$STAGE/install.sh"
chmod -R u+rwX,go+rX,go-w "$STAGE"  # a checkout made under umask 077 has private files
tar -C "$WORK/tar" -czf "$DIST/$NAME.tar.gz" "$NAME"

echo "== leersessie_${VERSION}_amd64.deb"
DEB="$WORK/deb"
mkdir -p "$DEB/DEBIAN" "$DEB/opt" "$DEB/usr/bin" "$DEB/usr/share/applications"
cp -a "$BUNDLE" "$DEB/opt/leersessie"
ln -s /opt/leersessie/leersessie "$DEB/usr/bin/leersessie"
cp "$HERE/leersessie.desktop" "$DEB/usr/share/applications/"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$DEB/usr/share/icons/hicolor/${size}x${size}/apps"
  cp "$HERE/icons/leersessie-$size.png" "$DEB/usr/share/icons/hicolor/${size}x${size}/apps/leersessie.png"
done
# Debian policy: the licences of the package and of what it bundles (machine-readable).
mkdir -p "$DEB/usr/share/doc/leersessie"
cp "$HERE/linux/copyright" "$DEB/usr/share/doc/leersessie/copyright"
mkdir -p "$DEB/usr/share/icons/hicolor/scalable/apps"
cp "$HERE/icons/leersessie.svg" "$DEB/usr/share/icons/hicolor/scalable/apps/"
cat > "$DEB/DEBIAN/control" <<CONTROL
Package: leersessie
Version: $VERSION
Architecture: amd64
Maintainer: Leersessie <leersessie@localhost>
Installed-Size: $(du -sk "$DEB" | cut -f1)
Depends: libc6 (>= $GLIBC), $DEB_DEPENDS
Section: education
Priority: optional
Description: begeleid reflectiesessies voor leercoaches
 Leersessie leidt een team stap voor stap door actieleren, leerreview,
 teamontwikkelruimte en andere reflectievormen. Notities en acties blijven
 lokaal op de computer; verslagen en werkbladen gaan naar PDF.
 .
 Gegevens staan in ~/.local/share/Leersessie en blijven staan als het
 pakket wordt verwijderd.
CONTROL
chmod -R u+rwX,go+rX,go-w "$DEB"
dpkg-deb --root-owner-group -Zgzip --build "$DEB" "$DIST/leersessie_${VERSION}_amd64.deb" >/dev/null

rm -rf "$DIST/leersessie"
cp -a "$BUNDLE" "$DIST/leersessie"
echo "== klaar: $DIST/$NAME.tar.gz, $DIST/leersessie_${VERSION}_amd64.deb, $DIST/leersessie/"
