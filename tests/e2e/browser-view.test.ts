/**
 * The browser view end to end: Debian's chromium against `studio-desk start` with the real engine,
 * its journal and its drivers reading a simulated wheel (an external `studio-desk sim wheel` with a
 * script, so the results are known: 17 four times, then a spin that ends in a sensor error, in a loop).
 *
 * A dealer settles a roulette round from the keyboard; a dealer's void is refused by the engine; a
 * floor manager resolves the round the sensor error interrupted, with a reason that lands in the
 * audit trail; a technician watches the wheel's raw traffic beside the decoded events, saves a
 * vision region and edits the scene plan against a fake OBS's real scenes. Each view is saved at
 * 1920×1080 and 1280×800 under test-artifacts/screens/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { havePeer } from '../support/peers';
import { FakeObs } from '../obs/support/fake-obs';
import { killAllCli, type CliProcess } from '../support/spawn-cli';
import {
  ensureRendererBuilt,
  launchChromium,
  login,
  openPage,
  pageAs,
  requestAsPage,
  scriptedWheel,
  shoot,
  simulatedWheelVision,
  startDeskProcess,
  writeTable,
} from './support';

const run = havePeer('chromium', 'the browser-view end-to-end tests');

describe.skipIf(!run)('browser view in Chromium: roulette', () => {
  let dir: string;
  let browser: Browser;
  let desk: CliProcess;
  let url: string;
  const pages: Page[] = [];

  async function newPage(): Promise<Page> {
    const page = await openPage(browser);
    pages.push(page);
    return page;
  }

  /** The dealer presses Enter whenever the next action is to open betting or settle, until `done`. */
  async function dealUntil(dealer: Page, done: () => Promise<boolean>, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`not reached in ${ms} ms`);
      const button = dealer.getByTestId('primary-action');
      const label = (await button.count()) > 0 ? ((await button.textContent()) ?? '') : '';
      if (/Open betting|Settle/.test(label)) await dealer.keyboard.press('Enter');
      await dealer.waitForTimeout(300);
    }
  }

  beforeAll(async () => {
    ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-'));
    const port = await scriptedWheel(dir, ['17', '17', '17', '17', 'error rim_sensor'], 0.25);
    const table = writeTable(dir, {
      devices: { wheel: { port: `tcp://127.0.0.1:${port}`, protocol: 'sdlp', layout: 'european' } },
      rules: { roulette: { bettingSeconds: 15, misspinPolicy: 'respin', maxRespins: 3, autoOpen: true } },
    });
    ({ desk, url } = await startDeskProcess(['--config', table, '--no-autopilot']));
    ({ browser } = await launchChromium());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.stop(10_000).catch(() => undefined);
    await killAllCli();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the login and refuses a wrong PIN in words', async () => {
    const page = await newPage();
    await page.goto(url);
    await shoot(page, 'login');
    await page.getByText('Dealer', { exact: true }).click();
    await page.fill('#login-user', 'demo-dealer');
    await page.fill('#login-secret', '0000');
    await page.click('button[type=submit]');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('unknown user or wrong PIN');
  });

  it('a dealer settles a roulette round from the keyboard', async () => {
    const page = await newPage();
    await login(page, url, 'dealer');
    await expect.poll(() => page.getByTestId('link').textContent()).toBe('Desk connected');
    // The dealer opens betting (Enter) until the wheel's scripted 17 lands in an open round and
    // the one next action becomes "Settle 17".
    const action = page.getByTestId('primary-action');
    await dealUntil(page, () => action.filter({ hasText: 'Settle 17' }).isVisible(), 60_000);
    await shoot(page, 'dealer-result');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 })
      .toContain('Settle 17: done');
    await expect.poll(() => page.locator('.result-chip').first().textContent()).toContain('17');
    await expect.poll(() => page.locator('.light', { hasText: 'Wheel' }).textContent()).toContain('OK');
    await shoot(page, 'dealer');
  }, 90_000);

  it("a dealer's void is refused by the engine, and the dealer has no floor view", async () => {
    const page = await newPage();
    await login(page, url, 'dealer');
    expect(await page.locator('.tabs').count()).toBe(0);
    const snapshot = (await requestAsPage(page, 'desk.snapshot', {})) as {
      value: { table: { round: { id: string } | null } };
    };
    const roundId = snapshot.value.table.round?.id ?? 'demo-1';
    const answer = await requestAsPage(page, 'round.command', {
      cmd: 'void',
      roundId,
      reason: 'dealer tries to void',
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('floor manager') },
    });
  });

  it('a floor manager resolves the round the sensor error interrupted, with the reason in the audit trail', async () => {
    const page = await newPage();
    await login(page, url, 'floor_manager');
    // The dealer keeps settling the 17s; the error spin interrupts a round (result_missed).
    const dealer = pages[1] as Page;
    const held = page.getByTestId('held-round').first();
    await dealUntil(dealer, () => held.isVisible(), 60_000);
    expect(await held.textContent()).toContain('result missed');
    await shoot(page, 'floor-held');
    const roundId = await held.getAttribute('data-round');
    await held.locator('input[name^=reason]').fill('wheel rim sensor failed, no number read');
    await held.getByRole('button', { name: 'Void round' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain(`Round ${roundId} voided`);
    await expect.poll(() => page.getByTestId('held-round').count()).toBe(0);
    await page.fill('input[name=audit-text]', 'rim sensor failed');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator('tr[data-kind="command.void"]').first();
    await expect.poll(() => row.textContent()).toContain('demo-floor');
    await shoot(page, 'floor');
    await page.getByRole('button', { name: 'Monitoring' }).click();
    await expect
      .poll(() => page.locator('.chart', { hasText: 'Sensor to result' }).locator('path').count())
      .toBe(1);
    await shoot(page, 'monitoring');
  }, 120_000);

  it('a technician watches the wheel: raw hex and text beside the decoded events', async () => {
    const page = await newPage();
    await login(page, url, 'technician');
    await page.getByRole('button', { name: 'Watch wheel' }).click();
    await expect
      .poll(() => page.locator('.traffic__raw .traffic__line').count(), { timeout: 15_000 })
      .toBeGreaterThan(3);
    await expect
      .poll(() => page.locator('.traffic__decoded .traffic__line').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('.traffic__raw .hex').first().textContent()).toMatch(
      /^[0-9a-f]{2}( [0-9a-f]{2})+/,
    );
    await shoot(page, 'technician');
  }, 60_000);

  it('a technician runs the wheel calibration: direction, test spins, a passing report, a saved profile', async () => {
    const page = await newPage();
    await login(page, url, 'technician');
    const wizard = page.locator('.calibration');
    await wizard.getByRole('button', { name: 'Start calibration' }).click();
    await wizard.getByText('clockwise').first().waitFor({ timeout: 20_000 });
    await wizard.getByRole('button', { name: 'Yes, same' }).click();
    // The scripted wheel lands on 17; the technician sees the ball in 17 each time.
    for (let spin = 1; spin <= 3; spin++) {
      const input = wizard.locator(`input[name=observed-${spin}]`);
      await input.waitFor({ timeout: 45_000 });
      await input.fill('17');
      await input.press('Enter');
      await wizard.locator(`tr:has(input[name=observed-${spin}])`).waitFor({ state: 'detached' });
    }
    await expect
      .poll(() => wizard.getByTestId('calibration-report').textContent())
      .toContain('PASS: pocket offset 0');
    await shoot(page, 'technician-calibration');
    await wizard.getByRole('button', { name: 'Save profile' }).click();
    await expect
      .poll(() => wizard.getByTestId('calibration-profile').textContent())
      .toContain('profile v1 by demo-tech');
    expect(await page.getByTestId('notice').textContent()).toContain('Calibration profile v1 saved');
  }, 120_000);
});

describe.skipIf(!run)('browser view in Chromium: a vision disagreement held for the floor manager', () => {
  let dir: string;
  let browser: Browser;
  let url: string;
  let obs: FakeObs;

  beforeAll(async () => {
    ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-vision-'));
    // A fake OBS for the director and the technician's scene-plan editor (frames stay simulated).
    obs = await FakeObs.start({
      scenes: [
        { name: 'Table Wide' },
        { name: 'Betting' },
        { name: 'Wheel Close-up', sources: ['Wheel Cam'] },
      ],
    });
    const port = await scriptedWheel(dir, ['17'], 0.25);
    const table = writeTable(dir, {
      devices: { wheel: { port: `tcp://127.0.0.1:${port}`, protocol: 'sdlp', layout: 'european' } },
      rules: { roulette: { bettingSeconds: 15, misspinPolicy: 'respin', maxRespins: 3, autoOpen: true } },
      // The simulated camera draws every frame wrong: each result is held for review.
      vision: await simulatedWheelVision(dir, 1),
      obs: {
        url: obs.url,
        minDwellMs: 0,
        scenePlan: {
          // 'Result Board' is not in the fake OBS: the editor shows the problem.
          phases: { idle: 'Table Wide', betting_open: 'Betting', result: 'Result Board' },
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

  it('the floor manager sees both readings and the frame, and accepts the sensor with a reason', async () => {
    const dealer = await pageAs(browser, url, 'dealer');
    const floor = await pageAs(browser, url, 'floor_manager');
    const held = floor.locator('[data-testid=held-round]', { hasText: 'review' }).first();
    const deadline = Date.now() + 60_000;
    while (!(await held.isVisible())) {
      if (Date.now() > deadline) throw new Error('no round held for review in 60 s');
      const button = dealer.getByTestId('primary-action');
      if ((await button.count()) > 0 && /Open betting/.test((await button.textContent()) ?? ''))
        await dealer.keyboard.press('Enter');
      await dealer.waitForTimeout(300);
    }
    await expect
      .poll(() => dealer.getByTestId('primary-wait').textContent())
      .toContain('Result under review');
    await shoot(dealer, 'dealer-review');
    expect(await held.getByTestId('sensor-reading').textContent()).toBe('17');
    expect(await held.locator('figcaption').textContent()).toMatch(/[0-9a-f]{12}/);
    await expect.poll(() => held.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    // Drawn, not just referenced: the CSP lets the inlined frame in.
    await expect
      .poll(() =>
        held.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    await shoot(floor, 'floor-review');
    await held.locator('input[name^=reason]').fill('the wheel shows 17, camera misread');
    await held.getByRole('button', { name: 'Accept sensor' }).click();
    await expect.poll(() => floor.getByTestId('notice').textContent()).toContain('Accept sensor');
    // The result is final as the sensor read it: the dealer may settle 17.
    await dealer.getByTestId('primary-action').filter({ hasText: 'Settle 17' }).waitFor({ timeout: 15_000 });
    await floor.fill('input[name=audit-text]', 'camera misread');
    await floor.getByRole('button', { name: 'Search' }).click();
    await expect
      .poll(() => floor.locator('tr[data-kind="command.review"]').first().textContent())
      .toContain('demo-floor');
  }, 120_000);

  it('a technician sees the vision region drawn over a live frame of the camera', async () => {
    const page = await pageAs(browser, url, 'technician');
    const panel = page.locator('section[aria-label="Vision regions"]');
    await panel.getByRole('button', { name: 'Grab a frame' }).click();
    const img = panel.getByTestId('live-frame').locator('img');
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    expect(await panel.locator('.region--configured').textContent()).toBe('wheel');
    await panel.locator('input[name=region-w]').fill('0.2');
    await shoot(page, 'technician-vision-regions');
    // Drawn by dragging on the frame: from 10 %,20 % to 30 %,60 % of it.
    // The frame may sit below the fold: a technician scrolls to it before dragging.
    await panel.getByTestId('live-frame').scrollIntoViewIfNeeded();
    const box = await panel.getByTestId('live-frame').boundingBox();
    if (!box) throw new Error('the live frame has no box');
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.4, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6, { steps: 4 });
    await page.mouse.up();
    const value = async (k: string) => Number(await panel.locator(`input[name=region-${k}]`).inputValue());
    expect(await value('x')).toBeCloseTo(0.1, 1);
    expect(await value('y')).toBeCloseTo(0.2, 1);
    expect(await value('w')).toBeCloseTo(0.2, 1);
    expect(await value('h')).toBeCloseTo(0.4, 1);
    await panel.getByTestId('regions-save').click();
    await expect.poll(() => panel.getByTestId('regions-saved').textContent()).toContain('version 1');
  }, 60_000);

  it("a technician edits the scene plan against OBS's real scenes and saves it as version 1", async () => {
    const page = await pageAs(browser, url, 'technician');
    const panel = page.locator('section[aria-label="Scene plan"]');
    const problems = panel.getByTestId('plan-problems');
    // Until the director has read the fake OBS, the plan cannot be checked: ask again.
    const deadline = Date.now() + 15_000;
    while (!(await problems.isVisible())) {
      if (Date.now() > deadline) throw new Error('the plan was never checked against OBS');
      await panel.getByRole('button', { name: 'Check against OBS' }).click();
      await page.waitForTimeout(300);
    }
    expect(await problems.textContent()).toContain('scene "Result Board" does not exist in OBS');
    expect(await panel.locator('tr.plan-row--missing').count()).toBeGreaterThan(0);
    await shoot(page, 'technician-scene-plan');
    await panel.locator('select[name=phase-result]').selectOption('Table Wide');
    await panel.locator('select[name=phase-spinning]').selectOption('Wheel Close-up');
    await panel.getByRole('button', { name: 'Check against OBS' }).click();
    await expect.poll(() => panel.getByTestId('plan-fits').isVisible()).toBe(true);
    await panel.getByTestId('plan-save').click();
    await expect.poll(() => panel.getByTestId('plan-saved').textContent()).toContain('Saved version 1');
    await expect
      .poll(() => panel.getByTestId('plan-version').textContent())
      .toContain('latest saved: version 1, by demo-tech');
  }, 60_000);
});

describe.skipIf(!run)('browser view in Chromium: baccarat', () => {
  let dir: string;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-baccarat-'));
    const table = writeTable(dir, {
      table: { id: 'e2e-bac', name: 'E2E baccarat', studio: 'demo-studio', game: 'baccarat' },
      // The built-in shoe simulator deals by the tableau, with a pause between hands for betting.
      devices: { shoe: { simulate: true, protocol: 'sdlp', decks: 8 } },
      rules: undefined,
    });
    ({ url } = await startDeskProcess(['--config', table, '--no-autopilot', '--time-scale', '0.6']));
    ({ browser } = await launchChromium());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await killAllCli();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a dealer runs a baccarat hand: burn, open and close betting between hands, settle the outcome', async () => {
    const page = await pageAs(browser, url, 'dealer');
    // The burn first: no betting until the shoe has burned its cards.
    await expect
      .poll(() => page.locator('.dealer__action').textContent(), { timeout: 30_000 })
      .toMatch(/Burn cards|Open betting/);
    const settle = page.getByTestId('primary-action').filter({ hasText: /Settle (player|banker|tie)/ });
    const deadline = Date.now() + 90_000;
    let shotDealing = false;
    while (!(await settle.isVisible())) {
      if (Date.now() > deadline) throw new Error('no baccarat result in 90 s');
      const button = page.getByTestId('primary-action');
      const label = (await button.count()) > 0 ? ((await button.textContent()) ?? '') : '';
      if (/Open betting|Close betting/.test(label)) await page.keyboard.press('Enter');
      if (!shotDealing && (await page.locator('.dealer__hand').isVisible())) {
        shotDealing = true;
        await shoot(page, 'dealer-baccarat-dealing');
      }
      await page.waitForTimeout(200);
    }
    const outcome = ((await settle.textContent()) ?? '').match(/Settle (\w+)/)?.[1];
    await shoot(page, 'dealer-baccarat-result');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('done');
    const chip = (await page.locator('.result-chip').first().textContent())?.trim() ?? '';
    expect(chip[0]).toBe({ player: 'P', banker: 'B', tie: 'T' }[outcome ?? ''] ?? '?');
    expect(chip).toMatch(/^[PBT] \d-\d$/);
  }, 150_000);

  it('a technician runs the shoe reader test: cards listed with their numbers, a passing result journaled', async () => {
    const page = await pageAs(browser, url, 'technician');
    const test = page.locator('section[aria-label="Shoe reader test"]');
    await test.getByRole('button', { name: 'Start shoe test' }).click();
    await expect
      .poll(() => test.getByTestId('shoe-report').textContent(), { timeout: 90_000, interval: 500 })
      .toMatch(/^PASS: \d+ cards, no gap, no error$/);
    expect(await test.locator('.card-chip').count()).toBeGreaterThanOrEqual(10);
    await shoot(page, 'technician-shoe-test');
    await test.getByRole('button', { name: 'Save result' }).click();
    await expect.poll(() => test.getByTestId('shoe-last').textContent()).toContain('Last test passed');
    expect(await page.getByTestId('notice').textContent()).toMatch(/Shoe test PASSED: journal #\d+/);
  }, 150_000);
});
