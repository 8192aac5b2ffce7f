"""Writes the committed held-out evaluation set and the sample gallery:

  models/eval/<model>/<label>/<nnn>.jpg   PER_LABEL images per label, held-out split (font designs, suit
                                          designs and deck styles training never drew), seed EVAL_SEED
  models/samples/<model>/<label>.png      one larger crop per label, held-out split, a lighter camera:
                                          the simulated camera of the demo and the vision-check tests

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


def main() -> int:
    for model, labels in (("card", cards.LABELS), ("roulette", roulette.LABELS)):
        out = os.path.join(MODELS_DIR, "eval", model)
        shutil.rmtree(out, ignore_errors=True)
        for li, label in enumerate(labels):
            os.makedirs(os.path.join(out, label), exist_ok=True)
            for k in range(PER_LABEL):
                rg = rngs(image_seed(EVAL_SEED, "heldout", model, li * 1000 + k))
                render(model, rg, label).save(os.path.join(out, label, f"{k:03d}.jpg"), quality=92)
        samples = os.path.join(MODELS_DIR, "samples", model)
        shutil.rmtree(samples, ignore_errors=True)
        os.makedirs(samples, exist_ok=True)
        for li, label in enumerate(labels):
            rg = rngs(image_seed(SAMPLE_SEED, "heldout", model, li))
            # 256 colours keep the gallery small; the simulated camera scales and recompresses them anyway
            img = render_sample(model, rg, label).quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            img.save(os.path.join(samples, f"{label}.png"), optimize=True)
        print(f"{model}: {len(labels) * PER_LABEL} eval images, {len(labels)} samples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
