import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, killAllCli } from '../support/spawn-cli';
import { SAMPLES_DIR, copyOfModels } from '../vision/support';

const cleanups: (() => void)[] = [];
afterEach(async () => {
  await killAllCli();
  cleanups.splice(0).forEach((f) => f());
});

describe('studio-desk vision classify', () => {
  it('prints one JSON line per image, in order: file, label, confidence, ms', async () => {
    const files = ['AS.png', '10H.png', '7C.png', 'none.png'].map((f) => join(SAMPLES_DIR, 'card', f));
    const r = await runCli(['vision', 'classify', '--model', 'card', ...files], 30_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.file)).toEqual(files);
    expect(lines.map((l) => l.label)).toEqual(['AS', '10H', '7C', 'none']);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['file', 'label', 'confidence', 'ms']);
      expect(l.confidence).toBeGreaterThan(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
      expect(l.ms).toBeGreaterThan(0);
    }
  });

  it('roulette, with --top: the most likely labels too', async () => {
    const r = await runCli(
      ['vision', 'classify', '--model', 'roulette', '--top', '3', join(SAMPLES_DIR, 'roulette', '00.png')],
      30_000,
    );
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout) as { label: string; top: { label: string; confidence: number }[] };
    expect(line.label).toBe('00');
    expect(line.top).toHaveLength(3);
    expect(line.top[0]?.label).toBe('00');
    expect(line.top[0]!.confidence).toBeGreaterThanOrEqual(line.top[1]!.confidence);
  });

  it('an unreadable image: an error line for it, the others still read, exit code 1', async () => {
    const bad = join(copyDir(), 'broken.png');
    writeFileSync(bad, 'not a png');
    const good = join(SAMPLES_DIR, 'roulette', '17.png');
    const r = await runCli(['vision', 'classify', '--model', 'roulette', bad, 'missing.png', good], 30_000);
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({
      file: bad,
      error: expect.stringMatching(/cannot decode the crop as an image/),
    });
    expect(lines[1]).toEqual({ file: 'missing.png', error: 'cannot read the file (ENOENT)' });
    expect(lines[2]).toMatchObject({ file: good, label: '17' });
  });

  it('a corrupt model: says why on stderr, prints no reading, exit code 2', async () => {
    const dir = copyDir();
    const card = join(dir, 'card.onnx');
    const bytes = readFileSync(card);
    bytes[100] = (bytes[100] as number) ^ 1;
    writeFileSync(card, bytes);
    const r = await runCli([
      'vision',
      'classify',
      '--model',
      'card',
      '--models',
      dir,
      join(SAMPLES_DIR, 'card', 'AS.png'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`vision is unavailable: card: ${card}: sha256 does not match the manifest`);
  });

  it('usage mistakes exit 2 with the usage', async () => {
    const r1 = await runCli(['vision', 'classify', 'x.png']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('--model card|roulette is required');
    const r2 = await runCli(['vision', 'classify', '--model', 'dice', 'x.png']);
    expect(r2.stderr).toContain('--model must be one of card, roulette (got "dice")');
    const r3 = await runCli(['vision', 'classify', '--model', 'card']);
    expect(r3.stderr).toContain('give at least one IMAGE');
    const r4 = await runCli(['vision', 'read']);
    expect(r4.stderr).toContain('unknown vision command "read"');
  }, 90_000);
});

function copyDir(): string {
  const c = copyOfModels();
  cleanups.push(c.remove);
  return c.dir;
}
