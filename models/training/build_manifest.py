"""Writes models/manifest.json from the trained .onnx files and their training reports
(models/training/reports/<model>.json): labels, input shape and layout, normalisation, sha256 and size
of each file, training seed and dataset recipe, and the measured held-out accuracy.

    cd models/training && /usr/bin/python3 build_manifest.py
"""

import hashlib
import json
import os
import sys

from common import FONT_GROUPS, HELDOUT_GROUPS, SUIT_FONTS
from cards import HELD_OUT
from train import MEAN, STD

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.dirname(HERE)

RECIPES = {
    "card": {
        "renderer": "models/training/cards.py",
        "network": "stride-2 stem then 3x3 conv blocks 32-64-96-128-128 with 2x2 max-pools, global average "
                   "pool, linear (~44 M multiply-adds at 96x120)",
        "content": "one card face per crop: corner index (rank + suit) top-left and rotated bottom-right, pips "
                   "in the standard layouts, court artwork placeholders, aces big/ringed/small; 2- and 4-colour "
                   "decks; suits as vector shapes or font glyphs; borders, stocks, index layouts (stacked, "
                   "jumbo, side by side)",
        "augmentation": "rotation +-22 deg, perspective, crop jitter and aspect stretch, felt backgrounds, "
                        "finger/glove and chip occlusion, exposure, colour cast, glare, uneven light, "
                        "blur, motion blur, sensor noise, JPEG, varying resize filter; shift/gain/noise in training",
        "none": "card backs, bare felt, chips, hands, table print (BANKER, 8 TO 1...), wheel pockets, blank "
                "card stock half out of the crop, noise",
    },
    "roulette": {
        "renderer": "models/training/roulette.py",
        "network": "3x3 conv blocks 20-40-72-112-160 with 2x2 max-pools, global average pool, linear "
                   "(~23 M multiply-adds at 64x64)",
        "content": "the crop around the winning pocket: number ring with the number on its red/black/green "
                   "ground, pocket below (maybe the ball), neighbours and frets; European and American orders; "
                   "several wheel colours, fret metals, digit colours, radii, fonts; digits read outward or inward",
        "augmentation": "any rotation (0-360), perspective, crop jitter, ball over the number, finger, "
                        "exposure, colour cast, glare, blur, noise, JPEG; shift/gain/noise in training",
        "none": "blank wheel parts (cone, ball track, pockets without the number), felt, chips, hands, card "
                "faces, noise",
    },
}


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def command(rep: dict, n_heldout: int) -> str:
    base = (f"/usr/bin/python3 train.py --model {rep['model']} --seed {rep['seed']} --n-train {rep['trainImages']} "
            f"--n-heldout {n_heldout}" + (f" --batch {rep['batch']}" if rep.get("batch", 128) != 128 else ""))
    first = rep.get("continueFrom") or 0
    tta = " --tta" if rep.get("tta") else ""
    if not first:
        return f"{base} --epochs {rep['epochs']}{tta}"
    lr = rep.get("lr") or OLD_STAGE2_LR[rep["model"]]
    rs = " --random-suits" if rep.get("randomSuits") else ""
    return f"{base} --epochs {first} && {base} --epochs {rep['epochs']} --lr {lr:g} --continue-from {first}{rs}{tta}"


# second-stage learning rates of the first models (their reports were written before train.py recorded "lr")
OLD_STAGE2_LR = {"card": 1e-3, "roulette": 1.5e-3}


def entry(model: str) -> dict:
    with open(os.path.join(HERE, "reports", f"{model}.json")) as f:
        rep = json.load(f)
    path = os.path.join(MODELS_DIR, f"{model}.onnx")
    digest = sha256(path)
    held = rep["heldout"]
    return {
        "id": f"{model}-s{rep['seed']}-{digest[:8]}",
        "file": f"{model}.onnx",
        "sha256": digest,
        "bytes": os.path.getsize(path),
        "labels": rep["labels"],
        "input": {"name": "input", "layout": "NCHW", "channels": "RGB", "height": rep["input"]["height"],
                  "width": rep["input"]["width"], "resize": "fill"},
        "normalisation": {"scale": 1 / 255, "mean": [MEAN] * 3, "std": [STD] * 3},
        "output": {"name": "probs", "kind": "softmax"},
        "training": {
            "script": "models/training/train.py",
            "command": command(rep, held["n"]),
            "seed": rep["seed"],
            "images": rep["trainImages"],
            "epochs": (rep.get("continueFrom") or 0) + rep["epochs"],
            "network": rep.get("arch"),
            # The exported graph averages the softmax over these views of the crop (net.TTA_VIEWS).
            "testTimeViews": (rep.get("tta") or {}).get("views", ["id"]),
            "trainSeconds": rep.get("trainSecondsTotal", rep.get("trainSeconds")),
            "torch": rep["torch"],
            "opset": 13,
            "recipe": RECIPES[model],
            "fontGroups": [g for g in FONT_GROUPS if g not in HELDOUT_GROUPS],
        },
        "heldout": {
            "seed": rep["heldoutSeed"],
            "n": held["n"],
            "top1": round(held["top1"], 5),
            "noneImages": held["noneImages"],
            "noneReadAsLabelAtMinConfidence": held["noneReadAsLabelAtMinConfidence"],
            "wrongAtMinConfidence": held["wrongAtMinConfidence"],
            "minConfidence": held["minConfidence"],
            "confusions": held["confusions"],
            **({"top1SingleView": round(rep["tta"]["heldoutSingleView"]["top1"], 5)} if rep.get("tta") else {}),
            "unseen": {
                "fontGroups": list(HELDOUT_GROUPS),
                "suitFonts": SUIT_FONTS["heldout"],
                **({"deckStyles": HELD_OUT} if model == "card" else {}),
            },
        },
    }


def main() -> int:
    models = {}
    for model in ("card", "roulette"):
        if os.path.exists(os.path.join(HERE, "reports", f"{model}.json")):
            models[model] = entry(model)
    with open(os.path.join(MODELS_DIR, "manifest.json"), "w") as f:
        json.dump({"version": 1, "models": models}, f, indent=2)
        f.write("\n")
    print(f"wrote {os.path.join(MODELS_DIR, 'manifest.json')}: {', '.join(models)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
