"""Where the shared AT-SPI check lives: `../shared` beside the checkout (as CI lays it out)."""

from __future__ import annotations

from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
_CANDIDATES = (
    _REPO.parent / "shared" / "tools" / "a11y" / "run_check.sh",
    Path("/work/shared/tools/a11y/run_check.sh"),
)
RUN_CHECK = next((path for path in _CANDIDATES if path.exists()), _CANDIDATES[0])
