/**
 * The reference receiver's NATS JetStream side: a durable pull consumer on the outcome stream,
 * each message checked exactly like a webhook delivery (JWS, tree head, chain) and stored. Messages
 * are taken one at a time, so each table's outcomes are checked in stream order. Accepted and
 * duplicates are acked; a refused message is terminated (it can never become valid) and counted;
 * a store failure is nak'ed to be redelivered.
 */
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { streamFor } from '../delivery/nats-target';
import type { PlatformReceiver } from './receiver';

export interface NatsIntakeOptions {
  servers: string[];
  /** e.g. 'outcomes.>' (the stream is derived as the desk derives it: OUTCOMES). */
  subject: string;
  durable?: string;
}

export class NatsIntake {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly messages: ConsumerMessages,
    private readonly done: Promise<void>,
  ) {}

  static async start(receiver: PlatformReceiver, opts: NatsIntakeOptions): Promise<NatsIntake> {
    const nc = await connect({ servers: opts.servers, reconnect: true, maxReconnectAttempts: -1 });
    const stream = streamFor(`${opts.subject.replace(/\.>$/, '')}.x.y`).name;
    const jsm = await jetstreamManager(nc);
    const durable = opts.durable ?? 'platform-receiver';
    await jsm.consumers.info(stream, durable).catch(() =>
      jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: opts.subject,
        max_ack_pending: 1,
      }),
    );
    const consumer = await jetstream(nc).consumers.get(stream, durable);
    const messages = await consumer.consume({ max_messages: 64 });
    const done = (async () => {
      for await (const m of messages) {
        const v = await receiver.receive(
          { 'nats-msg-id': m.headers?.get('Nats-Msg-Id') },
          m.string(),
          'nats',
        );
        if (v.status === 200) m.ack();
        else if (v.status === 500) m.nak(1000);
        else m.term();
      }
    })();
    return new NatsIntake(nc, messages, done);
  }

  async stop(): Promise<void> {
    await this.messages.close();
    await this.done.catch(() => undefined);
    await this.nc.close();
  }
}
