"""Trains one model on rendered images and exports it to ONNX (opset 13) with a report of its held-out
accuracy. Run with Debian's torch (1.13), which lives in /usr/bin/python3:

    cd models/training && /usr/bin/python3 train.py --model card --seed 6101
    cd models/training && /usr/bin/python3 train.py --model roulette --seed 6202

Reproducible: the training images, the held-out images, the weight init, the batch order and the
augmentation all come from --seed. Writes models/<model>.onnx and models/training/reports/<model>.json;
build_manifest.py then writes models/manifest.json.
"""

import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

import cards
from dataset import labels_of, render_split
from net import ARCH, TTA_VIEWS, Net, make_net, probabilities

net_arch = ARCH.get

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.dirname(HERE)
HELDOUT_SEED_OFFSET = 7919  # the held-out set's seed is never a training seed
MEAN, STD = 0.5, 0.5


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def to_tensor(x: np.ndarray) -> torch.Tensor:
    t = torch.from_numpy(x).permute(0, 3, 1, 2).float().div_(255.0)
    return (t - MEAN) / STD


def augment(x: torch.Tensor, g: torch.Generator) -> torch.Tensor:
    """Cheap per-sample jitter on top of the rendered camera effects: shift, gain, offset, noise."""
    n, _, h, w = x.shape
    pad = 3
    xp = F.pad(x, (pad, pad, pad, pad), mode="replicate")
    dx = torch.randint(0, 2 * pad + 1, (n,), generator=g)
    dy = torch.randint(0, 2 * pad + 1, (n,), generator=g)
    out = torch.stack([xp[i, :, dy[i]:dy[i] + h, dx[i]:dx[i] + w] for i in range(n)])
    gain = 1 + (torch.rand(n, 1, 1, 1, generator=g) - 0.5) * 0.3
    offs = (torch.rand(n, 1, 1, 1, generator=g) - 0.5) * 0.2
    noise = torch.randn(out.shape, generator=g) * (torch.rand(n, 1, 1, 1, generator=g) * 0.05)
    return out * gain + offs + noise


def cached(model: str, seed: int, split: str, n: int, workers: int):
    h, w = input_shape(model)
    variant = "-rs" if cards.RANDOM_SUITS and split != "heldout" else ""
    path = f"/tmp/studio-desk-vision-cache/{model}-{h}x{w}-{seed}-{split}-{n}{variant}.npz"
    if os.path.exists(path):
        d = np.load(path)
        return d["x"], d["y"]
    t = time.time()
    x, y = render_split(model, seed, split, n, workers)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.savez(path, x=x, y=y)
    log(f"rendered {n} {split} images of {model} in {time.time() - t:.0f} s")
    return x, y


def input_shape(model: str):
    from dataset import MODELS
    return MODELS[model][2]


@torch.no_grad()
def predict(net: Net, x: np.ndarray, views=None) -> np.ndarray:
    """Probabilities: the softmax of `net`, or with `views` the mean over those test-time views."""
    model = probabilities(net, views)
    out = []
    for i in range(0, len(x), 256):
        out.append(model(to_tensor(x[i:i + 256])).numpy())
    return np.concatenate(out)


def evaluate(net: Net, x: np.ndarray, y: np.ndarray, labels, min_conf: float = 0.9, views=None) -> dict:
    p = predict(net, x, views)
    pred = p.argmax(1)
    conf = p.max(1)
    none = labels.index("none")
    confusions = {}
    for t, q in zip(y, pred):
        if t != q:
            key = f"{labels[t]}->{labels[q]}"
            confusions[key] = confusions.get(key, 0) + 1
    is_none = y == none
    none_misread = int(((pred != none) & is_none & (conf >= min_conf)).sum())
    wrong_confident = int(((pred != y) & (conf >= min_conf)).sum())
    return {
        "n": int(len(y)),
        "top1": float((pred == y).mean()),
        "confusions": dict(sorted(confusions.items(), key=lambda kv: -kv[1])),
        "noneImages": int(is_none.sum()),
        "noneReadAsLabelAtMinConfidence": none_misread,
        "wrongAtMinConfidence": wrong_confident,
        "minConfidence": min_conf,
    }


def export(net: Net, model: str, shape, views=None) -> str:
    path = os.path.join(MODELS_DIR, f"{model}.onnx")
    dummy = torch.zeros(1, 3, shape[0], shape[1])
    torch.onnx.export(probabilities(net, views), dummy, path, opset_version=13, input_names=["input"],
                      output_names=["probs"], dynamic_axes={"input": {0: "batch"}, "probs": {0: "batch"}},
                      do_constant_folding=True)
    return path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=["card", "roulette"], required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n-train", type=int, default=45050)
    ap.add_argument("--n-heldout", type=int, default=53 * 40)
    ap.add_argument("--epochs", type=int, default=9)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1, help="rendering processes")
    ap.add_argument("--export-only", action="store_true", help="export the last checkpoint")
    ap.add_argument("--random-suits", action="store_true",
                    help="card: training decks may draw suit designs of their own (cards.RANDOM_SUITS)")
    ap.add_argument("--tta", action="store_true",
                    help="export (and measure) the mean over the model's test-time views (net.TTA_VIEWS)")
    ap.add_argument("--render-only", action="store_true", help="render (and cache) the splits, then stop")
    ap.add_argument("--continue-from", type=int, default=0, metavar="EPOCHS",
                    help="a second stage: start from the checkpoint of a first run of EPOCHS epochs (same seed "
                         "and data) and train --epochs more on a new one-cycle schedule")
    a = ap.parse_args()
    if a.random_suits:
        cards.RANDOM_SUITS = True
    torch.set_num_threads(min(2, a.threads))
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    labels = labels_of(a.model)
    first = f"/tmp/studio-desk-vision-cache/{a.model}-{a.seed}.pt"
    ckpt = first if not a.continue_from else f"/tmp/studio-desk-vision-cache/{a.model}-{a.seed}-stage2.pt"
    net = make_net(a.model, len(labels))
    if a.continue_from and not a.export_only:
        net.load_state_dict(torch.load(first))
        torch.manual_seed(a.seed + 1)
    hx, hy = cached(a.model, a.seed + HELDOUT_SEED_OFFSET, "heldout", a.n_heldout, a.workers)
    if a.render_only:
        cached(a.model, a.seed, "train", a.n_train, a.workers)
        return 0
    if not a.export_only:
        x, y = cached(a.model, a.seed, "train", a.n_train, a.workers)
        g = torch.Generator().manual_seed(a.seed + (1 if a.continue_from else 0))
        opt = torch.optim.AdamW(net.parameters(), lr=a.lr, weight_decay=5e-4)
        steps = a.epochs * math.ceil(len(x) / a.batch)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=steps, pct_start=0.15)
        t0 = time.time()
        epoch_log = []
        for epoch in range(a.epochs):
            net.train()
            order = torch.randperm(len(x), generator=g).numpy()
            total, correct, loss_sum = 0, 0, 0.0
            for i in range(0, len(x), a.batch):
                idx = order[i:i + a.batch]
                xb = augment(to_tensor(x[idx]), g)
                yb = torch.from_numpy(y[idx])
                out = net(xb)
                loss = F.cross_entropy(out, yb, label_smoothing=0.05)
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                total += len(idx)
                correct += int((out.argmax(1) == yb).sum())
                loss_sum += float(loss) * len(idx)
            torch.save(net.state_dict(), ckpt)
            h = evaluate(net, hx, hy, labels)
            epoch_log.append({"epoch": epoch + 1, "loss": round(loss_sum / total, 4), "trainAcc": round(correct / total, 4),
                              "heldoutTop1": round(h["top1"], 4), "seconds": round(time.time() - t0)})
            log(f"epoch {epoch + 1}/{a.epochs} loss {loss_sum / total:.4f} train acc {correct / total:.4f} "
                f"held-out top1 {h['top1']:.4f} ({time.time() - t0:.0f} s)")
        train_seconds = time.time() - t0
    else:
        train_seconds, epoch_log = 0, []
    net.load_state_dict(torch.load(ckpt))
    views = TTA_VIEWS[a.model] if a.tta else None
    single = evaluate(net, hx, hy, labels)
    h = evaluate(net, hx, hy, labels, views=views) if views else single
    shape = (hx.shape[1], hx.shape[2])
    path = export(net, a.model, shape, views)
    report = {
        "model": a.model,
        "seed": a.seed,
        "heldoutSeed": a.seed + HELDOUT_SEED_OFFSET,
        "trainImages": a.n_train,
        "epochs": a.epochs,
        "continueFrom": a.continue_from,
        "batch": a.batch,
        "arch": {"stem": net_arch(a.model)[0], "widths": list(net_arch(a.model)[1])},
        "trainSeconds": round(train_seconds),
        "lr": a.lr,
        "input": {"height": shape[0], "width": shape[1]},
        "labels": labels,
        "heldout": h,
        "epochLog": epoch_log,
        "torch": torch.__version__,
        "randomSuits": a.random_suits,
    }
    if views:
        report["tta"] = {"views": list(views), "heldoutSingleView": single}
    os.makedirs(os.path.join(HERE, "reports"), exist_ok=True)
    rpath = os.path.join(HERE, "reports", f"{a.model}.json")
    prev = None  # the report this run replaces
    if os.path.exists(rpath):
        with open(rpath) as f:
            prev = json.load(f)
    if a.export_only and prev:  # keep the training run's own figures
        for k in ("epochs", "continueFrom", "trainSeconds", "lr", "epochLog", "trainSecondsTotal", "firstStage",
                  "trainImages", "batch"):
            if k in prev:
                report[k] = prev[k]
    elif a.continue_from and prev:  # the first stage's report: its time and epoch log
        if prev.get("epochs") == a.continue_from and not prev.get("continueFrom"):
            report["trainSecondsTotal"] = round(prev.get("trainSeconds", 0) + train_seconds)
            report["firstStage"] = {"epochs": prev["epochs"], "lr": prev.get("lr"),
                                    "heldoutTop1": prev["heldout"]["top1"], "epochLog": prev.get("epochLog")}
    with open(rpath, "w") as f:
        json.dump(report, f, indent=2)
    log(f"exported {path}: held-out top1 {h['top1']:.4f}, confusions {list(h['confusions'].items())[:10]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
