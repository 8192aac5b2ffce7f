/**
 * The small value types of the table file: slugs, environment variable names, ports, URLs, host
 * names, fractions. Each carries the message a technician needs to fix it.
 */
import { z } from 'zod';
import { parsePortSpec, PortSpecError } from '../../hardware/transport/spec';

/** Runs a cross-field check even when some fields failed, so that every problem is listed. */
export const always = { when: () => true };

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const slug = z
  .string()
  .regex(SLUG, { error: 'must be a slug: lower-case letters, digits and hyphens, e.g. "roulette-1"' });

export const label = z.string().trim().min(1).max(100);

export const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: 'must be the name of an environment variable (letters, digits and _), e.g. OBS_PASSWORD',
});

export const filePath = z.string().min(1).max(4096);

export const portSpec = z.string().superRefine((text, ctx) => {
  try {
    parsePortSpec(text);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof PortSpecError ? e.message : String(e) });
  }
});

export function protocolEnum<const T extends readonly [string, ...string[]]>(kind: string, known: T) {
  return z.enum(known, {
    error: (iss) =>
      iss.input === undefined
        ? 'required'
        : `unknown ${kind} protocol ${JSON.stringify(iss.input)} (known: ${known.join(', ')})`,
  });
}

function hostPort(text: string): { host: string; port: number } | undefined {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1] as string, port } : undefined;
}

/** `ws://host:port` (or `wss://`), the port written out. */
export const wsUrl = z.string().superRefine((text, ctx) => {
  const m = /^(wss?):\/\/([^/?#]*)\/?$/.exec(text);
  const where = m?.[2] ?? '';
  if (where.includes('@'))
    ctx.addIssue({ code: 'custom', message: 'credentials never go in the URL: use passwordEnv' });
  else if (!m || !hostPort(where))
    ctx.addIssue({
      code: 'custom',
      message: 'must be ws://host:port (obs-websocket listens on port 4455 unless told otherwise)',
    });
});

export const httpUrl = z.string().superRefine((text, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '')
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
  else if (url.username !== '' || url.password !== '')
    ctx.addIssue({ code: 'custom', message: 'credentials never go in the URL: use secretEnv' });
});

export const natsUrl = z.string().superRefine((text, ctx) => {
  const m = /^(nats|tls):\/\/([^/?#]*)\/?$/.exec(text);
  const where = m?.[2] ?? '';
  if (where.includes('@')) ctx.addIssue({ code: 'custom', message: 'credentials never go in the URL' });
  else if (!m || !(hostPort(where) || /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(where)))
    ctx.addIssue({ code: 'custom', message: 'must be nats://host[:port] or tls://host[:port]' });
});

export const hostName = z
  .string()
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$/, {
    error: 'must be a host name or IP address, e.g. 127.0.0.1',
  });

export const fraction = z.number().min(0).max(1);
