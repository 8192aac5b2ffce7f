"""Shared pieces of the synthetic renderers: fonts split into training and held-out design groups,
seeded random streams, and the camera augmentations (geometry, light, lens, sensor, occlusion).

Everything is drawn from a `random.Random` / `numpy.random.Generator` seeded per image, so image i of a
split is the same on every run and on any number of worker processes.
"""

import hashlib
import math
import random
from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = {
    "tt": "/usr/share/fonts/truetype",
    "ot": "/usr/share/fonts/opentype",
    "gyre": "/usr/share/texmf/fonts/opentype/public/tex-gyre",
    "lm": "/usr/share/texmf/fonts/opentype/public/lm",
}

# Fonts grouped by DESIGN, not by file: clones of one design (Nimbus Sans, TeX Gyre Heros, FreeSans are
# all Helvetica) sit in one group, so a held-out group is a design the model has never seen.
FONT_GROUPS = {
    "helvetica": ["ot/urw-base35/NimbusSans-Regular.otf", "ot/urw-base35/NimbusSans-Bold.otf",
                  "gyre/texgyreheros-bold.otf", "gyre/texgyreheroscn-bold.otf",
                  "ot/urw-base35/NimbusSansNarrow-Bold.otf", "tt/freefont/FreeSansBold.ttf"],
    "arial": ["tt/liberation/LiberationSans-Regular.ttf", "tt/liberation/LiberationSans-Bold.ttf",
              "tt/liberation/LiberationSansNarrow-Bold.ttf"],
    "times": ["ot/urw-base35/NimbusRoman-Regular.otf", "ot/urw-base35/NimbusRoman-Bold.otf",
              "gyre/texgyretermes-bold.otf", "tt/liberation/LiberationSerif-Bold.ttf",
              "tt/freefont/FreeSerifBold.ttf"],
    "century": ["ot/urw-base35/C059-Roman.otf", "ot/urw-base35/C059-Bold.otf", "gyre/texgyreschola-bold.otf"],
    "avantgarde": ["ot/urw-base35/URWGothic-Demi.otf", "ot/urw-base35/URWGothic-Book.otf",
                   "gyre/texgyreadventor-bold.otf"],
    "courier": ["ot/urw-base35/NimbusMonoPS-Bold.otf", "gyre/texgyrecursor-bold.otf",
                "tt/liberation/LiberationMono-Bold.ttf"],
    "dejavu": ["tt/dejavu/DejaVuSans.ttf", "tt/dejavu/DejaVuSans-Bold.ttf", "tt/dejavu/DejaVuSansCondensed-Bold.ttf",
               "tt/dejavu/DejaVuSerif-Bold.ttf", "tt/dejavu/DejaVuSerif.ttf", "tt/dejavu/DejaVuSansMono-Bold.ttf"],
    "carlito": ["tt/crosextra/Carlito-Regular.ttf", "tt/crosextra/Carlito-Bold.ttf"],
    "lato": ["tt/lato/Lato-Bold.ttf", "tt/lato/Lato-Black.ttf", "tt/lato/Lato-Regular.ttf"],
    "roboto": ["tt/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf", "tt/roboto/unhinted/RobotoTTF/Roboto-Medium.ttf",
               "tt/roboto/unhinted/RobotoTTF/Roboto-Black.ttf"],
    "libertine": ["ot/linux-libertine/LinLibertine_R.otf", "ot/linux-libertine/LinLibertine_RB.otf"],
    # stop 11: more training designs (the card model read its training designs better than unseen ones:
    # 99.5 % against 97.7 %). None is a clone of a held-out design: Noto and Droid (Open Sans's family)
    # stay out.
    "cantarell": ["ot/cantarell/Cantarell-Bold.otf", "ot/cantarell/Cantarell-Regular.otf",
                  "ot/cantarell/Cantarell-ExtraBold.otf"],
    "garamond": ["ot/ebgaramond/EBGaramond12-Bold.otf", "ot/ebgaramond/EBGaramond12-Regular.otf"],
    "cardo": ["tt/cardo/Cardo104s.ttf", "tt/cardo/Cardob101.ttf"],
    "gentium": ["tt/gentium/Gentium-R.ttf", "tt/gentium/GentiumAlt-R.ttf"],
    "charis": ["tt/charis/CharisSIL-Bold.ttf", "tt/charis/CharisSIL-Regular.ttf"],
    "andika": ["tt/andika/Andika-Bold.ttf", "tt/andika/Andika-Regular.ttf"],
    "lmodern": ["lm/lmroman10-bold.otf", "lm/lmroman10-regular.otf", "lm/lmsans10-bold.otf"],
    "stix": ["ot/stix/STIXGeneral-Bold.otf", "ot/stix/STIXGeneral-Regular.otf"],
    "hack": ["tt/hack/Hack-Bold.ttf"],
    "fira": ["tt/firacode/FiraCode-Bold.ttf", "tt/firacode/FiraCode-Medium.ttf"],
    "inconsolata": ["tt/inconsolata/Inconsolata.otf"],
    "rounded": ["tt/comfortaa/Comfortaa-Bold.ttf", "tt/quicksand/Quicksand-Bold.ttf",
                "tt/quicksand/Quicksand-Medium.ttf"],
    "cabin": ["ot/cabin/Cabin-Bold.otf", "ot/cabin/Cabin-SemiBold.otf", "ot/cabin/Cabin-Regular.otf"],
    "spartan": ["ot/league-spartan/LeagueSpartan-Bold.otf", "ot/league-spartan/LeagueSpartan-SemiBold.otf"],
    "jura": ["ot/jura/Jura-Bold.otf", "ot/jura/Jura-SemiBold.otf"],
    "inter": ["ot/inter/Inter-Bold.otf", "ot/inter/Inter-SemiBold.otf", "ot/inter/Inter-Black.otf"],
    "didot": ["ot/didot/GFSDidot.otf", "ot/didot/GFSDidotBold.otf"],
    "vollkorn": ["tt/vollkorn/Vollkorn-Bold.ttf", "tt/vollkorn/Vollkorn-Regular.ttf",
                 "tt/vollkorn/Vollkorn-Black.ttf"],
    "oldstandard": ["tt/fonts-oldstandard/OldStandard-Bold.ttf", "tt/fonts-oldstandard/OldStandard-Regular.ttf"],
    "ptsans": ["tt/paratype/PTS55F.ttf", "tt/paratype/PTS75F.ttf", "tt/paratype/PTC75F.ttf"],
    "ptserif": ["tt/paratype/PTF55F.ttf", "tt/paratype/PTF75F.ttf"],
    "ptmono": ["tt/paratype/PTM55F.ttf"],
    "yanone": ["ot/yanone-kaffeesatz/YanoneKaffeesatz-Bold.otf",
               "ot/yanone-kaffeesatz/YanoneKaffeesatz-Regular.otf"],
    # held out (never in training):
    "palatino": ["ot/urw-base35/P052-Roman.otf", "ot/urw-base35/P052-Bold.otf", "gyre/texgyrepagella-bold.otf"],
    "bookman": ["ot/urw-base35/URWBookman-Demi.otf", "ot/urw-base35/URWBookman-Light.otf",
                "gyre/texgyrebonum-bold.otf"],
    "opensans": ["tt/open-sans/OpenSans-Bold.ttf", "tt/open-sans/OpenSans-Regular.ttf",
                 "tt/open-sans/OpenSans-CondBold.ttf"],
    "caladea": ["tt/crosextra/Caladea-Bold.ttf", "tt/crosextra/Caladea-Regular.ttf"],
    "biolinum": ["ot/linux-libertine/LinBiolinum_RB.otf", "ot/linux-libertine/LinBiolinum_R.otf"],
}
HELDOUT_GROUPS = ("palatino", "bookman", "opensans", "caladea", "biolinum")

# Fonts that hold the suit glyphs U+2660..2667 (checked with PIL): the other way a deck draws its suits.
SUIT_FONTS = {
    "train": ["tt/dejavu/DejaVuSans.ttf", "tt/dejavu/DejaVuSerif.ttf", "tt/liberation/LiberationSans-Regular.ttf",
              "ot/linux-libertine/LinLibertine_R.otf", "ot/stix/STIXGeneral-Regular.otf",
              "tt/firacode/FiraCode-Medium.ttf", "tt/paratype/PTM55F.ttf"],
    "heldout": ["tt/freefont/FreeSerif.ttf", "tt/freefont/FreeSans.ttf", "ot/urw-base35/P052-Roman.otf"],
}


def font_path(rel: str) -> str:
    root, rest = rel.split("/", 1)
    return f"{FONT_DIRS[root]}/{rest}"


def fonts_for(split: str) -> List[str]:
    groups = [g for g in FONT_GROUPS if (g in HELDOUT_GROUPS) == (split == "heldout")]
    return [font_path(f) for g in groups for f in FONT_GROUPS[g]]


def pick_font(r: random.Random, split: str) -> str:
    """A font of the split's designs. Training draws the design group first, then one of its files, so
    every design is seen as often (a group of six clones does not outweigh a group of one). The held-out
    split keeps its draw over files, so its images stay those every model so far was measured on."""
    if split == "heldout":
        return r.choice(fonts_for(split))
    groups = [g for g in FONT_GROUPS if g not in HELDOUT_GROUPS]
    return font_path(r.choice(FONT_GROUPS[r.choice(groups)]))


def suit_fonts_for(split: str) -> List[str]:
    return [font_path(f) for f in SUIT_FONTS["heldout" if split == "heldout" else "train"]]


_font_cache = {}


def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    key = (path, size)
    f = _font_cache.get(key)
    if f is None:
        f = ImageFont.truetype(path, size)
        _font_cache[key] = f
    return f


def image_seed(base_seed: int, split: str, kind: str, index: int) -> int:
    """A 63-bit seed for one image, independent of process and order."""
    h = hashlib.sha256(f"{base_seed}:{split}:{kind}:{index}".encode()).digest()
    return int.from_bytes(h[:8], "little") >> 1


@dataclass
class Rngs:
    r: random.Random
    n: np.random.Generator


def rngs(seed: int) -> Rngs:
    return Rngs(random.Random(seed), np.random.default_rng(seed))


def text_image(text: str, path: str, size: int, colour: Tuple[int, int, int], stretch: float = 1.0) -> Image.Image:
    """Text as a tight RGBA image (alpha = glyph coverage), optionally condensed/expanded."""
    f = font(path, size)
    x0, y0, x1, y1 = f.getbbox(text)
    w, h = max(1, x1 - x0), max(1, y1 - y0)
    mask = Image.new("L", (w + 4, h + 4), 0)
    ImageDraw.Draw(mask).text((2 - x0, 2 - y0), text, font=f, fill=255)
    if abs(stretch - 1.0) > 0.02:
        mask = mask.resize((max(1, int(mask.width * stretch)), mask.height), Image.BICUBIC)
    img = Image.new("RGBA", mask.size, colour + (0,))
    img.putalpha(mask)
    return img


def fit_height(img: Image.Image, height: int) -> Image.Image:
    height = max(2, height)
    w = max(1, round(img.width * height / max(1, img.height)))
    return img.resize((w, height), Image.LANCZOS)


def paste_center(dst: Image.Image, src: Image.Image, cx: float, cy: float) -> None:
    dst.alpha_composite(src, (int(round(cx - src.width / 2)), int(round(cy - src.height / 2)))) \
        if _inside(dst, src, cx, cy) else _paste_clipped(dst, src, cx, cy)


def _inside(dst, src, cx, cy) -> bool:
    x, y = int(round(cx - src.width / 2)), int(round(cy - src.height / 2))
    return x >= 0 and y >= 0 and x + src.width <= dst.width and y + src.height <= dst.height


def _paste_clipped(dst: Image.Image, src: Image.Image, cx: float, cy: float) -> None:
    layer = Image.new("RGBA", dst.size, (0, 0, 0, 0))
    layer.paste(src, (int(round(cx - src.width / 2)), int(round(cy - src.height / 2))), src)
    dst.alpha_composite(layer)


# ---------------------------------------------------------------- backgrounds and clutter


def felt(rg: Rngs, size: Tuple[int, int]) -> Image.Image:
    """Table felt (green, blue, red, grey, black), a soft light gradient and fibre noise."""
    r = rg.r
    base = r.choice([(20, 90, 45), (15, 60, 110), (110, 20, 25), (60, 60, 65), (20, 20, 22), (30, 110, 90),
                     (80, 40, 90), (120, 90, 50)])
    base = np.array([c * r.uniform(0.6, 1.3) for c in base])
    w, h = size
    yy, xx = np.ogrid[0:h, 0:w]
    yy, xx = yy.astype(np.float32), xx.astype(np.float32)
    ang = r.uniform(0, 2 * math.pi)
    grad = (np.cos(ang) * xx / w + np.sin(ang) * yy / h) * r.uniform(-0.35, 0.35)
    fibre = rg.n.standard_normal((h, w, 1), dtype=np.float32) * r.uniform(2, 12)
    arr = base[None, None, :].astype(np.float32) * (1 + grad[..., None]) + fibre
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB").convert("RGBA")


def skin_colour(r: random.Random) -> Tuple[int, int, int]:
    return r.choice([(235, 200, 175), (210, 160, 125), (170, 120, 85), (120, 80, 55), (90, 60, 40),
                     (245, 245, 245), (40, 40, 45)])  # last two: white and black gloves


def draw_finger(rg: Rngs, img: Image.Image, width_frac: Tuple[float, float]) -> None:
    """A finger or gloved hand entering from an edge: a rounded thick stroke, skin or glove coloured."""
    r = rg.r
    w, h = img.size
    d = ImageDraw.Draw(img)
    col = skin_colour(r)
    thick = int(r.uniform(*width_frac) * min(w, h))
    edge = r.randrange(4)
    t = r.uniform(0.1, 0.9)
    depth = r.uniform(0.1, 0.35)
    if edge == 0:
        p0, p1 = (t * w, -thick), (t * w + r.uniform(-0.2, 0.2) * w, depth * h)
    elif edge == 1:
        p0, p1 = (t * w, h + thick), (t * w + r.uniform(-0.2, 0.2) * w, h - depth * h)
    elif edge == 2:
        p0, p1 = (-thick, t * h), (depth * w, t * h + r.uniform(-0.2, 0.2) * h)
    else:
        p0, p1 = (w + thick, t * h), (w - depth * w, t * h + r.uniform(-0.2, 0.2) * h)
    d.line([p0, p1], fill=col + (255,), width=thick)
    d.ellipse([p1[0] - thick / 2, p1[1] - thick / 2, p1[0] + thick / 2, p1[1] + thick / 2], fill=col + (255,))


def draw_chip(rg: Rngs, img: Image.Image, cx: float, cy: float, rad: float) -> None:
    r = rg.r
    d = ImageDraw.Draw(img)
    col = r.choice([(200, 30, 30), (30, 30, 200), (30, 150, 40), (20, 20, 20), (230, 230, 230), (230, 150, 20),
                    (140, 40, 160)])
    d.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], fill=col + (255,))
    stripes = (255, 255, 255) if sum(col) < 500 else (30, 30, 30)
    for k in range(6):
        a = k * math.pi / 3 + r.uniform(0, 0.5)
        d.pieslice([cx - rad, cy - rad, cx + rad, cy + rad], math.degrees(a), math.degrees(a) + 18,
                   fill=stripes + (255,))
    d.ellipse([cx - rad * 0.7, cy - rad * 0.7, cx + rad * 0.7, cy + rad * 0.7], fill=col + (255,))


# ---------------------------------------------------------------- camera augmentation


def perspective_coeffs(src: Sequence[Tuple[float, float]], dst: Sequence[Tuple[float, float]]) -> List[float]:
    """Coefficients for PIL's PERSPECTIVE transform mapping output quad `dst` to input quad `src`."""
    a = []
    b = []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.extend([u, v])
    return list(np.linalg.solve(np.array(a, dtype=np.float64), np.array(b, dtype=np.float64)))


def warp(rg: Rngs, img: Image.Image, out: Tuple[int, int], angle_deg: float, scale: float, persp: float,
         shift: Tuple[float, float], fill: Image.Image) -> Image.Image:
    """Camera geometry in one resampling: rotation, scale, a perspective tilt and a shift of the crop.

    `img` is drawn centred; the output is an `out`-sized crop whose corners come from `fill` where the
    warped image does not cover them (the scene around the object)."""
    r = rg.r
    w, h = img.size
    ow, oh = out
    cx, cy = w / 2, h / 2
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    # output corners (in output pixels) → input coordinates
    pts_out = [(0, 0), (ow, 0), (ow, oh), (0, oh)]
    pts_in = []
    for (x, y) in pts_out:
        jx = x + r.uniform(-persp, persp) * ow
        jy = y + r.uniform(-persp, persp) * oh
        dx, dy = (jx - ow / 2 - shift[0] * ow) / scale, (jy - oh / 2 - shift[1] * oh) / scale
        pts_in.append((cx + ca * dx - sa * dy, cy + sa * dx + ca * dy))
    coeffs = perspective_coeffs(pts_in, pts_out)
    warped = img.transform((ow, oh), Image.PERSPECTIVE, coeffs, resample=Image.BICUBIC,
                           fillcolor=(0, 0, 0, 0))
    base = fill.resize((ow, oh), Image.BILINEAR) if fill.size != (ow, oh) else fill.copy()
    base.alpha_composite(warped)
    return base


def photometric(rg: Rngs, img: Image.Image, strength: float = 1.0) -> Image.Image:
    """Studio light and camera: exposure, colour cast, glare spot, vignette, blur, sensor noise, JPEG."""
    r, n = rg.r, rg.n
    arr = np.asarray(img.convert("RGB"), dtype=np.float32)
    h, w, _ = arr.shape
    yy, xx = np.ogrid[0:h, 0:w]
    yy, xx = yy.astype(np.float32), xx.astype(np.float32)
    gain = r.uniform(0.65, 1.25)
    cast = np.array([r.uniform(0.82, 1.18) for _ in range(3)]) ** strength
    arr = arr * gain * cast[None, None, :] + r.uniform(-20, 20) * strength
    if r.random() < 0.5:  # contrast
        m = arr.mean()
        arr = (arr - m) * r.uniform(0.7, 1.2) + m
    if r.random() < 0.45:  # glare: a bright soft spot
        gx, gy = r.uniform(0, w), r.uniform(0, h)
        rad = r.uniform(0.1, 0.45) * max(w, h)
        g = np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * rad * rad)))
        arr = arr + g[..., None] * r.uniform(40, 170) * strength
    if r.random() < 0.5:  # uneven light
        ang = r.uniform(0, 2 * math.pi)
        grad = (np.cos(ang) * (xx / w - 0.5) + np.sin(ang) * (yy / h - 0.5)) * r.uniform(-0.5, 0.5)
        arr = arr * (1 + grad[..., None])
    arr = np.clip(arr, 0, 255)
    out = Image.fromarray(arr.astype(np.uint8), "RGB")
    if r.random() < 0.6:
        out = out.filter(ImageFilter.GaussianBlur(r.uniform(0.2, 1.4) * strength))
    if r.random() < 0.15:  # motion blur along a random direction
        k = r.choice([3, 5])
        out = out.filter(ImageFilter.BoxBlur(0.5 * k / 3))
    arr = np.asarray(out, dtype=np.float32)
    sigma = r.uniform(0, 9) * strength
    arr = arr + n.standard_normal(arr.shape, dtype=np.float32) * sigma
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    if r.random() < 0.4:
        import io
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=r.randint(45, 92))
        buf.seek(0)
        out = Image.open(buf).convert("RGB")
    return out


def final_resize(rg: Rngs, img: Image.Image, size: Tuple[int, int]) -> Image.Image:
    """Downscale to the model's input as the runtime does (sharp, 'fill'), with a varying filter."""
    f = rg.r.choice([Image.BILINEAR, Image.BICUBIC, Image.LANCZOS, Image.BOX])
    return img.resize(size, f)
