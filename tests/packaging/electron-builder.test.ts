/**
 * The packaging config, proven without an Electron download: electron-builder packs the built app
 * into an unpacked Linux directory around a stand-in Electron folder (`electronDist`), and the
 * result must have every native module and shared library outside the asar, the models and the
 * udev rules as extra resources. It does not prove the app runs (no Electron binary here).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/spawn-cli';

const dir = mkdtempSync(join(tmpdir(), 'desk-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function find(root: string, test: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, e.name);
    if (e.isDirectory()) find(p, test, out);
    else if (test(e.name)) out.push(p);
  }
  return out;
}

describe('electron-builder config (build/electron-builder.yml)', () => {
  it('packs a Linux app with native code unpacked, models and udev rules beside it', () => {
    if (!existsSync(join(REPO_ROOT, 'out/main/index.js'))) {
      const b = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(b.status, b.stderr).toBe(0);
    }
    const electron = join(dir, 'electron');
    mkdirSync(electron);
    writeFileSync(join(electron, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(electron, 'electron'), 0o755);
    const out = join(dir, 'dist');
    const r = spawnSync(
      'npx',
      [
        'electron-builder',
        '--linux',
        'dir',
        '--config',
        'build/electron-builder.yml',
        `-c.electronDist=${electron}`,
        '-c.electronVersion=45.4.0',
        `-c.directories.output=${out}`,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 },
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const resources = join(out, 'linux-unpacked', 'resources');
    expect(existsSync(join(resources, 'app.asar'))).toBe(true);
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
    const natives = find(unpacked, (n) => n.endsWith('.node') || /\.so(\.\d+)*$/.test(n)).map((p) =>
      p.slice(unpacked.length + 1),
    );
    for (const want of [
      /^better-sqlite3\/.*linux-x64\.node$/,
      /^@serialport\/bindings-cpp\/prebuilds\/linux-x64\//,
      /^onnxruntime-node\/bin\/napi-v6\/linux\/x64\/libonnxruntime\.so\.1$/,
      /^onnxruntime-node\/bin\/napi-v6\/linux\/x64\/onnxruntime_binding\.node$/,
      /^@img\/sharp-linux-x64\/.*\.node$/,
      /^@img\/sharp-libvips-linux-x64\/.*libvips-cpp\.so/,
    ])
      expect(
        natives.some((n) => want.test(n)),
        `${want} unpacked`,
      ).toBe(true);
    // Every model file and its manifest travel as they are in models/.
    const models = readdirSync(join(REPO_ROOT, 'models')).filter(
      (f) => f.endsWith('.onnx') || f === 'manifest.json',
    );
    expect(models.length).toBeGreaterThan(0);
    expect(readdirSync(join(resources, 'models')).sort()).toEqual(models.sort());
    expect(existsSync(join(resources, 'udev', '99-studio-desk-serial.rules'))).toBe(true);
  }, 300_000);
});
