/**
 * Journal data must be plain JSON: the journal refuses `undefined` and non-finite numbers (they
 * would not read back as written). Decoders leave optional fields as `undefined`; this drops them.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A copy of `value` with undefined properties left out and non-finite numbers as null. */
export function jsonData(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : jsonData(v)));
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = jsonData(v);
    return out;
  }
  return null;
}
