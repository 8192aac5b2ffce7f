"""Writes the committed held-out evaluation set and the sample gallery:

  models/eval/<model>/<label>/<nnn>.jpg   PER_LABEL images per label, held-out split (font designs, suit
                                          designs and deck styles training never drew), seed EVAL_SEED
  models/samples/<model>/<label>.png      one larger crop per label, held-out split, a lighter camera:
                                          the simulated camera of the demo and the vision-check tests.
                                          With --select, the first of up to 24 renders per label that the
                                          trained model reads right at confidence >= 0.9 (a demo asset,
                                          not an accuracy figure: that is models/eval)

    cd models/training && /usr/bin/python3 export_eval.py

The eval images are JPEG (quality 92) to keep the set to a few MB; training saw JPEG artefacts too.
"""

import os
import shutil
import sys

from PIL import Image

import cards
import roulette
from common import Rngs, final_resize, image_seed, photometric, rngs

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.dirname(HERE)
EVAL_SEED = 424242
SAMPLE_SEED = 515151
PER_LABEL = 12


def render(model: str, rg: Rngs, label: str):
    if model == "card":
        return cards.render_card(rg, "heldout", label)
    return roulette.render_roulette(rg, "heldout", label)


def render_sample(model: str, rg: Rngs, label: str):
    """A crop at twice the input size with a gentle camera (no heavy glare or noise)."""
    if model == "card":
        if label == "none":
            img = cards.render_none(rg, "heldout")
            return img.resize((cards.INPUT_W * 2, cards.INPUT_H * 2))
        style = cards.sample_style(rg, "heldout")
        scene = cards._scene(rg, cards.render_face(rg, style, label[:-1], label[-1]), occlude=False)
        return final_resize(rg, photometric(rg, scene, strength=0.3), (cards.INPUT_W * 2, cards.INPUT_H * 2))
    scene = roulette.render_pocket_scene(rg, "heldout", label)
    return final_resize(rg, photometric(rg, scene, strength=0.3), (roulette.INPUT * 2, roulette.INPUT * 2))


def reader(model: str, labels):
    """The trained network (its last checkpoint), reading a PIL image as the runtime does."""
    import numpy as np
    import torch

    from net import make_net
    from train import to_tensor

    torch.set_num_threads(1)
    stage2 = f"/tmp/studio-desk-vision-cache/{model}-{SEEDS[model]}-stage2.pt"
    ckpt = stage2 if os.path.exists(stage2) else f"/tmp/studio-desk-vision-cache/{model}-{SEEDS[model]}.pt"
    net = make_net(model, len(labels))
    net.load_state_dict(torch.load(ckpt))
    net.eval()
    size = (cards.INPUT_W, cards.INPUT_H) if model == "card" else (roulette.INPUT, roulette.INPUT)

    def read(img):
        x = np.asarray(img.convert("RGB").resize(size, Image.LANCZOS), dtype=np.uint8)[None]
        with torch.no_grad():
            p = torch.softmax(net(to_tensor(x)), 1)[0]
        return labels[int(p.argmax())], float(p.max())

    return read


SEEDS = {"card": 6101, "roulette": 6202}


def main() -> int:
    select = "--select" in sys.argv
    for model, labels in (("card", cards.LABELS), ("roulette", roulette.LABELS)):
        out = os.path.join(MODELS_DIR, "eval", model)
        if "--samples-only" not in sys.argv:
            shutil.rmtree(out, ignore_errors=True)
        for li, label in enumerate(labels if "--samples-only" not in sys.argv else []):
            os.makedirs(os.path.join(out, label), exist_ok=True)
            for k in range(PER_LABEL):
                rg = rngs(image_seed(EVAL_SEED, "heldout", model, li * 1000 + k))
                render(model, rg, label).save(os.path.join(out, label, f"{k:03d}.jpg"), quality=92)
        samples = os.path.join(MODELS_DIR, "samples", model)
        shutil.rmtree(samples, ignore_errors=True)
        os.makedirs(samples, exist_ok=True)
        read = reader(model, labels) if select else None
        for li, label in enumerate(labels):
            for attempt in range(24 if select else 1):
                rg = rngs(image_seed(SAMPLE_SEED, "heldout", model, li * 100 + attempt))
                img = render_sample(model, rg, label).quantize(256, method=Image.Quantize.MEDIANCUT,
                                                                dither=Image.Dither.NONE)
                if read is None:
                    break
                got, conf = read(img)
                if got == label and conf >= 0.9:
                    break
            # 256 colours keep the gallery small; the simulated camera scales and recompresses them anyway
            img.save(os.path.join(samples, f"{label}.png"), optimize=True)
        print(f"{model}: {len(labels) * PER_LABEL} eval images, {len(labels)} samples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
