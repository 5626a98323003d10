#!/bin/sh
# Leersessie installeren voor deze gebruiker, zonder beheerdersrechten:
#
#   ./install.sh              installeren (of bijwerken) onder ~/.local
#   ./install.sh --verwijder  weer verwijderen; uw gegevens blijven staan
#
# De app komt in ~/.local/lib/leersessie, de opdracht in ~/.local/bin/leersessie,
# en Leersessie verschijnt in het menu met toepassingen.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${XDG_DATA_HOME:-$HOME/.local/share}"
APP_DIR="$HOME/.local/lib/leersessie"
BIN="$HOME/.local/bin/leersessie"
DESKTOP="$PREFIX/applications/leersessie.desktop"
ICON="$PREFIX/icons/hicolor/256x256/apps/leersessie.png"
DATA="$PREFIX/Leersessie"

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

mkdir -p "$HOME/.local/lib" "$HOME/.local/bin" "$(dirname "$DESKTOP")" "$(dirname "$ICON")"
rm -rf "$APP_DIR.nieuw"
cp -R "$HERE/leersessie" "$APP_DIR.nieuw"
rm -rf "$APP_DIR"
mv "$APP_DIR.nieuw" "$APP_DIR"
ln -sf "$APP_DIR/leersessie" "$BIN"
cp "$HERE/leersessie.png" "$ICON"
# The menu may not search ~/.local/bin: the entry names the program by its full path.
sed "s|^Exec=leersessie|Exec=$APP_DIR/leersessie|" "$HERE/leersessie.desktop" >"$DESKTOP"
refresh_menu
echo "Leersessie is geïnstalleerd: kies het in het menu met toepassingen, of start $BIN."
echo "Uw gegevens komen in $DATA. Verwijderen: $0 --verwijder"
