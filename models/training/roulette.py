"""Renders the wheel camera's crop around the winning pocket: the number on its red, black or green
ground on the number ring, the pocket below it (maybe with the ball), the neighbours' edges and frets,
at any rotation (the rotor turns). European and American (0, 00) orders are the exact ones of
hardware/wheel/layout.ts.
"""

import math

from PIL import Image, ImageDraw

from common import (Rngs, draw_chip, draw_finger, felt, final_resize, fit_height, paste_center, pick_font,
                    photometric, text_image, warp)

EUROPEAN = ["0", "32", "15", "19", "4", "21", "2", "25", "17", "34", "6", "27", "13", "36", "11", "30", "8", "23",
            "10", "5", "24", "16", "33", "1", "20", "14", "31", "9", "22", "18", "29", "7", "28", "12", "35", "3",
            "26"]
AMERICAN = ["0", "28", "9", "26", "30", "11", "7", "20", "32", "17", "5", "22", "34", "15", "3", "24", "36", "13",
            "1", "00", "27", "10", "25", "29", "12", "8", "19", "31", "18", "6", "21", "33", "16", "4", "23", "35",
            "14", "2"]
RED = {1, 3, 5, 7, 9, 12, 14, 16, 18, 19, 21, 23, 25, 27, 30, 32, 34, 36}
LABELS = ["0", "00"] + [str(n) for n in range(1, 37)] + ["none"]
INPUT = 64
S = 192  # scene canvas
CROP = 128


def colour_of(label: str) -> str:
    if label in ("0", "00"):
        return "green"
    return "red" if int(label) in RED else "black"


def sample_wheel(rg: Rngs, split: str) -> dict:
    r = rg.r
    return {
        "font": pick_font(r, split),
        "stretch": r.uniform(0.75, 1.1),
        "red": (r.randint(150, 225), r.randint(0, 40), r.randint(10, 50)),
        "black": r.choice([(r.randint(5, 40),) * 3, (15, 15, r.randint(30, 60)), (r.randint(30, 50), 25, 20)]),
        "green": (r.randint(0, 40), r.randint(100, 160), r.randint(40, 90)),
        "digit": r.choice([(245, 245, 245), (240, 230, 200), (220, 190, 90)]),
        "fret": r.choice([(210, 180, 90), (200, 200, 205), (150, 120, 50), (25, 25, 25)]),
        "wood": r.choice([(120, 70, 35), (90, 50, 25), (160, 110, 60), (60, 40, 30), (40, 40, 45)]),
        "radius": r.uniform(260, 460),
        "ring_h": r.uniform(34, 52),
        "pocket_h": r.uniform(30, 55),
        "pocket_tone": r.uniform(0.55, 1.0),
        "digit_h": r.uniform(0.5, 0.72),
        "inward": r.random() < 0.12,
    }


def _ground(w: dict, label: str):
    return w[colour_of(label)]


def render_pocket_scene(rg: Rngs, split: str, label: str) -> Image.Image:
    """The crop (CROP x CROP, RGB) before the camera's photometric effects."""
    r = rg.r
    w = sample_wheel(rg, split)
    blank = label == "none"
    if label == "00" or (label != "none" and label not in EUROPEAN) or r.random() < 0.3:
        order = AMERICAN
    else:
        order = EUROPEAN
    target = r.choice(order) if blank else label
    n = len(order)
    ti = order.index(target)
    seg = 360.0 / n
    R, rh, ph = w["radius"], w["ring_h"], w["pocket_h"]
    cx, cy = S / 2, S / 2 + R
    img = Image.new("RGBA", (S, S), w["wood"] + (255,))
    d = ImageDraw.Draw(img)
    outer = R + rh / 2
    inner = R - rh / 2
    cone = inner - ph

    def band(r0: float, r1: float, a0: float, a1: float, steps: int = 6):
        """An annulus sector as a polygon (PIL's pieslice over a huge bounding box is slow)."""
        pts = []
        for k in range(steps + 1):
            a = math.radians(a0 + (a1 - a0) * k / steps)
            pts.append((cx + r1 * math.cos(a), cy + r1 * math.sin(a)))
        for k in range(steps, -1, -1):
            a = math.radians(a0 + (a1 - a0) * k / steps)
            pts.append((cx + r0 * math.cos(a), cy + r0 * math.sin(a)))
        return pts

    span = 3
    lo, hi = 270 - (span + 0.5) * seg, 270 + (span + 0.5) * seg
    d.polygon(band(outer, outer + 14, lo, hi, 24), fill=tuple(int(c * 0.7) for c in w["wood"]) + (255,))  # ball track
    for k in range(-span, span + 1):
        lab = order[(ti + k) % n]
        a0, a1 = 270 + (k - 0.5) * seg, 270 + (k + 0.5) * seg
        g = _ground(w, lab)
        d.polygon(band(inner, outer, a0, a1), fill=g + (255,))
        pt = w["pocket_tone"]
        d.polygon(band(cone, inner, a0, a1), fill=tuple(int(c * pt) for c in g) + (255,))
    for k in range(-span, span + 2):  # frets between pockets
        a = math.radians(270 + (k - 0.5) * seg)
        d.line([(cx + cone * math.cos(a), cy + cone * math.sin(a)), (cx + outer * math.cos(a), cy + outer * math.sin(a))],
               fill=w["fret"] + (255,), width=r.randint(2, 4))
    d.line(band(inner, inner, lo, hi, 24)[:25], fill=w["fret"] + (255,), width=2)
    for k in range(-span, span + 1):
        lab = order[(ti + k) % n]
        if blank and k == 0 and r.random() < 0.5:
            continue
        txt = text_image(lab, w["font"], 64, w["digit"], w["stretch"])
        txt = fit_height(txt, int(rh * w["digit_h"]))
        seg_w = 2 * math.pi * R / n * 0.9
        if txt.width > seg_w:
            txt = txt.resize((int(seg_w), txt.height), Image.LANCZOS)
        ang = k * seg
        rot = txt.rotate(-ang + (180 if w["inward"] else 0), expand=True, resample=Image.BICUBIC)
        a = math.radians(270 + ang)
        paste_center(img, rot, cx + R * math.cos(a), cy + R * math.sin(a))
    if r.random() < 0.6 and not blank:  # the ball in the winning pocket
        br = r.uniform(0.22, 0.38) * ph
        a = math.radians(270 + r.uniform(-0.25, 0.25) * seg)
        rad = inner - ph * r.uniform(0.35, 0.6)
        if r.random() < 0.12:
            rad = inner - br * 0.6  # partly over the number
        bx, by = cx + rad * math.cos(a), cy + rad * math.sin(a)
        d.ellipse([bx - br, by - br, bx + br, by + br], fill=(235, 235, 228, 255))
        d.ellipse([bx - br * 0.5, by - br * 0.6, bx - br * 0.05, by - br * 0.15], fill=(255, 255, 255, 255))
    # the crop: centred between the number and its pocket (or, for `none`, elsewhere on the wheel)
    if blank:
        where = r.choice(["cone", "track", "pocket"])
        off = {"cone": r.uniform(rh + ph, rh + ph + 60), "track": -r.uniform(rh * 0.9, rh * 1.6),
               "pocket": r.uniform(rh * 0.9, rh * 0.5 + ph)}[where]
    else:
        off = r.uniform(-0.1, 0.5) * rh
    seg_px = 2 * math.pi * R / n
    scale = CROP * r.uniform(0.45, 0.8) / seg_px
    # move the point at radius R - off on the target's axis to the centre (crop pads with transparency)
    o = int(round(off))
    scene_center = img.crop((0, o, S, S + o))
    bg = felt(rg, (CROP, CROP))
    out = warp(rg, scene_center, (CROP, CROP), r.uniform(0, 360), scale, 0.04,
               (r.uniform(-0.06, 0.06), r.uniform(-0.06, 0.06)), bg)
    if r.random() < 0.1:
        draw_finger(rg, out, (0.08, 0.15))
    return out.convert("RGB")


def render_roulette(rg: Rngs, split: str, label: str) -> Image.Image:
    r = rg.r
    if label == "none" and r.random() < 0.35:
        scene = felt(rg, (CROP, CROP))
        if r.random() < 0.5:
            draw_chip(rg, scene, r.uniform(0, CROP), r.uniform(0, CROP), CROP * r.uniform(0.2, 0.4))
        if r.random() < 0.5:
            draw_finger(rg, scene, (0.2, 0.5))
        if r.random() < 0.3:
            import numpy as np
            arr = rg.n.integers(0, 256, (CROP // 4, CROP // 4, 3), dtype=np.uint8)
            scene = Image.fromarray(arr, "RGB").resize((CROP, CROP), Image.BICUBIC)
        if r.random() < 0.3:  # a card face or table print in the wheel camera's view
            from cards import render_face, sample_style, RANKS, SUITS
            face = render_face(rg, sample_style(rg, split), r.choice(RANKS), r.choice(SUITS))
            scene = warp(rg, face, (CROP, CROP), r.uniform(0, 360), 0.6, 0.05, (0, 0), scene.convert("RGBA"))
        scene = scene.convert("RGB")
    else:
        scene = render_pocket_scene(rg, split, label)
    return final_resize(rg, photometric(rg, scene), (INPUT, INPUT))
