"""Renders a split of a model's dataset into one uint8 array (N, H, W, 3) with its labels.

Image i is rendered from its own seed (common.image_seed), so the array is the same whatever the
number of worker processes. Labels are balanced: image i has label i mod len(labels).
"""

import multiprocessing as mp
from typing import List, Tuple

import numpy as np

import cards
import roulette
from common import image_seed, rngs

MODELS = {
    "card": (cards.LABELS, cards.render_card, (cards.INPUT_H, cards.INPUT_W)),
    "roulette": (roulette.LABELS, roulette.render_roulette, (roulette.INPUT, roulette.INPUT)),
}


def labels_of(model: str) -> List[str]:
    return MODELS[model][0]


def _one(args: Tuple[str, int, str, int]) -> np.ndarray:
    model, seed, split, i = args
    labels, render, _ = MODELS[model]
    label = labels[i % len(labels)]
    img = render(rngs(image_seed(seed, split, model, i)), split, label)
    return np.asarray(img.convert("RGB"), dtype=np.uint8)


def render_split(model: str, seed: int, split: str, n: int, workers: int = 2) -> Tuple[np.ndarray, np.ndarray]:
    labels, _, (h, w) = MODELS[model]
    jobs = [(model, seed, split, i) for i in range(n)]
    if workers > 1:
        with mp.get_context("fork").Pool(workers) as pool:
            imgs = pool.map(_one, jobs, chunksize=64)
    else:
        imgs = [_one(j) for j in jobs]
    x = np.stack(imgs)
    assert x.shape[1:] == (h, w, 3), x.shape
    y = np.array([i % len(labels) for i in range(n)], dtype=np.int64)
    return x, y
