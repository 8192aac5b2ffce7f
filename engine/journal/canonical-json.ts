/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte sequence of a JSON value that every
 * party hashes and signs. Object keys sorted by UTF-16 code units, no whitespace, numbers as
 * ECMAScript serialises them (`String(n)`: -0 → "0", 1e21 → "1e+21", 1e-7 → "1e-7"), strings
 * escaped as `JSON.stringify` does (only `"`, `\` and control characters; everything else literal).
 *
 * The input must be I-JSON (RFC 7493) made of plain values. Anything JSON.stringify would silently
 * drop, change or throw on is rejected here with the path of the offending value, because what is
 * hashed must be exactly what is stored and read back: non-finite numbers, undefined, functions,
 * symbols, bigints, array holes, strings with lone surrogates, circular references, and objects that
 * are not plain (Date, Map, Buffer, class instances: convert them first).
 */
export class CanonicalJsonError extends TypeError {
  override name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, '$', out, new Set());
  return out.join('');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fail(path: string, what: string): never {
  throw new CanonicalJsonError(`${path}: ${what}`);
}

function writeString(s: string, path: string, out: string[]): void {
  if (LONE_SURROGATE.test(s)) fail(path, 'string contains a lone surrogate (not I-JSON)');
  out.push(JSON.stringify(s));
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function notJson(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined is not JSON (leave the property out, or use null)';
    case 'bigint':
      return `bigint ${value}n is not JSON (use a number or a decimal string)`;
    default:
      return `a ${typeof value} is not JSON`;
  }
}

function write(value: unknown, path: string, out: string[], open: Set<object>): void {
  if (value === null) {
    out.push('null');
    return;
  }
  if (typeof value === 'string') {
    writeString(value, path, out);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, `${value} is not a finite number (JSON has no NaN or Infinity)`);
    out.push(String(value)); // ECMAScript Number::toString, as RFC 8785 section 3.2.2.3 requires
    return;
  }
  if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
    return;
  }
  if (typeof value !== 'object') fail(path, notJson(value));
  const obj = value as object;
  if (open.has(obj)) fail(path, 'circular reference');
  open.add(obj);
  if (Array.isArray(obj)) {
    out.push('[');
    for (let i = 0; i < obj.length; i++) {
      if (i > 0) out.push(',');
      if (!(i in obj)) fail(`${path}[${i}]`, 'array hole is not JSON');
      write(obj[i], `${path}[${i}]`, out, open);
    }
    out.push(']');
  } else {
    const proto: unknown = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      const name = (obj as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      fail(
        path,
        obj instanceof Date
          ? 'a Date is not plain JSON (store date.getTime() or date.toISOString())'
          : `a ${name} is not plain JSON (convert it to a plain object or array first)`,
      );
    }
    const record = obj as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is the order RFC 8785 section 3.2.3 asks for.
    const keys = Object.keys(record).sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      const p = childPath(path, key);
      writeString(key, p, out);
      out.push(':');
      write(record[key], p, out, open);
    });
    out.push('}');
  }
  open.delete(obj);
}
