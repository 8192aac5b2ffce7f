/**
 * The vision types that are plain data (models, readings, statuses, regions): no Node type, so the
 * contract (and through it the renderer) can name them without Node's typings. The runtime's and
 * the check's interfaces that carry image bytes are in types.ts.
 */

/** The two models the desk ships (models/manifest.json). */
export type ModelName = 'card' | 'roulette';

/** What the manifest says about one model, and what a verdict cites as evidence. */
export interface ModelInfo {
  name: ModelName;
  /** Stable id of this trained model, e.g. 'card-2026-12-02-s1234'. */
  id: string;
  /** sha256 (hex) of the .onnx file as loaded. */
  sha256: string;
  /** Output index → label ('AS', '10H', 'none'; '0'…'36', '00', 'none'). */
  labels: readonly string[];
}

/** One crop's reading. */
export interface Reading {
  label: string;
  /** Softmax probability of `label`, 0..1. */
  confidence: number;
}

export type VisionState = 'loading' | 'ok' | 'unavailable';

export interface VisionStatus {
  state: VisionState;
  /** Why, in words a floor manager can act on ("models/card.onnx: sha256 does not match the manifest"). */
  reason: string;
  since: number;
}

/** A region of interest in fractions (0..1) of the frame. */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}
