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
    },
    { secret: WEBHOOK_SECRET_HINT },
  ).optional(),
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
  /** Where the outcome signing keys are kept (owner-only permissions). */
  signingKeyDir: filePath.optional(),
}).superRefine((p, ctx) => {
  if (typeof p === 'object' && p !== null && p.webhook === undefined && p.nats === undefined)
    ctx.addIssue({ code: 'custom', message: 'give webhook, nats or both' });
}, always);
