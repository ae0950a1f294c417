#!/usr/bin/env bash
# Remove AltText installed by install.sh: the program, its commands, menu entry, icons and
# file-manager actions.
# Your models, settings and logs stay, so a reinstall finds them; --purge removes them too.
# ALTTEXT_PREFIX=DIR uninstalls from DIR instead of ~/.local (as install.sh).
set -euo pipefail

APP_ID=io.github.alttext.AltText
DESKTOP_ID=alttext.desktop
ICON_NAME=alttext
NAUTILUS_SCRIPT="Describe with AltText"
SERVICE_MENU=alttext-describe.desktop

purge=0
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "uninstall.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

prefix=${ALTTEXT_PREFIX:-$HOME/.local}
opt=$prefix/opt/alttext
share=$prefix/share

for name in alttext alttext-app; do
  link=$prefix/bin/$name
  # Only our own links: never delete an `alttext` that something else put there.
  if [[ -L "$link" && "$(readlink "$link")" == "$opt/"* ]]; then
    rm -f "$link"
  fi
done
rm -f "$share/applications/$DESKTOP_ID" "$share/metainfo/$APP_ID.metainfo.xml"
rm -f "$share/kio/servicemenus/$SERVICE_MENU"
script=$share/nautilus/scripts/$NAUTILUS_SCRIPT
if [[ -f "$script" ]] && grep -q '^# alttext-file-manager-script' "$script"; then
  rm -f "$script"  # only our own script, never a person's own one of the same name
fi
rm -f "$share"/icons/hicolor/*/apps/"$ICON_NAME".png "$share/icons/hicolor/scalable/apps/$ICON_NAME.svg"
rm -rf "$opt" "$opt.new"

if command -v update-desktop-database >/dev/null && [[ -d "$share/applications" ]]; then
  update-desktop-database -q "$share/applications" || true
fi
[[ -d "$share/icons/hicolor" ]] && touch "$share/icons/hicolor"
if command -v gtk-update-icon-cache >/dev/null && [[ -f "$share/icons/hicolor/index.theme" ]]; then
  gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
fi
echo "AltText is removed."

if ((purge)); then
  # The default folders of alttext_app.core.paths (platformdirs on Linux). Folders moved with
  # ALTTEXT_*_DIR are the person's own choice and are left alone: they may hold other things.
  data=${XDG_DATA_HOME:-$HOME/.local/share}/alttext
  config=${XDG_CONFIG_HOME:-$HOME/.config}/alttext
  logs=${XDG_STATE_HOME:-$HOME/.local/state}/alttext
  rm -rf "$data" "$config" "$logs"
  echo "Removed your models, settings and logs: $data $config $logs"
else
  echo "Your models and settings are kept; run with --purge to remove them too."
fi
