/**
 * The contract between the vision runtime (models, preprocessing, ONNX sessions in a worker) and
 * the vision check (frames, regions of interest, the verdict that holds or finalises a round).
 * Plain Node: no electron import.
 */

export type { ModelInfo, ModelName, Reading, Region, VisionState, VisionStatus } from './readings';
import type { ModelInfo, ModelName, Reading, VisionStatus } from './readings';

/**
 * Classifies crops with a loaded model. Never resolves a guess when it cannot read: an unavailable
 * model or a failing session rejects with `VisionUnavailableError`.
 */
export interface Classifier {
  /**
   * The runtime's status; with a model name, that model's own: one broken model file makes only
   * that model unavailable (a roulette desk keeps its check when card.onnx is corrupt).
   */
  status(name?: ModelName): VisionStatus;
  model(name: ModelName): ModelInfo | undefined;
  /** `crops`: encoded images (PNG, JPEG…) of one card face or one pocket each; one reading per crop. */
  classify(name: ModelName, crops: readonly Buffer[]): Promise<Reading[]>;
  close(): Promise<void>;
}

export class VisionUnavailableError extends Error {
  override readonly name = 'VisionUnavailableError';
}

/** A still frame of one camera, as grabbed for a check. */
export interface Frame {
  /** Encoded image (PNG from OBS, or whatever the file holds). */
  image: Buffer;
  /** sha256 (hex) of `image`: cited in the verdict and the outcome's evidence. */
  sha256: string;
  camera: string;
  /** Where it came from: 'obs:<source name>', 'file:<path>', 'folder:<path>'. */
  source: string;
  /** Wall-clock ms when grabbed. */
  at: number;
}

/** Gives a frame of a named camera. Rejects (never hangs) when none arrives within the timeout. */
export interface FrameSource {
  grab(camera: string, options?: { timeoutMs?: number }): Promise<Frame>;
}
