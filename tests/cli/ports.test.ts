import { afterEach, describe, expect, it } from 'vitest';
import { killAllCli, runCli } from '../support/spawn-cli';

/**
 * `studio-desk ports` on whatever machine runs the tests: the ports differ, the shape must not. The
 * text and JSON views must list the same ports with the same name to configure them by.
 */
afterEach(killAllCli);

describe('studio-desk ports', () => {
  it('--json and text list the same ports, each with a path and a name to configure it by', async () => {
    const [json, text] = await Promise.all([runCli(['ports', '--json']), runCli(['ports'])]);
    expect(json.code, json.stderr).toBe(0);
    expect(text.code, text.stderr).toBe(0);

    const lines = json.stdout.split('\n').filter((l) => l !== '');
    const ports = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const p of ports) {
      expect(p.path).toEqual(expect.stringMatching(/^\/dev\/\S+$/));
      expect(p.configureAs).toEqual(
        expect.stringMatching(/^(\/dev\/\S+|usb:[0-9a-f]{4}:[0-9a-f]{4}(:.+)?)$/),
      );
      // A USB port is configured by its identity, never by its place in the list.
      if (p.vendorId) expect(p.configureAs).not.toBe(p.path);
    }

    if (ports.length === 0) {
      expect(text.stdout).toBe('No serial ports found.\n');
    } else {
      const textPaths = text.stdout
        .split('\n')
        .filter((l) => l.startsWith('/'))
        .map((l) => l.split(/\s+/)[0]);
      const textConfigure = [...text.stdout.matchAll(/^ {4}configure as: (\S+)$/gm)].map((m) => m[1]);
      expect(textPaths).toEqual(ports.map((p) => p.path));
      expect(textConfigure).toEqual(ports.map((p) => p.configureAs));
    }
  });

  it('an unknown option: exit 2 with the usage', async () => {
    const r = await runCli(['ports', '--all']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--all'");
    expect(r.stderr).toContain('studio-desk ports [--json]');
  });
});
