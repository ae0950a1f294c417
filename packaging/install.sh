#!/usr/bin/env bash
# Install AltText for the current user, no root needed. Run it from the unpacked bundle:
#   tar xf alttext-*-linux-x86_64.tar.gz && alttext/install.sh
# It copies the bundle to ~/.local/opt/alttext, links `alttext` and `alttext-app` into ~/.local/bin,
# and adds AltText to the desktop's menu, to "Open with" for images and "Describe with AltText" to
# Nautilus (Scripts) and Dolphin (service menu). Run it again to update.
# Options: --no-selftest (skip the final check).  ALTTEXT_PREFIX=DIR installs under DIR instead of
# ~/.local (tests use it). Remove with ~/.local/opt/alttext/uninstall.sh.
set -euo pipefail

APP_ID=io.github.alttext.AltText
DESKTOP_ID=alttext.desktop
ICON_NAME=alttext
NAUTILUS_SCRIPT="Describe with AltText"
SERVICE_MENU=alttext-describe.desktop

selftest=1
for arg in "$@"; do
  case "$arg" in
    --no-selftest) selftest=0 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bundle=$here
if [[ ! -x "$bundle/alttext" && -x "$here/../dist/alttext/alttext" ]]; then
  bundle=$(cd "$here/../dist/alttext" && pwd)  # run from a source checkout after scripts/bundle.sh
fi
if [[ ! -x "$bundle/alttext" || ! -d "$bundle/_internal" ]]; then
  echo "install.sh: no AltText bundle next to this script; build one with scripts/bundle.sh." >&2
  exit 1
fi

prefix=${ALTTEXT_PREFIX:-$HOME/.local}
opt=$prefix/opt/alttext
bin=$prefix/bin
share=$prefix/share

# Copy beside the old install, then swap, so a failed copy never leaves a half-installed app.
mkdir -p "$prefix/opt" "$bin"
if [[ "$bundle" != "$(cd "$opt" 2>/dev/null && pwd)" ]]; then
  rm -rf "$opt.new"
  cp -a "$bundle" "$opt.new"
  rm -rf "$opt"
  mv "$opt.new" "$opt"
fi
ln -sfn alttext "$opt/alttext-app"  # one program; the name it is started by picks window or CLI
ln -sfn "$opt/alttext" "$bin/alttext"
ln -sfn "$opt/alttext-app" "$bin/alttext-app"

# Menu entry with absolute paths: a desktop session's PATH often lacks ~/.local/bin.
mkdir -p "$share/applications" "$share/metainfo"
exec_arg() {  # quote a path as one Exec= argument (Desktop Entry spec: quoting, then escapes)
  local v=$1
  v=${v//\\/\\\\\\\\}; v=${v//\"/\\\\\"}; v=${v//\`/\\\\\`}; v=${v//\$/\\\\\$}; v=${v//%/%%}
  printf '"%s"' "$v"
}
with_program() {  # a desktop file with the program's absolute path in its Exec/TryExec lines
  while IFS= read -r line; do
    case "$line" in
      Exec=alttext-app*) line="Exec=$(exec_arg "$opt/alttext-app")${line#Exec=alttext-app}" ;;
      TryExec=alttext-app) line="TryExec=${opt//\\/\\\\}/alttext-app" ;;
    esac
    printf '%s\n' "$line"
  done < "$1"
}
with_program "$opt/share/applications/$DESKTOP_ID" > "$share/applications/$DESKTOP_ID"
cp "$opt/share/metainfo/$APP_ID.metainfo.xml" "$share/metainfo/"
for dir in "$opt"/share/icons/hicolor/*/apps; do
  size=$(basename "$(dirname "$dir")")
  mkdir -p "$share/icons/hicolor/$size/apps"
  cp "$dir"/"$ICON_NAME".* "$share/icons/hicolor/$size/apps/"
done

# "Describe with AltText" in file managers: a Nautilus script and a Dolphin service menu (KIO
# only runs service menus that are executable when they sit in the user's folder).
fm=$opt/share/file-managers
if [[ -d "$fm" ]]; then
  mkdir -p "$share/nautilus/scripts" "$share/kio/servicemenus"
  quoted=${opt//\'/\'\\\'\'}
  while IFS= read -r line; do
    [[ "$line" == 'exec alttext-app "$@"' ]] && line="exec '$quoted/alttext-app' \"\$@\""
    printf '%s\n' "$line"
  done < "$fm/$NAUTILUS_SCRIPT" > "$share/nautilus/scripts/$NAUTILUS_SCRIPT"
  with_program "$fm/$SERVICE_MENU" > "$share/kio/servicemenus/$SERVICE_MENU"
  chmod 755 "$share/nautilus/scripts/$NAUTILUS_SCRIPT" "$share/kio/servicemenus/$SERVICE_MENU"
fi

# Refresh the caches desktops read; missing tools only mean the menu updates at next log-in.
if command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$share/applications" || true
fi
touch "$share/icons/hicolor"
if command -v gtk-update-icon-cache >/dev/null && [[ -f "$share/icons/hicolor/index.theme" ]]; then
  gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
fi

echo "AltText is installed in $opt"
echo "  window:       alttext-app  (or AltText in your desktop's menu)"
echo "  command line: alttext caption IMAGE"

# What the bundle takes from the system (see docs/packaging.md).
have_lib() { { /sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null; } | grep -q "$1"; }
if ! have_lib 'libespeak-ng\.so\.1'; then
  echo "Note: speech needs espeak-ng; install it with: sudo apt install libespeak-ng1 espeak-ng-data"
fi
if ! command -v tesseract >/dev/null; then
  echo "Note: reading text in images needs Tesseract: sudo apt install tesseract-ocr"
fi
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "Note: $bin is not on your PATH; log out and in again, or add it to PATH." ;;
esac

if ((selftest)); then
  # Offscreen: checking the installation must not flash a window on the person's screen.
  QT_QPA_PLATFORM=offscreen "$opt/alttext-app" --selftest 2>/dev/null || {
    echo "The self-test found a problem (see the line above); AltText is installed anyway." >&2
    exit 0
  }
fi
