#!/bin/sh
# Leersessie installeren voor deze gebruiker, zonder beheerdersrechten:
#
#   ./install.sh              installeren (of bijwerken) onder ~/.local
#   ./install.sh --verwijder  weer verwijderen; uw gegevens blijven staan
#
# De app komt in ~/.local/lib/leersessie, de opdracht in ~/.local/bin/leersessie,
# en Leersessie verschijnt in het menu met toepassingen. Een kopie van dit script staat
# daarna in ~/.local/lib/leersessie/install.sh: verwijderen kan ook als de uitgepakte
# map al weg is.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${XDG_DATA_HOME:-$HOME/.local/share}"
APP_DIR="$HOME/.local/lib/leersessie"
BIN="$HOME/.local/bin/leersessie"
DESKTOP="$PREFIX/applications/leersessie.desktop"
ICON="$PREFIX/icons/hicolor/256x256/apps/leersessie.png"
DATA="$PREFIX/Leersessie"
# The oldest C library (glibc) the bundle runs on: packaging/build-linux.sh fills it in.
NEEDS_GLIBC="@GLIBC@"

refresh_menu() {
  command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database -q "$PREFIX/applications" 2>/dev/null || true
}

if [ "${1:-}" = "--verwijder" ]; then
  rm -rf "$APP_DIR"
  rm -f "$BIN" "$DESKTOP" "$ICON"
  refresh_menu
  echo "Leersessie is verwijderd."
  echo "Uw gegevens (sessies, acties, reservekopieën) staan nog in $DATA;"
  echo "die map verwijdert u zelf als u ze niet meer nodig hebt."
  exit 0
fi

if [ ! -x "$HERE/leersessie/leersessie" ]; then
  echo "Hier staat geen Leersessie om te installeren ($HERE/leersessie ontbreekt)." >&2
  echo "Pak het .tar.gz-bestand opnieuw uit en start install.sh uit die map." >&2
  exit 1
fi

# "glibc 2.36" on a glibc system; nothing (or another C library) elsewhere.
HAVE_GLIBC=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc //p' || true)
if [ -z "$HAVE_GLIBC" ] ||
  [ "$(printf '%s\n%s\n' "$NEEDS_GLIBC" "$HAVE_GLIBC" | sort -V | head -n 1)" != "$NEEDS_GLIBC" ]; then
  echo "Leersessie heeft glibc $NEEDS_GLIBC of nieuwer nodig (bijvoorbeeld Ubuntu 22.04," >&2
  echo "Debian 12, Fedora 36 of nieuwer); dit systeem heeft ${HAVE_GLIBC:-geen glibc}." >&2
  echo "Er is niets geïnstalleerd." >&2
  exit 1
fi

mkdir -p "$HOME/.local/lib" "$HOME/.local/bin" "$(dirname "$DESKTOP")" "$(dirname "$ICON")"
rm -rf "$APP_DIR.nieuw"
cp -R "$HERE/leersessie" "$APP_DIR.nieuw"
cp "$0" "$APP_DIR.nieuw/install.sh"
chmod 755 "$APP_DIR.nieuw/install.sh"
rm -rf "$APP_DIR"
mv "$APP_DIR.nieuw" "$APP_DIR"
ln -sf "$APP_DIR/leersessie" "$BIN"
cp "$HERE/leersessie.png" "$ICON"
# The menu may not search ~/.local/bin: the entry names the program by its full path.
sed "s|^Exec=leersessie|Exec=$APP_DIR/leersessie|" "$HERE/leersessie.desktop" >"$DESKTOP"
refresh_menu
echo "Leersessie is geïnstalleerd: kies het in het menu met toepassingen, of start $BIN."
echo "Uw gegevens komen in $DATA. Verwijderen: $APP_DIR/install.sh --verwijder"
