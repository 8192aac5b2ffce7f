/**
 * The technician's settings taking effect, end to end: Debian's chromium against `studio-desk
 * start` with the real engine, a fake OBS (real obs-websocket v5), the simulated camera and two
 * external simulated wheels on loopback TCP.
 *
 * A saved scene plan puts its scene on air in OBS at once (no round running); saved vision regions
 * are the ones in force; a device setting change reopens the wheel on the other simulator between
 * rounds (the raw-traffic view keeps working) and is refused once a round is open; a calibration
 * profile saved by the wizard is recorded on the next wheel result. Screenshots at 1920×1080 and
 * 1280×800 under test-artifacts/screens/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { havePeer } from '../support/peers';
import { FakeObs } from '../obs/support/fake-obs';
import { killAllCli } from '../support/spawn-cli';
import {
  ensureRendererBuilt,
  launchChromium,
  pageAs,
  requestAsPage,
  scriptedWheel,
  shoot,
  simulatedWheelVision,
  startDeskProcess,
  writeTable,
} from './support';

const run = havePeer('chromium', 'the technician-settings end-to-end tests');

describe.skipIf(!run)('browser view in Chromium: the technician settings take effect', () => {
  let dir: string;
  let browser: Browser;
  let url: string;
  let obs: FakeObs;
  let portA: number;
  let portB: number;

  const page = (who: 'technician' | 'dealer'): Promise<Page> => pageAs(browser, url, who);

  beforeAll(async () => {
    ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-settings-'));
    obs = await FakeObs.start({
      scenes: [
        { name: 'Table Wide' },
        { name: 'Betting' },
        { name: 'Lobby' },
        { name: 'Wheel Close-up', sources: ['Wheel Cam'] },
      ],
    });
    portA = await scriptedWheel(dir, ['17'], 0.2);
    portB = await scriptedWheel(dir, ['17'], 0.2);
    const table = writeTable(dir, {
      devices: { wheel: { port: `tcp://127.0.0.1:${portA}`, protocol: 'sdlp', layout: 'european' } },
      rules: { roulette: { bettingSeconds: 120, misspinPolicy: 'respin', maxRespins: 3, autoOpen: false } },
      vision: await simulatedWheelVision(dir, 0),
      obs: {
        url: obs.url,
        minDwellMs: 0,
        scenePlan: {
          phases: { idle: 'Table Wide', betting_open: 'Betting' },
          cameras: { wheel: { scene: 'Wheel Close-up', source: 'Wheel Cam' } },
        },
      },
    } as never);
    ({ url } = await startDeskProcess(['--config', table, '--no-autopilot']));
    ({ browser } = await launchChromium());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await killAllCli();
    await obs?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a saved scene plan is on air at once (no round running) and named in force', async () => {
    const tech = await page('technician');
    await expect.poll(() => obs.program, { timeout: 15_000 }).toBe('Table Wide');
    const panel = tech.locator('section[aria-label="Scene plan"]');
    const fits = panel.getByTestId('plan-fits');
    const deadline = Date.now() + 15_000;
    while (!(await fits.isVisible())) {
      if (Date.now() > deadline) throw new Error('the plan was never checked against OBS');
      await panel.getByRole('button', { name: 'Check against OBS' }).click();
      await tech.waitForTimeout(300);
    }
    expect(await panel.getByTestId('plan-in-force').textContent()).toContain("the table file's plan");
    await panel.locator('select[name=phase-idle]').selectOption('Lobby');
    await panel.getByTestId('plan-save').click();
    await expect.poll(() => panel.getByTestId('plan-saved').textContent()).toContain('in force now');
    await expect.poll(() => obs.program, { timeout: 10_000 }).toBe('Lobby');
    await expect
      .poll(() => panel.getByTestId('plan-in-force').textContent())
      .toMatch(/version 1, saved by demo-tech at .* since/);
    await panel.scrollIntoViewIfNeeded();
    await shoot(tech, 'technician-plan-in-force');
  }, 60_000);

  it('saved vision regions are the ones in force, and the table file can be put back', async () => {
    const tech = await page('technician');
    const panel = tech.locator('section[aria-label="Vision regions"]');
    await panel.getByRole('button', { name: 'Grab a frame' }).click();
    await panel.getByTestId('regions-in-force').waitFor({ timeout: 15_000 });
    expect(await panel.getByTestId('regions-in-force').textContent()).toContain("the table file's regions");
    await panel.locator('input[name=region-x]').fill('0.1');
    await panel.getByTestId('regions-save').click();
    await expect
      .poll(() => panel.getByTestId('regions-saved').textContent())
      .toContain('in force for the next check');
    await expect
      .poll(() => panel.getByTestId('regions-in-force').textContent())
      .toContain('version 1, saved by demo-tech');
    expect(await panel.locator('.region--configured').getAttribute('style')).toMatch(/left: 10(\.0)?%/);
    await panel.getByTestId('regions-revert').click();
    await expect
      .poll(() => panel.getByTestId('regions-in-force').textContent())
      .toMatch(/the table file's regions \(reverted by demo-tech at [0-9:]+, version 2\)/);
    expect(await panel.locator('.region--configured').getAttribute('style')).toMatch(/left: 35(\.0)?%/);
  }, 60_000);

  it('a device setting reopens the wheel on another port between rounds, and is refused once a round is open', async () => {
    const tech = await page('technician');
    const settings = tech.locator('section[aria-label="Device settings"]');
    await settings.locator('input[name=wheel-port]').waitFor({ timeout: 15_000 });
    expect(await settings.locator('input[name=wheel-port]').inputValue()).toBe(`tcp://127.0.0.1:${portA}`);
    await settings.locator('input[name=wheel-port]').fill(`tcp://127.0.0.1:${portB}`);
    await settings.getByTestId('settings-wheel-save').click();
    await expect
      .poll(() => settings.getByTestId('device-settings-saved').textContent())
      .toContain('wheel: version 1 saved');
    await expect
      .poll(() => tech.locator('section[aria-label="Devices"] tbody tr').first().textContent(), {
        timeout: 15_000,
      })
      .toContain(`tcp://127.0.0.1:${portB}`);
    // The raw-traffic view still shows the (reopened) wheel's bytes.
    await tech.getByRole('button', { name: 'Watch wheel' }).click();
    await expect
      .poll(() => tech.locator('.traffic__raw .traffic__line').count(), { timeout: 20_000 })
      .toBeGreaterThan(2);
    await settings.scrollIntoViewIfNeeded();
    await shoot(tech, 'technician-device-settings');
    const dealer = await page('dealer');
    const opened = (await requestAsPage(dealer, 'round.command', { cmd: 'openBetting', roundId: null })) as {
      ok: boolean;
    };
    expect(opened.ok).toBe(true);
    await settings.locator('input[name=wheel-port]').fill(`tcp://127.0.0.1:${portA}`);
    await settings.getByTestId('settings-wheel-save').click();
    await expect.poll(() => tech.getByTestId('notice').textContent()).toMatch(/round \S+ is in progress/);
    expect(await tech.locator('section[aria-label="Devices"] tbody tr').first().textContent()).toContain(
      `tcp://127.0.0.1:${portB}`,
    );
  }, 90_000);

  it('a calibration profile saved by the wizard is recorded on the next wheel result', async () => {
    const tech = await page('technician');
    const wizard = tech.locator('section[aria-label="Wheel calibration"]');
    await wizard.getByRole('button', { name: 'Start calibration' }).click();
    await wizard.getByText('clockwise').first().waitFor({ timeout: 20_000 });
    await wizard.getByRole('button', { name: 'Yes, same' }).click();
    for (let spin = 1; spin <= 3; spin++) {
      const input = wizard.locator(`input[name=observed-${spin}]`);
      await input.waitFor({ timeout: 45_000 });
      await input.fill('17');
      await input.press('Enter');
      await wizard.locator(`tr:has(input[name=observed-${spin}])`).waitFor({ state: 'detached' });
    }
    await wizard.getByRole('button', { name: 'Save profile' }).click();
    await expect
      .poll(() => wizard.getByTestId('calibration-profile').textContent())
      .toContain('In force: profile v1');
    const profileSeq = await (async () => {
      const r = (await requestAsPage(tech, 'audit.query', { kind: 'calibration.wheel.saved' })) as {
        value: { entries: { seq: number }[] };
      };
      return r.value.entries[0]?.seq ?? 0;
    })();
    expect(profileSeq).toBeGreaterThan(0);
    // The next result the wheel reports after the save carries profile v1 beside its raw frame.
    await expect
      .poll(
        async () => {
          const r = (await requestAsPage(tech, 'audit.query', { kind: 'device.wheel.result' })) as {
            value: {
              entries: { seq: number; data: { calibration?: { profile: number }; frames: string[] } }[];
            };
          };
          const e = r.value.entries.find((x) => x.seq > profileSeq);
          return e
            ? { profile: e.data.calibration?.profile, raw: e.data.frames[0]?.includes('RESULT') }
            : null;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toEqual({ profile: 1, raw: true });
    await wizard.scrollIntoViewIfNeeded();
    await shoot(tech, 'technician-calibration-in-force');
  }, 180_000);
});
