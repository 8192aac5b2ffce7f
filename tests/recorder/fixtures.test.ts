import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../hardware/recorder/capture';
import { replayCapture } from '../../hardware/recorder/replay';
import type { Truth } from '../fixtures/captures/generate';

/**
 * Simulator captures (tests/fixtures/captures, made by generate.ts) replayed through the live
 * driver's decode pipeline: the decoded events must be exactly what the simulated device did, as
 * written in each fixture's .truth.json, despite the line noise recorded in the capture.
 */
const DIR = join(import.meta.dirname, '..', 'fixtures', 'captures');
const NOT_COMPARED = new Set(['hello', 'rotor', 'wheelState']);

describe.each([
  ['sdlp-wheel-noisy', { checksum: 17, duplicate: 4 }],
  ['sdlp-shoe', { checksum: 1 }],
  ['cammegh-extended', { malformed: 14 }],
])('fixture %s', (name, faults) => {
  const load = async () => {
    const capture = await readCapture(join(DIR, `${name}.capture.jsonl`));
    const truth = JSON.parse(readFileSync(join(DIR, `${name}.truth.json`), 'utf8')) as Truth;
    return { ...capture, truth };
  };

  it('says in its header that it is a simulator capture, not one of a real device', async () => {
    const { header, truth } = await load();
    expect(header.note).toMatch(/^SIMULATOR capture, not a capture of a real device/);
    expect(truth.note).toBe(header.note);
    expect([header.device, header.protocol, header.layout]).toEqual([
      truth.device,
      truth.protocol,
      truth.layout,
    ]);
  });

  it('replays to exactly the events the simulated device produced, each once, in order', async () => {
    const { header, records, truth } = await load();
    const { items } = replayCapture(header, records);
    const events = items.flatMap((i) =>
      i.kind === 'event' && !NOT_COMPARED.has(i.event.type) ? [i.event] : [],
    );
    // Compare the fields the truth names (timestamps and frames differ by nature).
    const projected = events.map((e, i) => {
      const keys = Object.keys(truth.events[i] ?? { type: '' });
      return Object.fromEntries(keys.map((k) => [k, (e as unknown as Record<string, unknown>)[k]]));
    });
    expect(projected).toEqual(truth.events);
  });

  it('holds the line faults it was made with (so the replay above proves recovery from them)', async () => {
    const { header, records } = await load();
    const { stats } = replayCapture(header, records);
    expect(stats.rejected).toMatchObject(faults);
    expect(stats.suppressedDuplicates).toBe(0);
  });
});
