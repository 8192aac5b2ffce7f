/**
 * models/manifest.json: what each trained model is (id, labels, input shape, normalisation) and the
 * sha256 of its .onnx file. The runtime trusts a model file only when its bytes hash to the manifest's
 * sha256, so a truncated copy, a stale file or a model from elsewhere never reads a result.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { ModelInfo, ModelName } from '../types';

export const MODEL_NAMES = ['card', 'roulette'] as const satisfies readonly ModelName[];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits' });
const triple = z.tuple([z.number(), z.number(), z.number()]);

export const ModelEntrySchema = z
  .object({
    id: z.string().min(1).max(100),
    /** The .onnx file, relative to the manifest's folder. */
    file: z.string().regex(/\.onnx$/i, { error: 'must name an .onnx file' }),
    sha256: sha256Hex,
    bytes: z.number().int().positive(),
    labels: z.array(z.string().min(1)).min(2),
    input: z.object({
      name: z.string().min(1),
      layout: z.literal('NCHW'),
      channels: z.literal('RGB'),
      height: z.number().int().min(8).max(1024),
      width: z.number().int().min(8).max(1024),
      /** How a crop becomes the input: stretched to height x width ('fill'), as in training. */
      resize: z.literal('fill'),
    }),
    /** value = (pixel * scale - mean[c]) / std[c]. */
    normalisation: z.object({ scale: z.number().positive(), mean: triple, std: triple }),
    output: z.object({ name: z.string().min(1), kind: z.literal('softmax') }),
    training: z.record(z.string(), z.unknown()).optional(),
    heldout: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((m, ctx) => {
    if (!m.labels.includes('none'))
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'must include "none"' });
    if (new Set(m.labels).size !== m.labels.length)
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'labels must be unique' });
    if (m.normalisation.std.some((s) => s <= 0))
      ctx.addIssue({ code: 'custom', path: ['normalisation', 'std'], message: 'must be more than 0' });
  });

export const ManifestSchema = z.object({
  version: z.literal(1),
  models: z.object({ card: ModelEntrySchema.optional(), roulette: ModelEntrySchema.optional() }),
});

export type ModelEntry = z.infer<typeof ModelEntrySchema>;
export type Manifest = z.infer<typeof ManifestSchema>;

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Validates parsed JSON; the error names each wrong field. */
export function parseManifest(json: unknown, where: string): Manifest {
  const r = ManifestSchema.safeParse(json);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new ManifestError(`${where}: not a valid model manifest: ${issues}`);
}

export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ManifestError(
      `${path}: cannot read the model manifest (${(e as NodeJS.ErrnoException).code ?? e})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ManifestError(`${path}: the model manifest is not JSON (${(e as Error).message})`);
  }
  return parseManifest(json, path);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A model file read and checked against its manifest entry: these exact bytes are what gets loaded. */
export interface VerifiedModel {
  info: ModelInfo;
  entry: ModelEntry;
  path: string;
  bytes: Uint8Array;
}

/**
 * Reads one model's file (the manifest's `file` next to the manifest, unless `overridePath` names
 * another) and checks size and sha256 against the manifest. Throws a ManifestError that says what is
 * wrong in words a technician can act on.
 */
export async function verifyModel(
  manifest: Manifest,
  manifestPath: string,
  name: ModelName,
  overridePath?: string,
): Promise<VerifiedModel> {
  const entry = manifest.models[name];
  if (!entry) throw new ManifestError(`${manifestPath}: has no "${name}" model`);
  const path =
    overridePath ?? (isAbsolute(entry.file) ? entry.file : join(dirname(manifestPath), entry.file));
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ManifestError(
      code === 'ENOENT'
        ? `${path}: model file is missing`
        : `${path}: cannot read the model file (${code ?? e})`,
    );
  }
  const hash = sha256(bytes);
  if (hash !== entry.sha256) {
    const size =
      bytes.length === entry.bytes ? '' : ` (${bytes.length} bytes, the manifest says ${entry.bytes})`;
    throw new ManifestError(
      `${path}: sha256 does not match the manifest${size}: the file is corrupt or not the model ${entry.id}`,
    );
  }
  return { info: { name, id: entry.id, sha256: hash, labels: entry.labels }, entry, path, bytes };
}
