/**
 * A throw-away HOME for a headless OBS Studio 29 (see ../shared/REAL-PEERS.md): global.ini with the
 * obs-websocket 5.1 settings (it reads [OBSWebSocket] there, not plugin_config) and no first-run
 * wizard, a small profile (640x360@15, simple output to mkv/x264 in the folder) and the scene
 * collection the project ships for tests (tests/fixtures/obs/StudioDeskTest.json).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const TEST_COLLECTION = 'StudioDeskTest';
export const TEST_PROFILE = 'StudioDeskTest';
export const COLLECTION_FILE = resolve(import.meta.dirname, '../../tests/fixtures/obs/StudioDeskTest.json');

export interface ObsHomeOptions {
  dir: string;
  port: number;
  password: string;
  width?: number;
  height?: number;
  fps?: number;
  collectionFile?: string;
}

/** OBS 29.0.2 as OBS encodes it in LastVersion: (major << 24) | (minor << 16) | patch. */
const LAST_VERSION = (29 << 24) | (0 << 16) | 2;

export function writeObsHome(o: ObsHomeOptions): { home: string; config: string; recordings: string } {
  const config = join(o.dir, '.config');
  const obs = join(config, 'obs-studio');
  const recordings = join(o.dir, 'recordings');
  for (const d of [join(obs, 'basic', 'profiles', TEST_PROFILE), join(obs, 'basic', 'scenes'), recordings])
    mkdirSync(d, { recursive: true });
  writeFileSync(
    join(obs, 'global.ini'),
    [
      '[General]',
      'FirstRun=true',
      `LastVersion=${LAST_VERSION}`,
      'EnableAutoUpdates=false',
      'ConfirmOnExit=false',
      '',
      '[Basic]',
      `Profile=${TEST_PROFILE}`,
      `ProfileDir=${TEST_PROFILE}`,
      `SceneCollection=${TEST_COLLECTION}`,
      `SceneCollectionFile=${TEST_COLLECTION}`,
      '',
      '[BasicWindow]',
      'SysTrayEnabled=false',
      'SwapScenesMode=true',
      '',
      '[OBSWebSocket]',
      'FirstLoad=false',
      'ServerEnabled=true',
      `ServerPort=${o.port}`,
      'AlertsEnabled=false',
      'AuthRequired=true',
      `ServerPassword=${o.password}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const w = o.width ?? 640;
  const h = o.height ?? 360;
  writeFileSync(
    join(obs, 'basic', 'profiles', TEST_PROFILE, 'basic.ini'),
    [
      '[General]',
      `Name=${TEST_PROFILE}`,
      '',
      '[Video]',
      `BaseCX=${w}`,
      `BaseCY=${h}`,
      `OutputCX=${w}`,
      `OutputCY=${h}`,
      'FPSType=1',
      `FPSInt=${o.fps ?? 15}`,
      '',
      '[Output]',
      'Mode=Simple',
      '',
      '[SimpleOutput]',
      `FilePath=${recordings}`,
      'RecFormat=mkv',
      'RecQuality=Stream',
      'StreamEncoder=x264',
      'RecEncoder=x264',
      'VBitrate=500',
      'Preset=ultrafast',
      '',
    ].join('\n'),
  );
  copyFileSync(o.collectionFile ?? COLLECTION_FILE, join(obs, 'basic', 'scenes', `${TEST_COLLECTION}.json`));
  return { home: o.dir, config, recordings };
}
