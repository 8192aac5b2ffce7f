import { open } from 'node:fs/promises';
import { createShoeDevice, createWheelDevice } from '../../hardware/drivers/create';
import type { SerialDevice } from '../../hardware/drivers/device';
import {
  PROTOCOL_DEFAULTS,
  UnknownProtocolError,
  protocolsFor,
  type ProtocolName,
} from '../../hardware/protocols/registry';
import type { DeviceEventBody } from '../../hardware/protocols/types';
import { CaptureFormatError, CaptureWriter, readCapture } from '../../hardware/recorder/capture';
import { replayCapture } from '../../hardware/recorder/replay';
import { PortSpecError } from '../../hardware/transport/spec';
import { createLogger } from '../../lib/logger';
import { UsageError, jsonLine, numberOption, oneOf, parse, untilSignal } from '../args';
import { eventJson, eventText, rejectionText, statusText } from '../format';
import { SERIAL_OPTIONS, SERIAL_USAGE, serialSettings } from '../serial-options';

export const MONITOR_USAGE = `studio-desk monitor wheel|shoe --port PORT [options]
studio-desk monitor wheel|shoe --replay CAPTURE [--json]

Connects to a wheel or shoe and prints every event as the driver decodes it: the technician's
live view and the hardware-in-the-loop interface.

  --port PORT        /dev/serial/by-id/..., usb:VID:PID[:SERIAL], tcp://host:port, or a pty path
  --protocol NAME    wheel: ${protocolsFor('wheel').join(', ')}; shoe: ${protocolsFor('shoe').join(', ')} (default sdlp)
  --layout european|american   the wheel (default european)
  --json             one JSON object per line (events, status changes, rejected frames)
  --record FILE      write every byte in and out, timestamped, to a capture file
  --replay FILE      decode a capture file instead of a port
  --quiet-errors     do not print rejected frames
  --stale-ms N       override the protocol's silence timeout (0 = off)
${SERIAL_USAGE}`;

export async function monitorCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      port: { type: 'string' },
      protocol: { type: 'string' },
      layout: { type: 'string' },
      json: { type: 'boolean' },
      record: { type: 'string' },
      replay: { type: 'string' },
      'quiet-errors': { type: 'boolean' },
      'stale-ms': { type: 'string' },
      ...SERIAL_OPTIONS,
    },
    MONITOR_USAGE,
  );
  const kind = oneOf(positionals[0], 'device (first argument)', ['wheel', 'shoe'] as const);
  if (!kind) throw new UsageError(`say which device: wheel or shoe\n\n${MONITOR_USAGE}`);
  const layout =
    oneOf(values.layout as string | undefined, 'layout', ['european', 'american'] as const) ?? 'european';
  const json = Boolean(values.json);
  const showErrors = !values['quiet-errors'];

  if (values.replay)
    return replay(values.replay as string, values.protocol as string | undefined, json, showErrors);
  if (!values.port) throw new UsageError(`--port or --replay is required\n\n${MONITOR_USAGE}`);

  const protocol = (values.protocol as string | undefined) ?? 'sdlp';
  // The largest delay a Node timer honours (longer ones fire at once).
  const staleMs = numberOption(values['stale-ms'] as string | undefined, 'stale-ms', [0, 2_147_483_647]);
  const logger = createLogger('monitor', process.env.STUDIO_DESK_LOG ?? 'warn');
  let device: SerialDevice<DeviceEventBody>;
  try {
    const cfg = {
      port: values.port as string,
      protocol,
      serial: serialSettings(values),
      staleAfterMs: staleMs,
      layout,
    };
    device = (
      kind === 'wheel' ? createWheelDevice(cfg, { logger }) : createShoeDevice(cfg, { logger })
    ) as SerialDevice<DeviceEventBody>;
  } catch (e) {
    if (e instanceof UnknownProtocolError || e instanceof PortSpecError) throw new UsageError(e.message);
    throw e;
  }

  let recorder: CaptureWriter | undefined;
  if (values.record) {
    // A file that cannot be written is the caller's mistake: say so now, not as a stream error later.
    await open(values.record as string, 'w').then(
      (f) => f.close(),
      (e: Error) => {
        throw new UsageError(`cannot write --record: ${e.message}`);
      },
    );
    recorder = new CaptureWriter(values.record as string, {
      device: kind,
      protocol,
      port: values.port as string,
      started: new Date().toISOString(),
      layout,
    });
    device.on('traffic', (t) => recorder?.write(t));
    device.on('link', (l) => recorder?.write(l));
  }
  device.on('event', (e) => (json ? jsonLine(eventJson(e)) : process.stdout.write(`${eventText(e)}\n`)));
  device.on('status', (s) =>
    json
      ? jsonLine({ type: 'status', device: kind, ...s, since: new Date(s.since).toISOString() })
      : process.stderr.write(`${statusText(kind, s)}\n`),
  );
  if (showErrors)
    device.on('frameError', (r) =>
      json ? jsonLine({ type: 'frameError', ...r }) : process.stderr.write(`${rejectionText(r)}\n`),
    );

  if (!json)
    process.stderr.write(
      `monitor ${kind} on ${device.description}, protocol ${protocol}: ${PROTOCOL_DEFAULTS[protocol as ProtocolName].description}\n`,
    );
  if (device.warning) process.stderr.write(`warning: ${device.warning}\n`);
  device.start();
  const bad = new Promise<string>((resolve) =>
    device.on('status', (s) => {
      if (s.state === 'bad_config') resolve('bad_config');
    }),
  );
  const why = await untilSignal(bad);
  await device.stop();
  await recorder?.close();
  const stats = device.stats;
  if (json) jsonLine({ type: 'stats', ...stats });
  else process.stderr.write(`stats: ${JSON.stringify(stats)}\n`);
  if (why === 'bad_config') {
    process.stderr.write(`studio-desk monitor: ${device.status.reason}\n`);
    return 2;
  }
  return 0;
}

async function replay(
  file: string,
  protocol: string | undefined,
  json: boolean,
  showErrors: boolean,
): Promise<number> {
  let capture;
  try {
    capture = await readCapture(file);
  } catch (e) {
    if (e instanceof CaptureFormatError || (e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`cannot replay: ${(e as Error).message}`);
    throw e;
  }
  let replayed;
  try {
    replayed = replayCapture(capture.header, capture.records, { protocol });
  } catch (e) {
    if (e instanceof UnknownProtocolError) throw new UsageError(e.message);
    throw e;
  }
  const { items, stats } = replayed;
  for (const item of items) {
    if (item.kind === 'event') {
      if (json) jsonLine(eventJson(item.event));
      else process.stdout.write(`${eventText(item.event)}\n`);
    } else if (showErrors) {
      if (json) jsonLine({ type: 'frameError', ...item.rejection });
      else process.stderr.write(`${rejectionText(item.rejection)}\n`);
    }
  }
  if (json) jsonLine({ type: 'stats', ...stats });
  else process.stderr.write(`stats: ${JSON.stringify(stats)}\n`);
  return 0;
}
