import { ConfigError } from '../../engine/config/errors';
import { demoTableConfig, DEMO_CREDENTIALS } from '../../engine/config/demo';
import { loadTableConfig } from '../../engine/config/load';
import type { TableConfig } from '../../engine/config/schema';
import { startAutopilot } from '../../engine/desk/autopilot';
import { startDesk } from '../../engine/desk/desk';
import { serveDesk } from '../../engine/api/serve-desk';
import type { PublicTableState } from '../../engine/rounds/public-state';
import { createLogger } from '../../lib/logger';
import type { ConnectionStatus } from '../../lib/status';
import { UsageError, jsonLine, numberOption, parse, untilSignal } from '../args';
import { statusText } from '../format';
import { startDemoPlatform } from '../demo-platform';

export const START_USAGE = `studio-desk start [--config FILE] [options]

The headless desk of one table: its journal, its round engine (rebuilt from the journal), its
devices. With no --config it starts the demo table: roulette on a simulated wheel and shoe, with
a demo dealer (--autopilot) opening and settling rounds.

  --config FILE       table configuration (YAML or JSON; see config/demo-roulette.yaml)
  --time-scale X      speed of simulated devices (default 1 with --config, 0.2 for the demo)
  --autopilot         a demo dealer opens and settles rounds (default on for the demo only)
  --no-autopilot
  --journal PATH      override the journal file of the configuration
  --json              print state changes, results and refusals as JSON lines
  --port N            port of the browser view (default: the table's server.port; 0 picks a free one)
  --no-server         no browser view, even when the table has a server section
  --no-platform       demo only: no embedded platform receiver, no signed outcomes
  --platform-url URL  demo only: deliver the outcomes to this webhook instead of the embedded receiver`;

export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      config: { type: 'string' },
      'time-scale': { type: 'string' },
      autopilot: { type: 'boolean' },
      'no-autopilot': { type: 'boolean' },
      journal: { type: 'string' },
      json: { type: 'boolean' },
      port: { type: 'string' },
      'no-server': { type: 'boolean' },
      'no-platform': { type: 'boolean' },
      'platform-url': { type: 'string' },
    },
    START_USAGE,
  );
  const demo = values.config === undefined;
  let config: TableConfig;
  try {
    config = demo ? demoTableConfig() : await loadTableConfig(values.config as string);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(
        `studio-desk start: the desk does not start on this configuration.\n${e.message}\n`,
      );
      return 2;
    }
    throw e;
  }
  if (values.journal) config = { ...config, journal: { ...config.journal, path: values.journal as string } };
  if (demo)
    config = {
      ...config,
      rules: { ...config.rules, roulette: { ...config.rules.roulette, autoOpen: true } },
    };
  const timeScale =
    numberOption(values['time-scale'] as string | undefined, 'time-scale', [0.0001, 10]) ?? (demo ? 0.2 : 1);
  const autopilot = values['no-autopilot'] ? false : Boolean(values.autopilot) || demo;
  const json = Boolean(values.json);
  const logger = createLogger('desk', process.env.STUDIO_DESK_LOG ?? 'warn');

  // The demo delivers its signed outcomes to a reference receiver of its own (cli/demo-platform.ts).
  const platformUrl = values['platform-url'] as string | undefined;
  const demoPlatform =
    demo && !values['no-platform'] && !platformUrl ? await startDemoPlatform(config) : undefined;
  if (demoPlatform) config = demoPlatform.config;
  if (demo && platformUrl) config = { ...config, platform: { webhook: { url: platformUrl } } };
  let desk;
  try {
    desk = await startDesk(config, { logger, timeScale });
  } catch (e) {
    const err = e as Error & { code?: string };
    await demoPlatform?.receiver.stop();
    throw new UsageError(`cannot start table ${config.table.id}: ${err.message}`);
  }
  const { engine } = desk;
  const port = numberOption(values.port as string | undefined, 'port', [0, 65535]);
  let served;
  try {
    served = values['no-server'] ? undefined : await serveDesk(desk, { port, logger });
  } catch (e) {
    await desk.stop();
    throw new UsageError(`cannot start the browser view: ${(e as Error).message}`);
  }
  const say = (text: string, obj: Record<string, unknown>) =>
    json ? jsonLine(obj) : process.stdout.write(`${text}\n`);
  say(
    `Studio Desk: table ${config.table.id} (${config.table.game}), journal ${config.journal.path}, ${desk.recovery.entriesReplayed} entries replayed${desk.recovery.interrupted ? ', a round was interrupted by the restart' : ''}`,
    {
      type: 'started',
      table: config.table.id,
      journal: config.journal.path,
      recovery: {
        replayed: desk.recovery.entriesReplayed,
        rederived: desk.recovery.rederived.length,
        interrupted: desk.recovery.interrupted !== null,
      },
    },
  );
  if (demoPlatform)
    say(`platform (demo receiver): ${demoPlatform.receiver.url}`, {
      type: 'platform',
      url: demoPlatform.receiver.url,
    });
  demoPlatform?.receiver.on('verdict', (v) =>
    say(
      `platform: ${v.outcomeId ?? '?'} ${v.status === 200 ? (v.duplicate ? 'duplicate absorbed' : 'accepted') : `refused: ${v.error}: ${v.message}`}`,
      { type: 'platform.verdict', ...v },
    ),
  );
  desk.outcomes?.on('status', (st) =>
    json
      ? jsonLine({ type: 'delivery', ...st })
      : st.state !== 'ok' || st.alarm
        ? process.stderr.write(
            `delivery ${st.target}: ${st.state}${st.alarm ? ' ALARM' : ''}, backlog ${st.backlog}: ${st.reason}\n`,
          )
        : undefined,
  );
  if (served?.server)
    say(`browser view: ${served.server.url}`, {
      type: 'server',
      url: served.server.url,
      port: served.server.port,
    });
  if (demo)
    process.stderr.write(
      `demo users: ${DEMO_CREDENTIALS.map((u) => `${u.id} (${u.role}) ${u.secret}`).join(', ')}\n`,
    );

  let lastPhase = '';
  engine.on('state', (s: PublicTableState) => {
    const key = `${s.round?.id}:${s.round?.phase}`;
    if (key === lastPhase) return;
    lastPhase = key;
    say(
      `round ${s.round?.id ?? '-'} ${s.round?.phase ?? 'no round'}${s.nextCard ? ` (next card: ${s.nextCard})` : ''}`,
      { type: 'state', state: s },
    );
  });
  engine.on('result', (r) =>
    say(`RESULT round ${r.roundId}: ${JSON.stringify(r.result)} (journal #${r.seq})`, {
      type: 'result',
      ...r,
    }),
  );
  engine.on('rejected', (r) =>
    say(`refused ${r.input} in round ${r.roundId ?? '-'}: ${r.code}: ${r.message}`, {
      type: 'rejected',
      ...r,
    }),
  );
  engine.on('error', (e) => process.stderr.write(`studio-desk start: engine stopped: ${e.message}\n`));
  for (const [name, dev] of Object.entries({ wheel: desk.devices.wheel, shoe: desk.devices.shoe })) {
    if (dev?.warning) process.stderr.write(`warning: ${name}: ${dev.warning}\n`);
    dev?.on('status', (s) =>
      json
        ? jsonLine({ type: 'device', device: name, ...s })
        : process.stderr.write(`${statusText(name, s)}\n`),
    );
  }
  if (desk.director) {
    // The OBS light: one line per change of state or reason (not per scene switch).
    let lastObs = '';
    const onObs = (s: ConnectionStatus) => {
      if (`${s.state}${s.reason}` === lastObs) return;
      lastObs = `${s.state}${s.reason}`;
      if (json) jsonLine({ type: 'device', device: 'obs', state: s.state, reason: s.reason, since: s.since });
      else process.stderr.write(`${statusText('obs', s)}\n`);
    };
    desk.director.on('status', onObs);
    onObs(desk.director.status());
  }
  const stopAutopilot = autopilot
    ? startAutopilot(
        engine,
        { id: 'demo-dealer', role: 'dealer' },
        {
          settleAfterMs: 1500 * timeScale,
          floorManager: demo ? { id: 'demo-floor', role: 'floor_manager' } : undefined,
          onRefused: (what, message) => process.stderr.write(`autopilot: ${what} refused: ${message}\n`),
        },
      )
    : undefined;

  await untilSignal();
  stopAutopilot?.();
  await served?.stop();
  await desk.stop();
  await demoPlatform?.receiver.stop();
  process.stderr.write('desk stopped\n');
  return 0;
}
