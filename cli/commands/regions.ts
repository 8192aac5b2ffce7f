/**
 * `studio-desk regions`: the technician's check of the vision regions of a table file on a real
 * frame. It crops every slot the check would crop (the winning pocket; the six card positions),
 * writes each crop and an overlay of the frame with the regions drawn, and, with --classify, reads
 * each crop with the table's model — before any round depends on them.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { ConfigError } from '../../engine/config/errors';
import { loadTableConfig } from '../../engine/config/load';
import { cropRegions, pixelBox } from '../../engine/vision/check/crop';
import { checkPlan } from '../../engine/vision/check/plan';
import { OnnxClassifier } from '../../engine/vision/runtime/classifier';
import { UsageError, jsonLine, parse } from '../args';

export const REGIONS_USAGE = `studio-desk regions --config FILE --image FRAME [--out DIR] [--classify]

Crops the vision regions of the table file (vision.regions of the check's camera, or the baccarat
vision.cardSlots) out of FRAME, a still of that camera (e.g. an OBS screenshot), exactly as the
vision check does, and prints one JSON line per slot:
  {"slot":"pocket","region":{"x":0.4,…},"box":{"left":256,"top":108,"width":128,"height":128},"crop":"DIR/pocket.png"}
  --out DIR     where the crops and overlay.png (the frame with each region outlined) go (default ./regions)
  --classify    also read each crop with the table's model ("label","confidence"), checked against
                the manifest beside vision.models first
Exit 0, or 2 when the table has no vision section the check could use, or FRAME is not an image.`;

export async function regionsCommand(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      config: { type: 'string' },
      image: { type: 'string' },
      out: { type: 'string' },
      classify: { type: 'boolean' },
    },
    REGIONS_USAGE,
  );
  if (typeof values.config !== 'string' || typeof values.image !== 'string')
    throw new UsageError(`--config FILE and --image FRAME are required\n\n${REGIONS_USAGE}`);
  let config;
  try {
    config = await loadTableConfig(values.config);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`the table file is not valid.\n${e.message}`);
    throw e;
  }
  const game = config.table.game;
  if (!config.vision || (game !== 'roulette' && game !== 'baccarat'))
    throw new UsageError(`table ${config.table.id} has no vision section for a roulette or baccarat check`);
  const planned = checkPlan(config.vision, game);
  if (!planned.ok) throw new UsageError(planned.reason);
  const { plan } = planned;
  let image: Buffer;
  try {
    image = await readFile(values.image);
  } catch (e) {
    throw new UsageError(`cannot read ${values.image} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const slots = Object.keys(plan.regions);
  const regions = slots.map((s) => plan.regions[s]!);
  let crops: Buffer[];
  try {
    crops = await cropRegions(image, regions);
  } catch (e) {
    throw new UsageError(`${values.image}: ${(e as Error).message}`);
  }
  const out = resolve(typeof values.out === 'string' ? values.out : 'regions');
  await mkdir(out, { recursive: true });
  const { width = 0, height = 0 } = await sharp(image).metadata();
  const boxes = regions.map((r) => pixelBox(r, width, height));
  await writeFile(join(out, 'overlay.png'), await overlay(image, width, height, slots, boxes));

  let readings: { label: string; confidence: number }[] | undefined;
  if (values.classify) {
    const classifier = OnnxClassifier.open({
      names: [plan.model],
      ...(config.vision.models[plan.model] ? modelFiles(plan.model, config.vision.models[plan.model]!) : {}),
    });
    try {
      const status = await classifier.ready;
      if (status.state !== 'ok') throw new UsageError(`vision is unavailable: ${status.reason}`);
      readings = await classifier.classify(plan.model, crops);
    } finally {
      await classifier.close();
    }
  }
  for (const [i, slot] of slots.entries()) {
    const crop = join(out, `${slot}.png`);
    await writeFile(crop, crops[i]!);
    const r = readings?.[i];
    jsonLine({
      slot,
      camera: plan.camera,
      region: regions[i],
      box: boxes[i],
      crop,
      ...(r ? { label: r.label, confidence: Math.round(r.confidence * 1e4) / 1e4 } : {}),
    });
  }
  return 0;
}

function modelFiles(name: 'card' | 'roulette', file: string) {
  const path = resolve(file);
  return { modelsDir: join(path, '..'), files: { [name]: path } };
}

/** The frame with each region outlined and named, for the technician's eye. */
async function overlay(
  image: Buffer,
  width: number,
  height: number,
  slots: string[],
  boxes: { left: number; top: number; width: number; height: number }[],
): Promise<Buffer> {
  const rects = boxes
    .map(
      (b, i) =>
        `<rect x="${b.left}" y="${b.top}" width="${b.width}" height="${b.height}" fill="none" stroke="#ffd400" stroke-width="2"/>` +
        `<text x="${b.left + 3}" y="${b.top + 14}" font-family="DejaVu Sans" font-size="12" fill="#ffd400">${slots[i]}</text>`,
    )
    .join('');
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${rects}</svg>`,
  );
  return sharp(image)
    .composite([{ input: svg, left: 0, top: 0 }])
    .png()
    .toBuffer();
}
