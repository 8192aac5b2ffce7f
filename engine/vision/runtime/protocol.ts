/**
 * Messages between the Classifier (main thread) and its worker. Every request carries an id and gets
 * exactly one reply with that id; the main thread also times each one out, so none waits forever.
 */
import type { ModelName } from '../types';
import type { ModelEntry } from './manifest';

export interface LoadModel {
  name: ModelName;
  entry: ModelEntry;
  /** The verified file bytes (hashed on the main thread): what the session is built from. */
  bytes: Uint8Array;
}

export type ToWorker =
  | { type: 'load'; id: number; models: LoadModel[] }
  | { type: 'classify'; id: number; name: ModelName; crops: Uint8Array[] }
  | { type: 'close'; id: number };

export interface LoadedModel {
  name: ModelName;
  /** Session creation, ms. */
  loadMs: number;
  /** First inference (batch 1 and batch 6), ms. */
  warmupMs: number;
}

export interface WorkerReading {
  label: string;
  confidence: number;
  /** The whole output row (probabilities in label order), for evaluations and reviews. */
  probs?: number[];
}

export type FromWorker =
  | {
      type: 'loaded';
      id: number;
      models: LoadedModel[];
      failed: { name: ModelName; reason: string }[];
      /** worker_threads.threadId of the thread holding the sessions (never the main thread's 0). */
      threadId: number;
    }
  | {
      type: 'classified';
      id: number;
      readings: WorkerReading[];
      /** Decode + resize + normalise of the batch, and session.run, ms (inside the worker). */
      preprocessMs: number;
      inferenceMs: number;
    }
  /** kind 'input': a crop could not be decoded (the caller's problem); 'session': the model failed. */
  | { type: 'failed'; id: number; kind: 'input' | 'session'; reason: string }
  | { type: 'closed'; id: number };
