/**
 * The pure part of the journal: checking what is appended, and the hash rule that chains entries.
 *
 *   hash = sha256(prevHash + "\n" + JCS({seq, at, kind, actor, data}))   (lower-case hex)
 *
 * with prevHash = 64 zeros for entry 1. Changing any field of any entry changes its hash; changing
 * a hash breaks the next entry's prevHash.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, CanonicalJsonError } from './canonical-json';
import { JournalError } from './journal-error';
import type { Actor, AppendInput } from './types';

export const GENESIS_HASH = '0'.repeat(64);

const ACTOR_ROLES: ReadonlySet<string> = new Set<Actor['role']>([
  'dealer',
  'floor_manager',
  'technician',
  'device',
  'system',
]);

/** Dotted lower-camel words: 'device.wheel.result', 'command.closeBetting', 'round.void'. */
const KIND = /^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)*$/;

export interface HashedFields {
  seq: number;
  at: number;
  kind: string;
  actor: Actor;
  data: unknown;
}

export function entryHash(prevHash: string, fields: HashedFields): string {
  const { seq, at, kind, actor, data } = fields;
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson({ seq, at, kind, actor, data })}`, 'utf8')
    .digest('hex');
}

/**
 * The same hash from texts that are already canonical (the append path canonicalises data once):
 * JCS orders the five keys actor, at, data, kind, seq, and `kind` is plain ASCII by `checkInput`.
 */
export function entryHashOfCanonical(
  prevHash: string,
  seq: number,
  at: number,
  kind: string,
  actorJson: string,
  dataJson: string,
): string {
  const doc = `{"actor":${actorJson},"at":${at},"data":${dataJson},"kind":${JSON.stringify(kind)},"seq":${seq}}`;
  return createHash('sha256').update(`${prevHash}\n${doc}`, 'utf8').digest('hex');
}

/** What gets stored for one input: its actor reduced to {id, role} and its canonical texts. */
export interface CheckedInput {
  kind: string;
  actor: Actor;
  actorJson: string;
  dataJson: string;
}

/** Validates an input and canonicalises it once; throws JournalError('INVALID_ENTRY'). */
export function checkInput(input: AppendInput): CheckedInput {
  const { kind, actor, data } = input ?? ({} as AppendInput);
  if (typeof kind !== 'string' || !KIND.test(kind))
    throw new JournalError('INVALID_ENTRY', `invalid entry kind ${JSON.stringify(kind)} (want dotted words)`);
  if (typeof actor?.id !== 'string' || actor.id === '')
    throw new JournalError('INVALID_ENTRY', `entry ${kind}: actor.id must be a non-empty string`);
  if (!ACTOR_ROLES.has(actor.role))
    throw new JournalError(
      'INVALID_ENTRY',
      `entry ${kind}: actor.role ${JSON.stringify(actor.role)} is not one of ${[...ACTOR_ROLES].join(', ')}`,
    );
  const cleanActor: Actor = { id: actor.id, role: actor.role };
  try {
    return { kind, actor: cleanActor, actorJson: canonicalJson(cleanActor), dataJson: canonicalJson(data) };
  } catch (e) {
    if (e instanceof CanonicalJsonError)
      throw new JournalError('INVALID_ENTRY', `entry ${kind}: ${e.message.replace(/^\$/, 'data')}`, {
        cause: e,
      });
    throw e;
  }
}
