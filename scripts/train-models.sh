#!/usr/bin/env bash
# Retrains the vision models from scratch, as the committed ones were made (docs/vision.md).
# A build step, not part of the app: Debian's torch and fonts, no download.
#
#   scripts/train-models.sh            # both models, side by side (one torch thread each)
#   scripts/train-models.sh card       # one model
#
# Installs the packages it needs when they are missing (as root, apt-get, non-interactive), trains
# with the seeds and sizes below, rebuilds models/manifest.json, the committed evaluation set and the
# sample gallery, and formats the JSON it wrote. Takes about an hour on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(python3-torch python3-numpy python3-pil python3-onnx
  fonts-dejavu-core fonts-liberation fonts-freefont-ttf fonts-urw-base35 fonts-texgyre
  fonts-crosextra-carlito fonts-crosextra-caladea fonts-lato fonts-open-sans fonts-linuxlibertine
  fonts-roboto-unhinted fonts-cantarell fonts-ebgaramond fonts-sil-gentium fonts-sil-charis
  fonts-sil-andika fonts-lmodern fonts-stix fonts-hack fonts-firacode fonts-inconsolata fonts-comfortaa
  fonts-quicksand fonts-cabin fonts-league-spartan fonts-jura fonts-inter fonts-cardo fonts-gfs-didot
  fonts-vollkorn fonts-oldstandard fonts-paratype fonts-yanone-kaffeesatz)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages (install them as root): ${missing[*]}" >&2
    exit 2
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=/usr/bin/python3 # Debian's torch lives in the system Python, not in a pyenv or venv
which=${1:-all}
# The committed models' runs (their manifest entries record the same commands). The card model is
# trained in two stages: 10 epochs, then 4 more at a lower rate on decks that may draw suit designs
# of their own (--random-suits); the roulette model 12 epochs, then 4 more at a lower rate. Both
# export the mean over their test-time views (--tta).
common_card=(--model card --seed 6101 --n-train 45050 --n-heldout 2120 --threads 1)
common_roulette=(--model roulette --seed 6202 --n-train 52026 --n-heldout 1560 --threads 1)
train_roulette() {
  nice -n 10 "$PY" train.py "${common_roulette[@]}" --epochs 12 &&
    nice -n 10 "$PY" train.py "${common_roulette[@]}" --epochs 4 --lr 1e-3 --continue-from 12 --tta
}
train_card() {
  nice -n 10 "$PY" train.py "${common_card[@]}" --epochs 10 &&
    nice -n 10 "$PY" train.py "${common_card[@]}" --epochs 4 --lr 1e-3 --continue-from 10 --random-suits --tta
}

cd models/training
pids=()
case "$which" in
  all | card) train_card > /tmp/train-card.log 2>&1 & pids+=($!) ;;&
  all | roulette) train_roulette > /tmp/train-roulette.log 2>&1 & pids+=($!) ;;
  card) ;;
  *) echo "usage: $0 [all|card|roulette]" >&2; exit 2 ;;
esac
echo "training ($which): logs in /tmp/train-*.log" >&2
for pid in "${pids[@]}"; do wait "$pid"; done
"$PY" build_manifest.py
"$PY" export_eval.py --select
cd ../..
npx prettier --write models/manifest.json models/training/reports/*.json >/dev/null
echo "done: models/*.onnx, models/manifest.json, models/eval/, models/samples/ rebuilt" >&2
