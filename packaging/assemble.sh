#!/usr/bin/env bash
# Add what sits beside the program in a bundle: the `alttext-app` name, the menu entry, AppStream
# metadata, icons, file-manager actions, install/uninstall scripts and the README. scripts/bundle.sh runs it on the
# PyInstaller output; tests run it on a stand-in program.  Usage: packaging/assemble.sh BUNDLE_DIR
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dist=${1:?usage: packaging/assemble.sh BUNDLE_DIR}

ln -sfn alttext "$dist/alttext-app"  # one program; the name it is started by picks window or CLI
mkdir -p "$dist/share/applications" "$dist/share/metainfo" "$dist/share/icons/hicolor/scalable/apps"
cp "$root/packaging/linux/alttext.desktop" "$dist/share/applications/"
cp "$root/packaging/linux/io.github.alttext.AltText.metainfo.xml" "$dist/share/metainfo/"
cp "$root/assets/icons/alttext.svg" "$dist/share/icons/hicolor/scalable/apps/"
for png in "$root"/assets/icons/alttext-*.png; do
  size=${png##*-}; size=${size%.png}
  mkdir -p "$dist/share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$dist/share/icons/hicolor/${size}x${size}/apps/alttext.png"
done
mkdir -p "$dist/share/file-managers"  # "Describe with AltText" for Nautilus and Dolphin
cp -p "$root"/packaging/linux/file-managers/* "$dist/share/file-managers/"
cp "$root/packaging/install.sh" "$root/packaging/uninstall.sh" "$dist/"
if [[ -f "$root/docs/packaging.md" ]]; then
  cp "$root/docs/packaging.md" "$dist/README.md"
fi
