import { readFileSync } from 'node:fs';
import { JwksSource } from '../../engine/platform/jwks-source';
import { NatsIntake } from '../../engine/platform/nats-intake';
import { PlatformReceiver } from '../../engine/platform/receiver';
import { UsageError, jsonLine, numberOption, parse, untilSignal } from '../args';

export const PLATFORM_RECEIVER_USAGE = `studio-desk platform-receiver --port N --jwks URL|FILE [options]

The reference platform: receives outcome webhooks (POST /outcomes), verifies each one (Standard
Webhooks signature, the outcome's JWS against the desk's JWKS, the signed tree head, the table's
chain and order), stores what it accepted, absorbs duplicates, refuses the rest with a JSON reason.
GET /outcomes[?table=ID&after=SEQ] lists what it accepted, GET /stats counts.

  --port N            port to listen on, 127.0.0.1 (0 picks a free one; the chosen port is printed)
  --host ADDR         address to listen on (default 127.0.0.1)
  --jwks URL|FILE     the desk's public keys (studio-desk keys export > jwks.json)
  --store FILE        SQLite file of accepted outcomes (default ./platform-receiver.sqlite)
  --secret-env NAME   environment variable holding the webhook secret (whsec_...): when given,
                      unsigned or wrongly signed requests are refused
  --tls-cert FILE     serve HTTPS with this certificate (PEM, the chain after the server's own)
  --tls-key FILE      …and its private key (PEM); both or neither
  --nats URL          also take outcomes from NATS JetStream (a durable consumer, same checks)
  --nats-subject S    the subjects to take (default outcomes.>; the stream is OUTCOMES)
  --json              print each delivery's verdict as a JSON line`;

export async function platformReceiverCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      jwks: { type: 'string' },
      store: { type: 'string' },
      'secret-env': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      json: { type: 'boolean' },
      nats: { type: 'string', multiple: true },
      'nats-subject': { type: 'string' },
    },
    PLATFORM_RECEIVER_USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = numberOption(values.port as string | undefined, 'port', [0, 65535]);
  if (port === undefined) throw new UsageError(`--port N is required\n\n${PLATFORM_RECEIVER_USAGE}`);
  if (typeof values.jwks !== 'string')
    throw new UsageError(`--jwks URL|FILE is required\n\n${PLATFORM_RECEIVER_USAGE}`);
  const secretEnv = values['secret-env'] as string | undefined;
  const secret = secretEnv !== undefined ? process.env[secretEnv] : undefined;
  if (secretEnv !== undefined && !secret)
    throw new UsageError(`environment variable ${secretEnv} is not set`);
  const tlsCert = values['tls-cert'] as string | undefined;
  const tlsKey = values['tls-key'] as string | undefined;
  if ((tlsCert === undefined) !== (tlsKey === undefined))
    throw new UsageError('--tls-cert FILE and --tls-key FILE go together');
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (tlsCert !== undefined && tlsKey !== undefined) {
    try {
      tls = { cert: readFileSync(tlsCert), key: readFileSync(tlsKey) };
    } catch (e) {
      process.stderr.write(
        `studio-desk platform-receiver: cannot read the TLS files: ${(e as Error).message}\n`,
      );
      return 2;
    }
  }
  let jwks: JwksSource;
  try {
    jwks = await JwksSource.open(values.jwks);
  } catch (e) {
    process.stderr.write(`studio-desk platform-receiver: cannot read the JWKS: ${(e as Error).message}\n`);
    return 2;
  }
  const receiver = await PlatformReceiver.start({
    port,
    host: values.host as string | undefined,
    jwks,
    storePath: (values.store as string | undefined) ?? './platform-receiver.sqlite',
    secret,
    tls,
  });
  const natsServers = values.nats as string[] | undefined;
  let intake: NatsIntake | undefined;
  if (natsServers?.length) {
    try {
      intake = await NatsIntake.start(receiver, {
        servers: natsServers,
        subject: (values['nats-subject'] as string | undefined) ?? 'outcomes.>',
      });
    } catch (e) {
      await receiver.stop();
      process.stderr.write(`studio-desk platform-receiver: NATS: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const json = Boolean(values.json);
  receiver.on('verdict', (v) => {
    if (json) jsonLine({ type: 'verdict', ...v });
    else if (v.status !== 200) process.stderr.write(`refused (${v.status}): ${v.error}: ${v.message}\n`);
  });
  const ready = { type: 'listening', port: receiver.port, url: receiver.url, stored: receiver.store.count() };
  if (json) jsonLine(ready);
  else
    process.stdout.write(
      `platform receiver listening on ${receiver.url} (${ready.stored} outcomes stored)\n`,
    );
  const why = await untilSignal();
  await intake?.stop();
  await receiver.stop();
  process.stderr.write(
    `platform receiver stopped (${String(why)}): ${receiver.stats.accepted} accepted, ${receiver.stats.duplicates} duplicates, rejected ${JSON.stringify(receiver.stats.rejected)}\n`,
  );
  return 0;
}
