"""Bold sign lettering in photos: thick strokes and letters big for the text finder's window
(the common case on real signs) are found on a coarse copy and read."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from alttext_app.core.builtin.ocr import ocr_available
from alttext_app.core.builtin.text_detect import chain_boxes, likely_has_text, sign_chains
from alttext_app.core.builtin.text_pixels import connected_components
from alttext_app.core.builtin.text_signs import candidate_regions, read_signs
from alttext_app.core.captioner import CaptionOptions

needs_ocr = pytest.mark.skipif(not ocr_available()[0], reason=ocr_available()[1])
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
RED, WHITE, BLACK, YELLOW, GREEN = (200, 30, 30), (245, 245, 240), (20, 20, 20), (250, 210, 0), (30, 120, 60)


def sign_photo(background: Image.Image, text: str, size: int, ink, plate, angle: float,
               where: tuple[float, float] = (0.3, 0.35)) -> Image.Image:
    """`text` in DejaVu Sans Bold on a plate, turned by `angle` degrees, in a photo enlarged to
    about 1024 pixels, slightly blurred and saved as JPEG: a sign as a camera sees it."""
    if not BOLD.exists():
        pytest.skip("DejaVu fonts are not installed")
    photo = background.resize((round(background.width * 1.6), round(background.height * 1.6)))
    font = ImageFont.truetype(str(BOLD), size)
    x0, y0, x1, y1 = font.getbbox(text)
    pad = size // 3
    sign = Image.new("RGB", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), plate)
    ImageDraw.Draw(sign).text((pad - x0, pad - y0), text, font=font, fill=ink)
    mask = Image.new("L", sign.size, 255).rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    sign = sign.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    photo.paste(sign, (round(where[0] * photo.width), round(where[1] * photo.height)), mask)
    buf = io.BytesIO()
    photo.filter(ImageFilter.GaussianBlur(0.7)).save(buf, "JPEG", quality=80)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def test_runs_measure_stroke_width():
    mask = np.zeros((40, 60), dtype=bool)
    mask[5:35, 5:11] = True  # a bar 6 wide: 30 runs of 6
    mask[5:35, 20:50] = True  # a block 30 wide: 30 runs of 30
    blobs = connected_components(mask)
    assert sorted((blobs.area[1:] / blobs.runs[1:]).tolist()) == [6.0, 30.0]


@pytest.mark.parametrize(
    ("text", "size", "ink", "plate", "angle", "background"),
    [
        ("NO PARKING", 80, RED, WHITE, -4, "street_leuven.jpg"),
        ("OPEN DAILY", 90, BLACK, WHITE, -2, "street_leuven.jpg"),
        ("SLOW DOWN", 64, BLACK, YELLOW, 2, "forest_path.jpg"),
    ],
)
def test_bold_lettering_the_fine_pass_misses_is_a_sign_region(photo, text, size, ink, plate, angle, background):
    image = sign_photo(photo(background), text, size, ink, plate, angle)
    found = [c for c in sign_chains(image) if c.letters >= len(text.replace(" ", "")) - 1]
    assert found, sign_chains(image)
    assert sum(n for n, _ in chain_boxes(image)) < len(text.replace(" ", ""))  # the fine pass alone: no
    x, y, w, h = found[0].box
    regions = candidate_regions(image)
    assert any(r.box[0] <= x and r.box[1] <= y and r.box[2] >= x + w and r.box[3] >= y + h for r in regions)


SIGNS = [  # text, size, ink, plate, angle, background photo, where
    ("NO PARKING", 80, RED, WHITE, -4, "street_leuven.jpg", (0.3, 0.35)),
    ("OPEN DAILY", 90, BLACK, WHITE, -2, "street_leuven.jpg", (0.3, 0.35)),
    ("SLOW DOWN", 64, BLACK, YELLOW, 2, "forest_path.jpg", (0.3, 0.35)),
    ("PRIVATE ROAD", 48, WHITE, RED, 2, "forest_path.jpg", (0.3, 0.35)),
    ("Car Park", 70, WHITE, (20, 60, 160), 3, "street_leuven.jpg", (0.3, 0.35)),
    ("BUS STOP", 90, WHITE, GREEN, 0.6, "forest_path.jpg", (0.2, 0.4)),
    ("Town Centre", 48, BLACK, WHITE, -0.4, "forest_path.jpg", (0.1, 0.5)),
    ("NO SMOKING", 72, WHITE, RED, 3.9, "dog.jpg", (0.1, 0.3)),
]


@needs_ocr
def test_bold_signs_in_photos_are_read_and_nothing_else(photo):
    # Tesseract misses a word now and then (a sure read is asked of it twice); most signs are
    # read whole, and no word that is not on the sign is ever quoted.
    whole, stray = [], []
    for text, size, ink, plate, angle, background, where in SIGNS:
        result = read_signs(sign_photo(photo(background), text, size, ink, plate, angle, where))
        said = result.text.split() if result is not None else []
        whole += [text] if said == text.split() else []
        stray += [w for w in said if w not in text.split()]
    assert len(whole) >= 5, whole  # 6 of 8 here (PRIVATE ROAD and BUS STOP missed); 2 before the coarse pass
    assert stray == []


@pytest.mark.parametrize(
    "name", ["gravel.jpg", "brick.jpg", "grass.jpg", "moss.jpg", "coins.jpg", "butterfly.jpg", "forest_path.jpg",
             "street_leuven.jpg", "mandrill.jpg", "aerial_city.jpg"],
)
def test_textures_and_photos_without_text_give_no_sign_region(photo, name):
    assert candidate_regions(photo(name)) == []


@needs_ocr
def test_a_short_sign_is_read_though_the_photo_is_no_text_image(describer, photo):
    # Nine letters: too few for the text-heavy pre-check, but a sign the describer should quote.
    image = sign_photo(photo("street_leuven.jpg"), "NO PARKING", 80, RED, WHITE, -4)
    assert not likely_has_text(image)
    said = describer.caption(image, CaptionOptions()).text
    assert "“NO PARKING”" in said, said


@pytest.mark.parametrize("size", [(1, 1), (2, 500), (500, 2), (16, 16), (63, 200), (3000, 3)])
@pytest.mark.parametrize("mode", ["RGB", "L", "P", "I;16"])
def test_degenerate_images_have_no_sign_lettering(size, mode):
    assert sign_chains(Image.new(mode, size, 128)) == []
