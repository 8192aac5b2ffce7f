import { writeFileSync } from 'node:fs';
import { loadTableConfig } from '../../engine/config/load';
import { ObsConnection } from '../../engine/obs/connection';
import { readRealStudio } from '../../engine/obs/resync';
import { ObsFrameSource } from '../../engine/obs/screenshot';
import { checkPlan } from '../../engine/studio/plan-check';
import type { ConnectionStatus } from '../../lib/status';
import { UsageError, jsonLine, parse } from '../args';

export const OBS_USAGE = `studio-desk obs check --config FILE [--url ws://HOST:PORT] [--json]
studio-desk obs screenshot --config FILE --camera NAME --out FILE.png [--width N] [--url ...]

check: connects to the table's OBS (password from the variable named by obs.passwordEnv), reads its
scenes, items and text inputs, and lists everything the scene plan names that OBS lacks, for every
round phase and camera. Exit 0: the plan fits; 1: problems listed; 2: OBS not reachable or refused.
screenshot: a PNG of a camera's source, as the vision check grabs it.`;

export async function obsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      config: { type: 'string' },
      url: { type: 'string' },
      json: { type: 'boolean' },
      camera: { type: 'string' },
      out: { type: 'string' },
      width: { type: 'string' },
    },
    OBS_USAGE,
  );
  const sub = positionals[0];
  if (sub !== 'check' && sub !== 'screenshot')
    throw new UsageError(`obs: check or screenshot\n\n${OBS_USAGE}`);
  if (!values.config) throw new UsageError(`obs ${sub}: --config FILE is required\n\n${OBS_USAGE}`);
  const config = await loadTableConfig(values.config as string);
  if (!config.obs) throw new UsageError(`${values.config as string}: the table has no obs section`);
  const plan = { ...config.obs, url: (values.url as string | undefined) ?? config.obs.url };
  const password = plan.passwordEnv ? process.env[plan.passwordEnv] : undefined;
  if (plan.passwordEnv && !password) {
    process.stderr.write(`obs: the environment variable ${plan.passwordEnv} (obs.passwordEnv) is not set\n`);
    return 2;
  }
  const conn = new ObsConnection({
    url: plan.url,
    password,
    requestTimeoutMs: plan.requestTimeoutMs,
    heartbeatMs: 60_000,
    backoff: { initialMs: 100, maxMs: 100, factor: 1, jitter: 0 },
  });
  try {
    // Until OBS answers, refuses for good, or 5 s of retries have passed.
    const up = await new Promise<ConnectionStatus>((resolve) => {
      const t = setTimeout(() => resolve(conn.status()), 5000);
      conn.on('status', (s) => {
        if (s.state === 'connecting' || s.state === 'disconnected') return;
        clearTimeout(t);
        resolve(s);
      });
      conn.start();
    });
    if (up.state !== 'ok') {
      process.stderr.write(`obs: ${plan.url}: ${up.state}: ${up.reason}\n`);
      return 2;
    }
    if (sub === 'screenshot') {
      if (!values.camera || !values.out)
        throw new UsageError(`obs screenshot: --camera and --out are required\n\n${OBS_USAGE}`);
      const width = values.width ? Number(values.width) : undefined;
      const frame = await new ObsFrameSource(conn, plan, { width }).grab(values.camera as string);
      writeFileSync(values.out as string, frame.image);
      process.stdout.write(
        `${values.out as string}: ${frame.image.length} bytes, sha256 ${frame.sha256}, ${frame.source}\n`,
      );
      return 0;
    }
    const real = await readRealStudio(conn, plan);
    const problems = checkPlan(plan, config.table.game, real);
    if (values.json)
      jsonLine({ url: plan.url, scenes: real.scenes, programScene: real.programScene, problems });
    else {
      process.stdout.write(
        `OBS ${plan.url}: ${real.scenes.length} scenes, program "${real.programScene ?? '-'}", ${real.canvasFps ?? '?'} fps\n`,
      );
      if (problems.length === 0) process.stdout.write('the scene plan fits this OBS\n');
      for (const p of problems) process.stdout.write(`problem: ${p}\n`);
    }
    return problems.length ? 1 : 0;
  } finally {
    await conn.stop();
  }
}
