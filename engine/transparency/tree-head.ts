/**
 * A tree head: the size and root hash of the log at one moment, the thing that gets signed and
 * published (RFC 9162 section 4.9 signs the same three facts in its binary TreeHeadDataV2).
 *
 * Canonical bytes, the exact input for a signature (signing is done elsewhere):
 *
 *   UTF-8 of RFC 8785 (JCS) JSON of {"root_hash": <64 lower-case hex>, "timestamp": <ms>, "tree_size": <n>}
 *
 * e.g. `{"root_hash":"e3b0c442...b855","timestamp":1748808000000,"tree_size":0}`: keys in JCS order,
 * no whitespace, integers as plain decimals. `timestamp` is milliseconds since the Unix epoch (UTC),
 * as in RFC 9162. Every value is ASCII and every number a safe integer, so these bytes are the same
 * from any JCS implementation.
 *
 * A verifier that receives tree-head bytes uses `decodeTreeHead`, which accepts only the canonical
 * form: the bytes signed are the bytes checked, with no second way to write the same head.
 */
import { canonicalJson } from '../journal/canonical-json';
import { HASH_SIZE, rootOf } from './merkle';

export interface TreeHead {
  /** Number of leaves in the tree. */
  readonly treeSize: number;
  /** MTH of those leaves, lower-case hex (64 characters). */
  readonly rootHash: string;
  /** When the head was made: milliseconds since the Unix epoch, UTC. */
  readonly timestamp: number;
}

export class TreeHeadError extends TypeError {
  override name = 'TreeHeadError';
}

const ROOT_HASH_HEX = new RegExp(`^[0-9a-f]{${HASH_SIZE * 2}}$`);
const WIRE_KEYS = ['root_hash', 'timestamp', 'tree_size'] as const;

/** The tree head of these leaf hashes at `timestamp`. */
export function treeHeadOf(leafHashes: readonly Uint8Array[], timestamp: number): TreeHead {
  const head = { treeSize: leafHashes.length, rootHash: toHex(rootOf(leafHashes)), timestamp };
  checkTreeHead(head);
  return head;
}

/** The canonical bytes of a tree head (see the top of this file); throws `TreeHeadError` if invalid. */
export function treeHeadBytes(head: TreeHead): Uint8Array {
  checkTreeHead(head);
  const wire = { root_hash: head.rootHash, timestamp: head.timestamp, tree_size: head.treeSize };
  return new TextEncoder().encode(canonicalJson(wire));
}

/** The tree head in canonical bytes; throws `TreeHeadError` for anything else, naming what is wrong. */
export function decodeTreeHead(bytes: Uint8Array): TreeHead {
  let wire: unknown;
  try {
    wire = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new TreeHeadError(`tree head is not UTF-8 JSON: ${(err as Error).message}`);
  }
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) {
    throw new TreeHeadError('tree head is not a JSON object');
  }
  const keys = Object.keys(wire).sort();
  if (keys.join(',') !== WIRE_KEYS.join(',')) {
    throw new TreeHeadError(`tree head keys are [${keys.join(', ')}], expected [${WIRE_KEYS.join(', ')}]`);
  }
  const w = wire as Record<(typeof WIRE_KEYS)[number], unknown>;
  const head = { treeSize: w.tree_size, rootHash: w.root_hash, timestamp: w.timestamp } as TreeHead;
  const canonical = treeHeadBytes(head);
  if (!equalBytes(canonical, bytes)) throw new TreeHeadError('tree head bytes are not in canonical form');
  return head;
}

/** The root hash of a tree head as bytes, for `verifyInclusion` and `verifyConsistency`. */
export function rootHashBytes(head: TreeHead): Uint8Array {
  checkTreeHead(head);
  return Uint8Array.from(Buffer.from(head.rootHash, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

function checkTreeHead(head: TreeHead): void {
  if (!isNonNegativeSafeInteger(head.treeSize)) {
    throw new TreeHeadError(`tree_size ${String(head.treeSize)} is not a non-negative safe integer`);
  }
  if (typeof head.rootHash !== 'string' || !ROOT_HASH_HEX.test(head.rootHash)) {
    throw new TreeHeadError(
      `root_hash ${JSON.stringify(head.rootHash)} is not ${HASH_SIZE * 2} lower-case hex digits`,
    );
  }
  if (!isNonNegativeSafeInteger(head.timestamp)) {
    throw new TreeHeadError(`timestamp ${String(head.timestamp)} is not a non-negative safe integer (ms)`);
  }
}

function isNonNegativeSafeInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
