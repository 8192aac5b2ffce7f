import { demoTableConfig } from '../../engine/config/demo';
import { openTableDevices } from '../../engine/desk/devices';
import { baccaratHandRule } from '../../engine/games/baccarat/hand-rule';
import { UnknownProtocolError, assertProtocol } from '../../hardware/protocols/registry';
import { createLogger } from '../../lib/logger';
import { UsageError, jsonLine, numberOption, parse, untilSignal } from '../args';
import { eventJson, eventText, rejectionText, statusText } from '../format';

export const DEMO_USAGE = `studio-desk demo [--time-scale X] [--protocol NAME] [--json]

A table on simulated devices: a wheel and a shoe simulator on loopback TCP, each read by the
desk's real drivers, with every decoded event printed. Runs until Ctrl-C.

  --time-scale X     1 = real time; default 0.1 (a spin every few seconds)
  --protocol NAME    wheel protocol (default sdlp)
  --noise P          line noise on both devices (default 0)
  --json             JSON lines`;

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      'time-scale': { type: 'string' },
      protocol: { type: 'string' },
      noise: { type: 'string' },
      json: { type: 'boolean' },
    },
    DEMO_USAGE,
  );
  const scale = numberOption(values['time-scale'] as string | undefined, 'time-scale', [0.0001, 10]) ?? 0.1;
  const noise = numberOption(values.noise as string | undefined, 'noise', [0, 1]) ?? 0;
  const protocol = (values.protocol as string | undefined) ?? 'sdlp';
  const json = Boolean(values.json);
  const logger = createLogger('demo', process.env.STUDIO_DESK_LOG ?? 'warn');

  // The demo table's devices (simulated on loopback), with the wheel protocol asked for.
  const table = demoTableConfig();
  const wheelCfg = table.devices.wheel as NonNullable<typeof table.devices.wheel>;
  try {
    table.devices.wheel = {
      ...wheelCfg,
      protocol: assertProtocol('wheel', protocol) as typeof wheelCfg.protocol,
    };
  } catch (e) {
    if (e instanceof UnknownProtocolError) throw new UsageError(e.message);
    throw e;
  }
  const devices = await openTableDevices(table, {
    logger,
    timeScale: scale,
    noise,
    handRule: baccaratHandRule,
  });
  const wheel = devices.wheel as NonNullable<typeof devices.wheel>;
  const shoe = devices.shoe as NonNullable<typeof devices.shoe>;
  for (const [name, dev] of [
    ['wheel', wheel],
    ['shoe', shoe],
  ] as const) {
    dev.on('event', (e) => {
      if (e.type === 'rotor') return; // once a second per wheel: too chatty for a console
      if (json) jsonLine({ device: name, ...eventJson(e) });
      else process.stdout.write(`${name.padEnd(5)} ${eventText(e)}\n`);
    });
    dev.on('status', (s) =>
      json
        ? jsonLine({ device: name, type: 'status', ...s })
        : process.stderr.write(`${statusText(name, s)}\n`),
    );
    dev.on('frameError', (r) => !json && process.stderr.write(`${name} ${rejectionText(r)}\n`));
    dev.start();
  }
  process.stderr.write(
    `Studio Desk demo table: wheel (${protocol}) and shoe (sdlp) simulators, time scale ${scale}. Ctrl-C to stop.\n`,
  );
  await untilSignal();
  await devices.stop();
  process.stderr.write(`wheel: ${JSON.stringify(wheel.stats)}\nshoe: ${JSON.stringify(shoe.stats)}\n`);
  return 0;
}
