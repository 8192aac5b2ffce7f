"""Renders a camera crop of one playing card's face (or, for `none`, of something that is not one).

A deck style is sampled per image: index font, suit drawing (vector design or font glyph), 2- or 4-colour
palette, card stock, border, corner index layout and size, pip size, court artwork placeholder. The
held-out split uses font designs, suit designs, stock colours, borders and index layouts that training
never draws (see HELD_OUT below), so its accuracy measures decks the model has not seen.
"""

import math

from PIL import Image, ImageDraw

from common import (Rngs, draw_chip, draw_finger, felt, final_resize, fit_height, paste_center, pick_font,
                    photometric, suit_fonts_for, text_image, warp)
from suits import random_design, suit_image

RANKS = ["A", "2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K"]
SUITS = ["S", "H", "D", "C"]
LABELS = [r + s for s in SUITS for r in RANKS] + ["none"]
INPUT_W, INPUT_H = 96, 120
CARD_W, CARD_H = 150, 210
CROP_W, CROP_H = 128, 160

HELD_OUT = {
    "suit_designs": [3],
    "stock": [(222, 232, 240), (250, 240, 215), (235, 235, 228)],
    "borders": ["double", "corner_marks"],
    "index_layouts": ["stacked_wide", "four_corner"],
}
TRAIN_STOCK = [(255, 255, 255), (248, 246, 238), (242, 242, 242), (255, 250, 240), (236, 240, 236)]

PIPS = {
    1: [(0.5, 0.5)],
    2: [(0.5, 0.0), (0.5, 1.0)],
    3: [(0.5, 0.0), (0.5, 0.5), (0.5, 1.0)],
    4: [(0, 0), (1, 0), (0, 1), (1, 1)],
    5: [(0, 0), (1, 0), (0.5, 0.5), (0, 1), (1, 1)],
    6: [(0, 0), (1, 0), (0, 0.5), (1, 0.5), (0, 1), (1, 1)],
    7: [(0, 0), (1, 0), (0.5, 0.25), (0, 0.5), (1, 0.5), (0, 1), (1, 1)],
    8: [(0, 0), (1, 0), (0.5, 0.25), (0, 0.5), (1, 0.5), (0.5, 0.75), (0, 1), (1, 1)],
    9: [(0, 0), (1, 0), (0, 1 / 3), (1, 1 / 3), (0.5, 0.5), (0, 2 / 3), (1, 2 / 3), (0, 1), (1, 1)],
    10: [(0, 0), (1, 0), (0.5, 1 / 6), (0, 1 / 3), (1, 1 / 3), (0, 2 / 3), (1, 2 / 3), (0.5, 5 / 6), (0, 1), (1, 1)],
}


# With --random-suits (train.py), 60 % of the training decks that draw vector suits draw a design of
# their own (suits.random_design) instead of one of the three fixed ones. Off by default, so a run
# without the flag renders what it always did.
RANDOM_SUITS = False


def sample_style(rg: Rngs, split: str) -> dict:
    r = rg.r
    held = split == "heldout"
    pick_held = lambda p: held and r.random() < p  # noqa: E731 - held-out features mixed with common ones
    four_colour = r.random() < 0.2
    red = (r.randint(170, 230), r.randint(0, 40), r.randint(0, 50))
    black = (r.randint(0, 40),) * 3
    colours = {"S": black, "H": red, "D": red, "C": black}
    if four_colour:
        colours["D"] = (r.randint(0, 40), r.randint(40, 110), r.randint(160, 220))
        colours["C"] = (r.randint(0, 40), r.randint(110, 160), r.randint(30, 70))
    if pick_held(0.5):
        suit_src = "vector"
        design = 3
    else:
        suit_src = "glyph" if r.random() < 0.45 else "vector"
        design = r.choice([0, 1, 2])
        if RANDOM_SUITS and not held and suit_src == "vector" and r.random() < 0.6:
            design = random_design(r)
    borders = ["none", "line", "rounded_line", "band"]
    layouts = ["stacked", "stacked", "jumbo", "side"]
    return {
        "font": pick_font(r, split),
        "rank_stretch": r.uniform(0.75, 1.1),
        "suit_src": suit_src,
        "suit_design": design,
        "suit_font": r.choice(suit_fonts_for(split)),
        "colours": colours,
        "stock": r.choice(HELD_OUT["stock"]) if pick_held(0.5) else r.choice(TRAIN_STOCK),
        "border": r.choice(HELD_OUT["borders"]) if pick_held(0.5) else r.choice(borders),
        "border_colour": r.choice([(20, 20, 20), (150, 20, 20), (20, 40, 120), (160, 130, 40)]),
        "corner_r": r.uniform(6, 16),
        "layout": r.choice(HELD_OUT["index_layouts"]) if pick_held(0.5) else r.choice(layouts),
        "index_h": r.uniform(0.10, 0.15),
        "pip_h": r.uniform(0.11, 0.17),
        "court": r.choice(["frame", "frame", "letter", "figure"]),
        "ace": r.choice(["big", "big", "ring", "small"]),
    }


def _index(style: dict, rank: str, suit: str) -> Image.Image:
    """The corner index (rank and suit symbol) as one RGBA image, upright."""
    col = style["colours"][suit]
    layout = style["layout"]
    rh = int(CARD_H * style["index_h"] * (1.45 if layout == "jumbo" else 1.0))
    rank_img = fit_height(text_image(rank, style["font"], 64, col, style["rank_stretch"]), rh)
    if rank == "10" and rank_img.width > rh * 1.2:  # decks squeeze the 10 into the index column
        rank_img = rank_img.resize((int(rh * 1.2), rh), Image.LANCZOS)
    sh = int(rh * (0.55 if layout == "jumbo" else 0.75))
    suit_img = suit_image(suit, sh, col, style)
    if layout == "side":
        w, h = rank_img.width + suit_img.width + 2, max(rank_img.height, suit_img.height)
        out = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        out.alpha_composite(rank_img, (0, (h - rank_img.height) // 2))
        out.alpha_composite(suit_img, (rank_img.width + 2, (h - suit_img.height) // 2))
        return out
    gap = 1 if layout != "stacked_wide" else int(rh * 0.25)
    w = max(rank_img.width, suit_img.width)
    out = Image.new("RGBA", (w, rank_img.height + gap + suit_img.height), (0, 0, 0, 0))
    out.alpha_composite(rank_img, ((w - rank_img.width) // 2, 0))
    out.alpha_composite(suit_img, ((w - suit_img.width) // 2, rank_img.height + gap))
    return out


def _court_art(rg: Rngs, face: Image.Image, style: dict, rank: str, suit: str, box) -> None:
    """Placeholder artwork: a frame with random figures, identical in distribution for J, Q and K, so that
    only the index tells them apart (as on a real deck whose artwork the model has never seen)."""
    r = rg.r
    d = ImageDraw.Draw(face)
    x0, y0, x1, y1 = box
    col = style["colours"][suit]
    if style["court"] == "letter":
        img = fit_height(text_image(rank, style["font"], 96, col), int((y1 - y0) * 0.5))
        paste_center(face, img, (x0 + x1) / 2, (y0 + y1) / 2)
        return
    d.rectangle(box, outline=col + (255,), width=2)
    palette = [col, (200, 160, 40), (30, 60, 150), (180, 30, 30), (20, 20, 20), (230, 200, 120)]
    for _ in range(r.randint(6, 14)):
        c = r.choice(palette) + (255,)
        cx, cy = r.uniform(x0, x1), r.uniform(y0, (y0 + y1) / 2)
        s = r.uniform(4, (x1 - x0) * 0.35)
        shape = r.random()
        for mirror in (False, True):  # court cards are drawn point-symmetric
            px, py = (x0 + x1 - cx, y0 + y1 - cy) if mirror else (cx, cy)
            if shape < 0.4:
                d.ellipse([px - s / 2, py - s / 2, px + s / 2, py + s / 2], fill=c)
            elif shape < 0.7:
                d.rectangle([px - s / 2, py - s / 4, px + s / 2, py + s / 4], fill=c)
            else:
                d.polygon([(px, py - s / 2), (px + s / 2, py + s / 2), (px - s / 2, py + s / 2)], fill=c)
    if style["court"] == "figure":
        pip = suit_image(suit, int(CARD_H * 0.08), col, style)
        face.alpha_composite(pip, (int(x0 + 3), int(y0 + 3)))


def render_face(rg: Rngs, style: dict, rank: str, suit: str) -> Image.Image:
    r = rg.r
    face = Image.new("RGBA", (CARD_W, CARD_H), (0, 0, 0, 0))
    mask = Image.new("L", (CARD_W, CARD_H), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, CARD_W - 1, CARD_H - 1], style["corner_r"], fill=255)
    stock = Image.new("RGBA", (CARD_W, CARD_H), style["stock"] + (255,))
    face.paste(stock, (0, 0), mask)
    d = ImageDraw.Draw(face)
    bc = style["border_colour"] + (255,)
    b = style["border"]
    if b == "line":
        d.rectangle([14, 14, CARD_W - 15, CARD_H - 15], outline=bc, width=1)
    elif b == "rounded_line":
        d.rounded_rectangle([8, 8, CARD_W - 9, CARD_H - 9], 8, outline=bc, width=2)
    elif b == "band":
        d.rounded_rectangle([3, 3, CARD_W - 4, CARD_H - 4], style["corner_r"], outline=bc, width=4)
    elif b == "double":
        d.rectangle([10, 10, CARD_W - 11, CARD_H - 11], outline=bc, width=1)
        d.rectangle([14, 14, CARD_W - 15, CARD_H - 15], outline=bc, width=1)
    elif b == "corner_marks":
        for (x, y, sx, sy) in [(12, 12, 1, 1), (CARD_W - 13, 12, -1, 1), (12, CARD_H - 13, 1, -1),
                               (CARD_W - 13, CARD_H - 13, -1, -1)]:
            d.line([(x, y), (x + 18 * sx, y)], fill=bc, width=2)
            d.line([(x, y), (x, y + 18 * sy)], fill=bc, width=2)
    col = style["colours"][suit]
    idx = _index(style, rank, suit)
    ix = 6 + idx.width / 2 + r.uniform(-1, 1)
    iy = 7 + idx.height / 2 + r.uniform(-1, 1)
    paste_center(face, idx, ix, iy)
    paste_center(face, idx.rotate(180), CARD_W - ix, CARD_H - iy)
    if style["layout"] == "four_corner":
        paste_center(face, idx, CARD_W - ix, iy)
        paste_center(face, idx.rotate(180), ix, CARD_H - iy)
    # the central field, clear of the indices
    mx = idx.width + 10
    fx0, fy0, fx1, fy1 = mx, 18, CARD_W - mx, CARD_H - 18
    if rank in ("J", "Q", "K"):
        _court_art(rg, face, style, rank, suit, (fx0, fy0, fx1, fy1))
    elif rank == "A":
        k = {"big": 0.42, "ring": 0.3, "small": 0.18}[style["ace"]]
        pip = suit_image(suit, int(CARD_H * k), col, style)
        paste_center(face, pip, CARD_W / 2, CARD_H / 2)
        if style["ace"] == "ring":
            rr = CARD_H * 0.25
            d.ellipse([CARD_W / 2 - rr, CARD_H / 2 - rr, CARD_W / 2 + rr, CARD_H / 2 + rr], outline=col + (255,),
                      width=2)
    else:
        n = int(rank)
        ph = int(CARD_H * style["pip_h"] * (0.85 if n >= 9 else 1.0))
        pip = suit_image(suit, ph, col, style)
        pip_down = pip.rotate(180)
        px0, px1 = fx0 + ph * 0.55, fx1 - ph * 0.55
        py0, py1 = fy0 + ph * 0.6, fy1 - ph * 0.6
        for (u, v) in PIPS[n]:
            x, y = px0 + (px1 - px0) * u, py0 + (py1 - py0) * v
            paste_center(face, pip_down if v > 0.55 else pip, x, y)
    return face


def card_back(rg: Rngs) -> Image.Image:
    """A face-down card: a lattice or stripes in one colour inside a border (a `none` image)."""
    r = rg.r
    col = r.choice([(160, 20, 30), (20, 40, 140), (20, 20, 20), (20, 110, 60)])
    face = Image.new("RGBA", (CARD_W, CARD_H), (0, 0, 0, 0))
    mask = Image.new("L", (CARD_W, CARD_H), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, CARD_W - 1, CARD_H - 1], 10, fill=255)
    face.paste(Image.new("RGBA", (CARD_W, CARD_H), (250, 250, 250, 255)), (0, 0), mask)
    d = ImageDraw.Draw(face)
    m = r.randint(6, 14)
    d.rectangle([m, m, CARD_W - m, CARD_H - m], fill=col + (255,))
    step = r.randint(6, 14)
    for k in range(-CARD_H, CARD_W + CARD_H, step):
        d.line([(k, m), (k + CARD_H, CARD_H - m)], fill=(250, 250, 250, 255), width=1)
        if r.random() < 0.5:
            d.line([(k + CARD_H, m), (k, CARD_H - m)], fill=(250, 250, 250, 255), width=1)
    d.rectangle([0, 0, CARD_W, m - 1], fill=(0, 0, 0, 0))
    face.putalpha(Image.composite(face.getchannel("A"), Image.new("L", face.size, 0), mask))
    return face


def _scene(rg: Rngs, obj: Image.Image, occlude: bool) -> Image.Image:
    r = rg.r
    bg = felt(rg, (CROP_W, CROP_H))
    angle = r.uniform(-22, 22)
    a = math.radians(abs(angle))
    bbox_h = CARD_H * math.cos(a) + CARD_W * math.sin(a)
    bbox_w = CARD_W * math.cos(a) + CARD_H * math.sin(a)
    # the technician's crop is the card's box with some margin; stretched to the input as the runtime does
    scale = min(CROP_H / bbox_h, CROP_W / bbox_w * r.uniform(1.0, 1.25)) * r.uniform(0.8, 1.0)
    canvas = Image.new("RGBA", (CARD_W + 120, CARD_H + 120), (0, 0, 0, 0))
    canvas.alpha_composite(obj, (60, 60))
    # a neighbouring card's edge peeking in (baccarat hands are laid side by side)
    out = warp(rg, canvas, (CROP_W, CROP_H), angle, scale, 0.05, (r.uniform(-0.05, 0.05), r.uniform(-0.04, 0.04)),
               bg)
    if occlude and r.random() < 0.25:
        draw_finger(rg, out, (0.08, 0.18))
    if occlude and r.random() < 0.08:
        draw_chip(rg, out, r.choice([0, CROP_W]), r.uniform(0, CROP_H), CROP_W * r.uniform(0.12, 0.22))
    return out


def render_card(rg: Rngs, split: str, label: str) -> Image.Image:
    if label == "none":
        return render_none(rg, split)
    style = sample_style(rg, split)
    rank, suit = label[:-1], label[-1]
    scene = _scene(rg, render_face(rg, style, rank, suit), occlude=True)
    return final_resize(rg, photometric(rg, scene), (INPUT_W, INPUT_H))


def render_none(rg: Rngs, split: str) -> Image.Image:
    """Not a card: bare felt, chips, hands, card backs, table print, a wheel pocket, noise."""
    from roulette import render_pocket_scene  # local import: roulette imports common only

    r = rg.r
    kind = r.random()
    if kind < 0.25:
        scene = _scene(rg, card_back(rg), occlude=True)
    elif kind < 0.4:
        scene = felt(rg, (CROP_W, CROP_H))
        for _ in range(r.randint(1, 4)):
            draw_chip(rg, scene, r.uniform(0, CROP_W), r.uniform(0, CROP_H), CROP_W * r.uniform(0.15, 0.4))
    elif kind < 0.55:
        scene = felt(rg, (CROP_W, CROP_H))
        for _ in range(r.randint(1, 3)):
            draw_finger(rg, scene, (0.2, 0.5))
    elif kind < 0.7:
        scene = felt(rg, (CROP_W, CROP_H))
        d = ImageDraw.Draw(scene)
        text = r.choice(["BANKER", "PLAYER", "TIE", "8 TO 1", "PAYS 11 TO 1", "P", "B", "PAIR", "9", "21"])
        img = text_image(text, pick_font(r, split), 64, r.choice([(240, 240, 240), (230, 200, 60), (200, 40, 40)]))
        img = img.resize((max(1, int(img.width * r.uniform(0.3, 0.75))), max(1, int(img.height * r.uniform(0.3, 0.75)))))
        paste_center(scene, img.rotate(r.uniform(-30, 30), expand=True), CROP_W / 2 + r.uniform(-20, 20),
                     CROP_H / 2 + r.uniform(-30, 30))
        if r.random() < 0.5:
            d.ellipse([10, 20, CROP_W - 10, CROP_H - 20], outline=(240, 240, 240, 255), width=2)
    elif kind < 0.8:
        scene = render_pocket_scene(rg, split, r.choice(["7", "12", "0", "21", "none"])).resize((CROP_W, CROP_H))
        scene = scene.convert("RGBA")
    elif kind < 0.9:  # an empty card slot: white stock, no marks, partly off the crop
        blank = Image.new("RGBA", (CARD_W, CARD_H), (0, 0, 0, 0))
        ImageDraw.Draw(blank).rounded_rectangle([0, 0, CARD_W - 1, CARD_H - 1], 10, fill=(245, 245, 240, 255))
        scene = felt(rg, (CROP_W, CROP_H))
        off = r.choice([(-0.6, 0), (0.6, 0), (0, -0.6), (0, 0.6)])
        scene = warp(rg, blank, (CROP_W, CROP_H), r.uniform(-20, 20), 0.7, 0.05, off, scene)
    else:
        import numpy as np
        arr = rg.n.integers(0, 256, (CROP_H // 4, CROP_W // 4, 3), dtype=np.uint8)
        scene = Image.fromarray(arr, "RGB").resize((CROP_W, CROP_H), Image.BICUBIC).convert("RGBA")
    return final_resize(rg, photometric(rg, scene), (INPUT_W, INPUT_H))
