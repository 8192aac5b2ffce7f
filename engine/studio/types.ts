/**
 * The studio as the director sees it: what OBS shows (real, read on every resync and followed by
 * events) and what the round needs (desired). Both are plain data; the diff between them is the
 * list of requests to send. Modelled on Sofie timeline-state-resolver's OBS integration.
 */
import type { ObsData } from '../obs/client';

export interface StudioItem {
  scene: string;
  source: string;
  enabled: boolean;
}

export interface Transition {
  name: string;
  durationMs?: number;
}

/** OBS's real state, as far as the director cares. */
export interface RealStudio {
  scenes: string[];
  programScene: string | null;
  /** null when studio mode is off. */
  previewScene: string | null;
  studioMode: boolean;
  transition: { name: string; durationMs: number | null };
  /** Items of the scenes the plan names, with OBS's ids. */
  items: (StudioItem & { id: number })[];
  /** Text of each overlay input that exists (input name → text). */
  texts: Record<string, string>;
  /** Canvas frame rate, for the fps alarm. */
  canvasFps: number | null;
}

/** What the round needs on air. null fields: leave OBS as it is. */
export interface DesiredStudio {
  programScene: string | null;
  previewScene: string | null;
  studioMode: boolean | null;
  /** The transition for the next program change. */
  transition: Transition | null;
  /** Reach the program scene with the studio-mode transition (a take) when it is on preview. */
  viaTake: boolean;
  texts: Record<string, string>;
  items: StudioItem[];
  /** Why the program scene is what it is ("phase spinning", "cue ballLaunched", "manual by demo-dealer"). */
  because: string;
}

/** One obs-websocket request, with a sentence saying why (logged, and shown on failure). */
export interface ObsCommand {
  requestType: string;
  requestData: ObsData;
  context: string;
}

export interface StudioDiff {
  commands: ObsCommand[];
  /** Things the plan asks for that OBS does not have (a scene, an input, an item). */
  problems: string[];
}
