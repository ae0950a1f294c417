#!/usr/bin/env bash
# Set up AltText on a Debian/Ubuntu machine: system packages, then .venv/ with the pinned project.
# Idempotent and quick when nothing changed. Usage: scripts/setup.sh [--test]
#   --test   also install what the test suite needs (Xvfb, AT-SPI, validators).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_RUNTIME=(
  python3 python3-venv python3-dev
  espeak-ng libespeak-ng1                      # speech
  tesseract-ocr tesseract-ocr-eng              # OCR for the built-in describer
  tesseract-ocr-chi-sim tesseract-ocr-chi-tra  # Chinese text in images (shipped in the bundle too)
  libimage-exiftool-perl                       # `alttext tag`: alt text into image metadata
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxcb-xfixes0
)
APT_TEST=(
  xvfb xauth dbus at-spi2-core python3-pyatspi python3-gi gir1.2-atspi-2.0 xdotool
  orca openbox                                 # the real screen reader test (tests/orca)
  desktop-file-utils appstream imagemagick xterm
  fonts-noto-cjk                               # Chinese signs rendered by the OCR tests
  binutils                                     # objdump: PyInstaller and scripts/bundle.sh
)

wanted=("${APT_RUNTIME[@]}")
[[ "${1:-}" == "--test" ]] && wanted+=("${APT_TEST[@]}")
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi

# Re-install only when the pins or the project metadata changed.
stamp=$(cat pyproject.toml requirements/constraints.txt | sha256sum | cut -d' ' -f1)
if [[ "$(cat .venv/.alttext-setup 2>/dev/null)" != "$stamp" ]]; then
  echo "setup: installing AltText and its pinned dependencies into .venv"
  pip_args=(-q -c requirements/constraints.txt)
  # torch 2.13.0 CPU build: from a local wheel folder when there is one, else PyTorch's CPU index
  # (PyPI's default torch build is the multi-GB CUDA one).
  if ! ls "${PIP_FIND_LINKS:-/nonexistent}"/torch-2.13.0* >/dev/null 2>&1; then
    pip_args+=(--extra-index-url "${ALTTEXT_TORCH_INDEX:-https://download.pytorch.org/whl/cpu}")
  fi
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install "${pip_args[@]}" -e ".[torch,train,dev]"
  if .venv/bin/python -m pip show torchvision >/dev/null 2>&1; then
    echo "setup: removing torchvision (it breaks beside this torch build)"
    .venv/bin/python -m pip uninstall -y -q torchvision
  fi
  echo "$stamp" > .venv/.alttext-setup
fi
