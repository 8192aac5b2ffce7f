"""Suit symbols drawn as vector shapes (several designs), or taken from a font's glyphs ♠♥♦♣.

Vector designs 0-2 are used in training; design 3 (narrow, pointed) only in the held-out decks.
"""

import math
from typing import Tuple

from PIL import Image, ImageDraw

from common import font, text_image

GLYPHS = {"S": "\u2660", "H": "\u2665", "D": "\u2666", "C": "\u2663"}
SS = 4  # supersampling factor of vector shapes


def _heart(d: ImageDraw.ImageDraw, s: int, lobe: float, point: float) -> None:
    r = s * lobe
    d.ellipse([0, s * 0.05, 2 * r, s * 0.05 + 2 * r], fill=255)
    d.ellipse([s - 2 * r, s * 0.05, s, s * 0.05 + 2 * r], fill=255)
    d.polygon([(s * 0.02, s * 0.05 + r * 1.15), (s * 0.98, s * 0.05 + r * 1.15), (s / 2, s * point)], fill=255)
    d.rectangle([r * 0.8, s * 0.05 + r * 0.6, s - r * 0.8, s * 0.05 + r * 1.4], fill=255)


def _spade(d: ImageDraw.ImageDraw, s: int, lobe: float, point: float, stem: float) -> None:
    r = s * lobe
    top = s * (1 - point)
    cy = s * 0.72 - r
    d.ellipse([0, cy, 2 * r, cy + 2 * r], fill=255)
    d.ellipse([s - 2 * r, cy, s, cy + 2 * r], fill=255)
    d.polygon([(s * 0.02, cy + r * 0.85), (s * 0.98, cy + r * 0.85), (s / 2, top)], fill=255)
    d.rectangle([r * 0.8, cy + r * 0.5, s - r * 0.8, cy + r * 1.3], fill=255)
    sw = s * stem
    d.polygon([(s / 2 - sw * 0.25, s * 0.6), (s / 2 + sw * 0.25, s * 0.6), (s / 2 + sw, s), (s / 2 - sw, s)], fill=255)


def _club(d: ImageDraw.ImageDraw, s: int, lobe: float, stem: float) -> None:
    r = s * lobe
    d.ellipse([s / 2 - r, 0, s / 2 + r, 2 * r], fill=255)
    y = s * 0.62 - r
    d.ellipse([s / 2 - 2.05 * r, y, s / 2 - 0.05 * r, y + 2 * r], fill=255)
    d.ellipse([s / 2 + 0.05 * r, y, s / 2 + 2.05 * r, y + 2 * r], fill=255)
    d.ellipse([s / 2 - r * 0.7, r * 0.9, s / 2 + r * 0.7, r * 0.9 + 1.4 * r], fill=255)
    sw = s * stem
    d.polygon([(s / 2 - sw * 0.25, s * 0.5), (s / 2 + sw * 0.25, s * 0.5), (s / 2 + sw, s), (s / 2 - sw, s)], fill=255)


def _diamond(d: ImageDraw.ImageDraw, s: int, width: float, curve: float) -> None:
    hw = s * width / 2
    pts = []
    steps = 12
    corners = [(s / 2, 0), (s / 2 + hw, s / 2), (s / 2, s), (s / 2 - hw, s / 2)]
    for i in range(4):
        (x0, y0), (x1, y1) = corners[i], corners[(i + 1) % 4]
        for k in range(steps):
            t = k / steps
            x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            bulge = -curve * math.sin(math.pi * t) * s * 0.08  # concave sides when curve > 0
            mx, my = x - s / 2, y - s / 2
            norm = math.hypot(mx, my) or 1
            pts.append((x + bulge * mx / norm, y + bulge * my / norm))
    d.polygon(pts, fill=255)


DESIGNS = [
    # (heart lobe, heart point, spade lobe, spade point, stem, club lobe, diamond width, diamond curve)
    (0.27, 0.98, 0.26, 0.98, 0.16, 0.22, 0.74, 0.0),
    (0.29, 0.92, 0.28, 0.95, 0.12, 0.235, 0.66, 0.6),
    (0.25, 1.0, 0.24, 1.0, 0.20, 0.21, 0.80, -0.3),
    (0.23, 0.99, 0.22, 1.0, 0.09, 0.195, 0.56, 1.2),  # held out
]


def random_design(r) -> tuple:
    """A suit design of its own for a training deck, kept away from the held-out design 3: its stems
    are never as thin (>= 0.11 against 0.09) and its club lobes never as small (>= 0.205 against 0.195)."""
    return (r.uniform(0.24, 0.30), r.uniform(0.90, 1.0), r.uniform(0.23, 0.29), r.uniform(0.92, 1.0),
            r.uniform(0.11, 0.22), r.uniform(0.205, 0.245), r.uniform(0.62, 0.84), r.uniform(-0.4, 0.8))


def vector_suit(suit: str, size: int, colour: Tuple[int, int, int], design) -> Image.Image:
    """`design`: an index of DESIGNS, or a parameter tuple of the same shape (random_design)."""
    s = size * SS
    mask = Image.new("L", (s, s), 0)
    d = ImageDraw.Draw(mask)
    hl, hp, sl, sp, st, cl, dw, dc = DESIGNS[design] if isinstance(design, int) else design
    if suit == "H":
        _heart(d, s, hl, hp)
    elif suit == "S":
        _spade(d, s, sl, sp, st)
    elif suit == "C":
        _club(d, s, cl, st)
    else:
        _diamond(d, s, dw, dc)
    mask = mask.resize((size, size), Image.LANCZOS)
    img = Image.new("RGBA", (size, size), colour + (0,))
    img.putalpha(mask)
    return img


def glyph_suit(suit: str, size: int, colour: Tuple[int, int, int], path: str) -> Image.Image:
    img = text_image(GLYPHS[suit], path, 80, colour)  # one size per font: loaded once, then scaled
    # normalise to the requested height, keep aspect
    h = size
    w = max(1, round(img.width * h / max(1, img.height)))
    return img.resize((w, h), Image.LANCZOS)


def suit_image(suit: str, size: int, colour: Tuple[int, int, int], style: dict) -> Image.Image:
    if style["suit_src"] == "glyph":
        return glyph_suit(suit, size, colour, style["suit_font"])
    return vector_suit(suit, size, colour, style["suit_design"])


_ = font  # re-exported for callers that build glyph fonts
