import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, loadTableConfig, parseTableConfig } from '../../engine/config/load';
import { HASH, minimalRoulette } from './support';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studio-desk-config-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function failure(path: string): Promise<ConfigError> {
  const err = await loadTableConfig(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

const VALID_YAML = `table:
  id: roulette-1
  name: Roulette 1
  studio: studio-a
  game: roulette
devices:
  wheel:
    port: /dev/serial/by-id/usb-Cammegh-wheel
    protocol: cammegh-extended
users:
  - id: ana
    name: Ana
    role: floor_manager
    secret: ${HASH}
`;

describe('loadTableConfig', () => {
  it('reads a valid YAML file, .yaml or .yml', async () => {
    for (const name of ['ok.yaml', 'ok.YML']) {
      const config = await loadTableConfig(await file(name, VALID_YAML));
      expect(config.table.id).toBe('roulette-1');
      expect(config.devices.wheel?.layout).toBe('european');
    }
  });

  it('reads a valid JSON file', async () => {
    const config = await loadTableConfig(await file('ok.json', JSON.stringify(minimalRoulette(), null, 2)));
    expect(config.devices.wheel?.protocol).toBe('cammegh-extended');
  });

  it('accepts a byte-order mark', async () => {
    const config = await loadTableConfig(
      await file('bom.json', `\uFEFF${JSON.stringify(minimalRoulette())}`),
    );
    expect(config.table.game).toBe('roulette');
  });

  it('names the file, the field, the message and the line of each problem', async () => {
    const text = VALID_YAML.replace('protocol: cammegh-extended', 'protocol: cammeg-extended').replace(
      '    role: floor_manager\n',
      '    role: floor_manager\n    pin: 1234\n',
    );
    const path = await file('bad.yaml', text);
    const err = await failure(path);
    expect(err.kind).toBe('invalid');
    expect(err.file).toBe(path);
    expect(err.message).toBe(
      [
        `${path}: 2 problems in the table configuration:`,
        '  devices.wheel.protocol: unknown wheel protocol "cammeg-extended" (known: sdlp, cammegh-basic, cammegh-advanced, cammegh-extended) (line 9, column 5)',
        '  users[0].pin: plain PINs and passwords never go in the table file: set one with `studio-desk users add`, which stores its hash as secret (line 14, column 5)',
      ].join('\n'),
    );
    expect(err.problems.map((p) => [p.path, p.line])).toEqual([
      ['devices.wheel.protocol', 9],
      ['users[0].pin', 14],
    ]);
  });

  it('points a missing field at the map that lacks it, and a missing section at no line', async () => {
    const text = VALID_YAML.replace('    protocol: cammegh-extended\n', '').replace(/users:[\s\S]*$/, '');
    const err = await failure(await file('missing.yaml', text));
    expect(err.problems.map((p) => `${p.path}: ${p.message} @${p.line ?? '-'}`)).toEqual([
      'devices.wheel.protocol: required @7',
      'users: required @-',
    ]);
  });

  it('gives the line and column of a YAML syntax error', async () => {
    const path = await file('syntax.yaml', 'table:\n  id: roulette-1\n  name: [Roulette\ndevices: {}\n');
    const err = await failure(path);
    expect(err.kind).toBe('syntax');
    expect(err.message).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid YAML:\n  line \\d+, column \\d+: `,
      ),
    );
    expect(err.problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses duplicate keys in YAML', async () => {
    const err = await failure(
      await file(
        'dup.yaml',
        VALID_YAML.replace('  game: roulette\n', '  game: roulette\n  game: baccarat\n'),
      ),
    );
    expect(err.kind).toBe('syntax');
    expect(err.message).toContain('line 6, column 3: Map keys must be unique');
  });

  it('refuses tabs as indentation with their position', async () => {
    const err = await failure(await file('tabs.yaml', 'table:\n\tid: x\n'));
    expect(err.kind).toBe('syntax');
    expect(err.problems[0]?.line).toBe(2);
  });

  it('refuses several YAML documents in one file', async () => {
    const err = await failure(await file('multi.yaml', `${VALID_YAML}---\n${VALID_YAML}`));
    expect(err.message).toContain('the file holds several YAML documents (---): a table file is one');
  });

  it('gives the line and column of a JSON syntax error', async () => {
    const path = await file('syntax.json', '{\n  "table": {\n    "id" "x"\n  }\n}\n');
    const err = await failure(path);
    expect(err.kind).toBe('syntax');
    expect(err.message).toBe(
      `${path}: not valid JSON:\n  line 3, column 10: Expected ':' after property name`,
    );
  });

  it('gives the lines of the problems in a JSON file', async () => {
    const input = minimalRoulette();
    input.devices.wheel.port = 'ttyUSB0';
    const err = await failure(await file('bad.json', JSON.stringify(input, null, 2)));
    expect(err.problems.map((p) => [p.path, p.line])).toEqual([['devices.wheel.port', 10]]);
  });

  it('reports a missing file', async () => {
    const path = join(dir, 'nope.yaml');
    const err = await failure(path);
    expect(err.kind).toBe('file');
    expect(err.message).toBe(`${path}: file not found`);
  });

  it('reports a directory', async () => {
    const path = join(dir, 'folder.yaml');
    await mkdir(path, { recursive: true });
    expect((await failure(path)).message).toBe(`${path}: is a directory, not a table file`);
  });

  it('reports an unreadable file', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const path = await file('secret.yaml', VALID_YAML);
    const { chmod } = await import('node:fs/promises');
    await chmod(path, 0o000);
    expect((await failure(path)).message).toBe(`${path}: cannot read the file: permission denied`);
  });

  it('refuses other file types', async () => {
    const path = await file('table.toml', 'x = 1');
    expect((await failure(path)).message).toBe(
      `${path}: ".toml" files are not table files: use .yaml, .yml or .json`,
    );
    expect((await failure(join(dir, 'table'))).message).toContain(
      'no file extension: use .yaml, .yml or .json',
    );
  });

  it('refuses an empty file', async () => {
    const path = await file('empty.yaml', '# nothing but a comment\n');
    const err = await failure(path);
    expect(err.kind).toBe('file');
    expect(err.message).toBe(`${path}: the file is empty`);
  });

  it('refuses a file that is a list', async () => {
    const err = await failure(await file('list.yaml', '- table\n- devices\n'));
    expect(err.message).toContain('(top level): expected a map of settings, got a list');
  });
});

describe('parseTableConfig', () => {
  it('parses text without a file, and names no file in its errors', () => {
    expect(parseTableConfig(stringify(minimalRoulette()), 'yaml').table.id).toBe('roulette-1');
    expect(() => parseTableConfig('table: [', 'yaml')).toThrow(/^table configuration: not valid YAML:/);
  });
});
