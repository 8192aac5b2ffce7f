import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UnknownProtocolError, protocolsFor } from '../../hardware/protocols/registry';
import type { MisspinReason } from '../../hardware/protocols/types';
import {
  createEndpoint,
  createShoeSimulator,
  createWheelSimulator,
  type ShoeSimulator,
  type WheelSimulator,
} from '../../hardware/sim/factory';
import {
  ERROR_CODE,
  MISSPIN_REASONS,
  ScriptError,
  parseShoeScript,
  parseWheelScript,
} from '../../hardware/sim/scripts';
import { TcpListenEndpoint } from '../../hardware/sim/endpoint';
import { PortSpecError, parsePortSpec, type PortSpec } from '../../hardware/transport/spec';
import { DEFAULT_SERIAL } from '../../hardware/transport/types';
import { UsageError, jsonLine, numberOption, oneOf, parse, untilSignal } from '../args';
import { SERIAL_OPTIONS, SERIAL_USAGE, serialSettings } from '../serial-options';
import { baccaratHandRule } from '../../engine/games/baccarat/hand-rule';

export const SIM_USAGE = `studio-desk sim wheel|shoe (--port PATH | --listen tcp://127.0.0.1:N) [options]

Simulates a roulette wheel or a card shoe, byte-exact in the chosen protocol, for dealers'
training, demos and hardware-in-the-loop rigs.

  --port PATH          the simulator's end of a serial line (e.g. one end of a socat pty pair)
  --listen tcp://H:P   act as a serial-device server (port 0 picks a free port; printed on stderr)
  --protocol NAME      wheel: ${protocolsFor('wheel').join(', ')}; shoe: ${protocolsFor('shoe').join(', ')} (default sdlp)
  --layout european|american
  --script FILE        scripted results instead of fair random ones (see docs/simulators.md)
  --loop               replay the script when it ends
  --time-scale X       1 = real time (default); 0.01 = a hundred times faster
  --results N          wheel: stop after N results
  --decks N            shoe: decks per shoe (default 8)
  --cut-depth N        shoe: cards behind the cut card (default 16)
  --deal-all           shoe: deal every card of the shoe
  --shoes N            shoe: stop after N shoes
  --noise P            line noise: probability 0..1 that a frame is damaged
  --split              write frames in several chunks
  --json               print what the device does (the truth) as JSON lines on stdout
${SERIAL_USAGE}

Faults on demand, typed on stdin while it runs:
  noise P | split on|off | badcrc N | misspin [REASON] | error [CODE] | unplug MS | stall MS | status | quit`;

export async function simCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      port: { type: 'string' },
      listen: { type: 'string' },
      protocol: { type: 'string' },
      layout: { type: 'string' },
      script: { type: 'string' },
      loop: { type: 'boolean' },
      'time-scale': { type: 'string' },
      results: { type: 'string' },
      decks: { type: 'string' },
      'cut-depth': { type: 'string' },
      'deal-all': { type: 'boolean' },
      shoes: { type: 'string' },
      noise: { type: 'string' },
      split: { type: 'boolean' },
      json: { type: 'boolean' },
      ...SERIAL_OPTIONS,
    },
    SIM_USAGE,
  );
  const kind = oneOf(positionals[0], 'device (first argument)', ['wheel', 'shoe'] as const);
  if (!kind) throw new UsageError(`say which device: wheel or shoe\n\n${SIM_USAGE}`);
  if (Boolean(values.port) === Boolean(values.listen))
    throw new UsageError(`give exactly one of --port or --listen\n\n${SIM_USAGE}`);
  const layout =
    oneOf(values.layout as string | undefined, 'layout', ['european', 'american'] as const) ?? 'european';
  const protocol = (values.protocol as string | undefined) ?? 'sdlp';
  const scale = numberOption(values['time-scale'] as string | undefined, 'time-scale', [0.0001, 100]) ?? 1;
  const noise = numberOption(values.noise as string | undefined, 'noise', [0, 1]) ?? 0;
  const faults = { noise, split: Boolean(values.split) };

  let endpointSpec;
  try {
    endpointSpec = values.listen
      ? parseListenSpec(values.listen as string)
      : parsePortSpec(values.port as string);
  } catch (e) {
    if (e instanceof PortSpecError) throw new UsageError(e.message);
    throw e;
  }
  if (values.listen && endpointSpec.kind !== 'tcp') throw new UsageError('--listen takes tcp://host:port');
  if (values.port && endpointSpec.kind !== 'path')
    throw new UsageError('--port takes a serial path (use --listen for tcp://)');
  const endpoint = createEndpoint(endpointSpec, { ...DEFAULT_SERIAL, ...serialSettings(values) });

  let scriptText: string | undefined;
  if (values.script)
    scriptText = await readFile(values.script as string, 'utf8').catch((e: Error) => {
      throw new UsageError(`cannot read --script: ${e.message}`);
    });

  let sim: WheelSimulator | ShoeSimulator;
  try {
    if (kind === 'wheel') {
      sim = createWheelSimulator({
        protocol,
        layout,
        endpoint,
        timing: { scale },
        script: scriptText === undefined ? undefined : parseWheelScript(scriptText, layout),
        loop: Boolean(values.loop),
        maxResults: numberOption(values.results as string | undefined, 'results', [1, 10_000_000]),
        faults,
      });
    } else {
      sim = createShoeSimulator({
        protocol,
        endpoint,
        timing: { scale },
        decks: numberOption(values.decks as string | undefined, 'decks', [1, 12]),
        cutDepth: numberOption(values['cut-depth'] as string | undefined, 'cut-depth', [0, 200]),
        script: scriptText === undefined ? undefined : parseShoeScript(scriptText),
        dealAll: Boolean(values['deal-all']),
        maxShoes: numberOption(values.shoes as string | undefined, 'shoes', [1, 1_000_000]),
        handRule: baccaratHandRule,
        faults,
      });
    }
  } catch (e) {
    if (e instanceof UnknownProtocolError || e instanceof ScriptError) throw new UsageError(e.message);
    throw e;
  }

  const json = Boolean(values.json);
  (sim as WheelSimulator).on('action', (a: unknown) => {
    if (json) jsonLine({ at: new Date().toISOString(), ...(a as object) });
    else process.stderr.write(`sim ${kind}: ${JSON.stringify(a)}\n`);
  });
  await sim.start();
  const where =
    endpoint instanceof TcpListenEndpoint
      ? `tcp://${endpointSpec.kind === 'tcp' ? endpointSpec.host : ''}:${endpoint.boundPort}`
      : endpoint.description;
  process.stderr.write(`sim ${kind} (${protocol}${kind === 'wheel' ? `, ${layout}` : ''}) on ${where}\n`);

  const stdin =
    process.stdin.isTTY || process.env.STUDIO_DESK_SIM_STDIN === '1' ? listenForFaults(sim, kind) : undefined;
  const why = await untilSignal(
    Promise.race([
      sim.finished().then(() => 'finished'),
      stdin?.quit ?? new Promise<string>(() => undefined),
    ]),
  );
  stdin?.close();
  await sim.flush();
  await new Promise((r) => setTimeout(r, 50));
  await sim.stop();
  process.stderr.write(`sim ${kind} stopped (${why}); faults: ${JSON.stringify(sim.faults.counters)}\n`);
  return 0;
}

/** tcp://host:port to listen on: unlike a device's address, port 0 is allowed (it picks a free port). */
function parseListenSpec(text: string): PortSpec {
  const zero = /^(tcp:\/\/.+):0\/?$/.exec(text.trim());
  if (!zero) return parsePortSpec(text);
  const spec = parsePortSpec(`${zero[1]}:1`);
  return spec.kind === 'tcp' ? { ...spec, port: 0 } : spec;
}

function listenForFaults(
  sim: WheelSimulator | ShoeSimulator,
  kind: 'wheel' | 'shoe',
): { quit: Promise<string>; close: () => void } {
  const rl = createInterface({ input: process.stdin });
  let quit!: (why: string) => void;
  const quitP = new Promise<string>((r) => (quit = r));
  rl.on('line', (text) => {
    const [cmd, arg] = text.trim().split(/\s+/);
    const say = (msg: string) => process.stderr.write(`sim ${kind}: ${msg}\n`);
    switch (cmd) {
      case 'noise': {
        const p = Number(arg);
        if (!(p >= 0 && p <= 1)) return say('noise takes a probability 0..1');
        sim.faults.settings.noise = p;
        return say(`noise ${p}`);
      }
      case 'split':
        sim.faults.settings.split = arg !== 'off';
        return say(`split ${sim.faults.settings.split ? 'on' : 'off'}`);
      case 'badcrc':
        sim.faults.badChecksums(Number(arg) || 1);
        return say('next frame(s) go out with a bad checksum');
      case 'misspin':
        if (kind !== 'wheel') return say('misspin is a wheel fault');
        if (arg !== undefined && !MISSPIN_REASONS.includes(arg as MisspinReason)) {
          return say(`misspin reason "${arg}" (known: ${MISSPIN_REASONS.join(', ')})`);
        }
        (sim as WheelSimulator).device.inject({ misspin: (arg ?? 'same_direction') as MisspinReason });
        return say('the next spin misspins');
      case 'error':
        if (arg !== undefined && !ERROR_CODE.test(arg))
          return say(`error code "${arg}" must be 1-32 of a-z, 0-9, _`);
        if (kind === 'wheel') (sim as WheelSimulator).device.inject({ error: arg ?? 'rim_sensor' });
        else (sim as ShoeSimulator).device.inject({ error: arg ?? 'card_not_read' });
        return say('sensor error armed');
      case 'unplug':
        void sim.unplug(Number(arg) || 2000);
        return say(`unplugged for ${Number(arg) || 2000} ms`);
      case 'stall':
        sim.stall(Number(arg) || 3000);
        return say(`stalled for ${Number(arg) || 3000} ms`);
      case 'status':
        return say(
          JSON.stringify({
            state: sim.device.state,
            faults: sim.faults.counters,
            connected: sim.endpoint.connected,
          }),
        );
      case 'quit':
        return quit('quit');
      case undefined:
      case '':
        return;
      default:
        return say(`unknown command "${cmd}"`);
    }
  });
  return { quit: quitP, close: () => rl.close() };
}
