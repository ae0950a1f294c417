#!/usr/bin/env bash
# Collect the window's translatable strings into alttext_app/gui/i18n/alttext_<locale>.ts
# (pyside6-lupdate) and compile them to .qm (pyside6-lrelease); print what is unfinished.
#
#   scripts/update_translations.sh            # every language that has a .ts file
#   scripts/update_translations.sh de         # also start a new one (Qt locale name: de, pt_BR…)
#
# Translate the .ts files with Qt Linguist (pyside6-linguist) or any XLIFF-aware editor, then run
# this again. The .qm files are small and committed, so the app needs no Qt tools at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${ALTTEXT_VENV:-.venv}/bin"
if [ ! -x "$BIN/pyside6-lupdate" ]; then
    tool="$(command -v pyside6-lupdate || true)"
    [ -n "$tool" ] || { echo "pyside6-lupdate not found: run scripts/setup.sh first" >&2; exit 2; }
    BIN="$(dirname "$tool")"
fi
DIR=alttext_app/gui/i18n
mkdir -p "$DIR"
locales=()
for ts in "$DIR"/alttext_*.ts; do
    [ -e "$ts" ] || continue
    name="${ts##*/alttext_}"; locales+=("${name%.ts}")
done
for extra in "$@"; do locales+=("$extra"); done
[ ${#locales[@]} -gt 0 ] || { echo "no languages: give one, e.g. $0 zh_CN" >&2; exit 2; }
mapfile -t sources < <(git ls-files 'alttext_app/gui/*.py'; git ls-files --others --exclude-standard 'alttext_app/gui/*.py')
status=0
for locale in $(printf '%s\n' "${locales[@]}" | sort -u); do
    ts="$DIR/alttext_$locale.ts"
    "$BIN/pyside6-lupdate" -no-obsolete -locations none -target-language "$locale" "${sources[@]}" -ts "$ts" >/dev/null
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "$DIR/alttext_$locale.qm"
    total=$(grep -c "<message" "$ts" || true)
    unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
    echo "$locale: $total messages, $unfinished unfinished"
    [ "$unfinished" = 0 ] || status=1
done
exit $status
