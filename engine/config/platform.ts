/** The `platform` section: where signed outcomes are delivered (webhook, NATS JetStream, or both). */
import { z } from 'zod';
import { always, envName, filePath, httpUrl, natsUrl } from './fields';
import { strictObject } from './strict';

const WEBHOOK_SECRET_HINT =
  'secrets never go in the table file: put the webhook secret in an environment variable and give its name as secretEnv';

export const PlatformSchema = strictObject({
  webhook: strictObject(
    {
      url: httpUrl,
      /** Name of the environment variable holding the webhook secret, when the platform uses one. */
      secretEnv: envName.optional(),
      /**
       * PEM file of the CA(s) that signed the platform's certificate (https only), trusted in
       * addition to the system's; certificate verification is never turned off.
       */
      caFile: filePath.optional(),
    },
    { secret: WEBHOOK_SECRET_HINT },
  )
    .refine((w) => w.caFile === undefined || w.url.startsWith('https:'), {
      message: 'caFile is for an https url only',
      path: ['caFile'],
    })
    .optional(),
  nats: strictObject({
    servers: z.array(natsUrl).min(1),
    /** Outcomes go to `<subjectPrefix>.<studio>.<table>`. */
    subjectPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/, {
        error: 'must be NATS subject tokens separated by dots (no spaces or wildcards)',
      })
      .default('outcomes'),
  }).optional(),
  /** Where the outcome signing keys are kept (owner-only permissions); default `<journal dir>/keys`. */
  signingKeyDir: filePath.optional(),
  /** How delivery retries and when the backlog raises the alarm. */
  delivery: strictObject({
    /** Deadline of one delivery attempt (request and answer), ms. */
    timeoutMs: z.number().int().min(100).max(120_000).default(5000),
    /** Longest wait between retries, ms (capped exponential backoff with jitter). */
    maxBackoffMs: z.number().int().min(100).max(600_000).default(30_000),
    /** Alarm when this many outcomes wait… */
    alarmBacklog: z.number().int().min(1).max(1_000_000).default(20),
    /** …or when the oldest has waited this long, ms. */
    alarmAfterMs: z.number().int().min(1000).max(86_400_000).default(60_000),
  }).optional(),
}).superRefine((p, ctx) => {
  if (typeof p === 'object' && p !== null && p.webhook === undefined && p.nats === undefined)
    ctx.addIssue({ code: 'custom', message: 'give webhook, nats or both' });
}, always);
