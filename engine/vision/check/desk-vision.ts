/**
 * The vision check of one desk, built from the table's `vision` section: its frame source (OBS,
 * file, folder, simulated camera), its frame store, its classifier, and its light journaled as
 * `link.vision.status` beside the devices' links. Absent or disabled section: no check (results
 * are final as the sensor reads them, exactly as without vision).
 */
import { dirname, join, resolve } from 'node:path';
import type { Logger } from '../../../lib/logger';
import type { TableConfig } from '../../config/schema';
import type { Journal } from '../../journal/types';
import type { TableEngine } from '../../rounds/table-engine';
import { FileFrameSource } from '../frames/file-source';
import { FolderFrameSource } from '../frames/folder-source';
import { ObsFrameSource, type ScreenshotFn } from '../frames/obs-source';
import { SimulatedCamera } from '../frames/simulated-camera';
import type { Classifier, FrameSource, ModelName } from '../types';
import { FrameStore } from './frame-store';
import { OnnxClassifier } from '../runtime/classifier';
import { checkPlan } from './plan';
import { VisionCheck } from './vision-check';

export interface DeskVisionDeps {
  /** OBS's screenshot of a source, when the desk has an OBS connection. */
  screenshot?: ScreenshotFn;
  /**
   * Opens the classifier of the model the table needs; null: no runtime on this desk. Default: the
   * ONNX runtime (engine/vision/runtime) on `vision.models` and the manifest beside them.
   */
  openClassifier?: (name: ModelName, files: Partial<Record<ModelName, string>>) => Classifier | null;
  logger?: Logger;
}

interface StatusEmitter {
  on(event: 'status', listener: () => void): unknown;
  off(event: 'status', listener: () => void): unknown;
}

export interface DeskVision {
  check: VisionCheck;
  classifier: Classifier | null;
  /** The simulated camera, when the table uses one (demo, HIL). */
  camera?: SimulatedCamera;
  frames: FrameStore;
  stop(): Promise<void>;
}

export function openDeskVision(
  config: TableConfig,
  journal: Journal,
  engine: TableEngine,
  deps: DeskVisionDeps = {},
): DeskVision | undefined {
  const vision = config.vision;
  const game = config.table.game;
  if (!vision?.enabled || (game !== 'roulette' && game !== 'baccarat')) return undefined;
  const plan = checkPlan(vision, game);
  const model: ModelName = game === 'roulette' ? 'roulette' : 'card';
  let camera: SimulatedCamera | undefined;
  let frames: FrameSource;
  const src = vision.frames;
  switch (src.source) {
    case 'file':
      frames = new FileFrameSource(src.path);
      break;
    case 'folder':
      frames = new FolderFrameSource(src.path, { loop: src.loop });
      break;
    case 'simulated':
      camera = new SimulatedCamera({
        samples: src.samples,
        model,
        regions: plan.ok ? plan.plan.regions : {},
        disagreeRate: src.disagreeRate,
        ...(src.seed === undefined ? {} : { seed: src.seed }),
      });
      frames = camera;
      break;
    case 'obs': {
      const cameras = config.obs?.scenePlan.cameras ?? {};
      const sources = Object.fromEntries(
        Object.entries(cameras).map(([name, c]) => [name, c.source ?? c.scene]),
      );
      frames = deps.screenshot
        ? new ObsFrameSource(deps.screenshot, sources)
        : {
            grab: () =>
              Promise.reject(new Error('vision.frames is obs, but this desk has no OBS connection')),
          };
      break;
    }
  }
  let classifier: Classifier | null = null;
  try {
    const open = deps.openClassifier ?? onnxClassifier(vision.classifyTimeoutMs);
    classifier = open(model, vision.models);
  } catch (e) {
    deps.logger?.error({ err: (e as Error).message }, 'vision runtime did not open');
  }
  const store = new FrameStore(vision.framesDir ?? join(dirname(config.journal.path), 'frames'));
  const check = new VisionCheck({
    engine,
    plan,
    frames,
    classifier,
    store,
    onRequest: (r) => camera?.show({ labels: r.sensor, slots: r.slots }),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const journalStatus = () => {
    const s = check.status();
    try {
      journal.append({
        kind: 'link.vision.status',
        actor: { id: 'vision', role: 'system' },
        data: { state: s.state, reason: s.reason },
      });
    } catch (e) {
      deps.logger?.error({ err: (e as Error).message }, 'vision status not journaled');
    }
  };
  check.on('status', journalStatus);
  journalStatus();
  // The runtime loads its models in the background and reports each change of its status.
  const runtime = classifier as (Classifier & Partial<StatusEmitter>) | null;
  const refresh = () => check.refresh();
  runtime?.on?.('status', refresh);
  check.start();
  return {
    check,
    classifier,
    ...(camera ? { camera } : {}),
    frames: store,
    async stop() {
      check.off('status', journalStatus);
      runtime?.off?.('status', refresh);
      await check.stop();
      await classifier?.close();
    },
  };
}

/** The runtime on the configured model file; its manifest is `manifest.json` in the same folder. */
function onnxClassifier(timeoutMs: number): NonNullable<DeskVisionDeps['openClassifier']> {
  return (name, files) => {
    const file = files[name];
    if (file === undefined) return OnnxClassifier.open({ names: [name], timeoutMs });
    const path = resolve(file);
    return OnnxClassifier.open({
      names: [name],
      modelsDir: dirname(path),
      files: { [name]: path },
      timeoutMs,
    });
  };
}
