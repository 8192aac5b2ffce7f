/**
 * Plain-language messages for the table file's problems, and how a problem's path is written
 * (`devices.wheel.protocol`, `users[1].secret`). Messages never repeat a value that could be a
 * secret: they name types and limits, and echo only short enum-like values.
 */
import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

function describeValue(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return v === '' ? 'empty text' : 'text';
    case 'number':
      return Number.isInteger(v) ? 'a whole number' : 'a number';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      return 'a map of settings';
    default:
      return typeof v;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map of settings',
  array: 'a list',
  record: 'a map',
};

function quoteShort(v: unknown): string {
  if (typeof v === 'string' && v.length <= 40) return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return describeValue(v);
}

function limit(iss: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, small: boolean): string {
  const n = Number(small ? iss.minimum : iss.maximum);
  const inclusive = iss.inclusive !== false;
  if (small) return inclusive ? `at least ${n}` : `more than ${n}`;
  return inclusive ? `at most ${n}` : `less than ${n}`;
}

/** The error map used when validating a table file (schema-level messages take precedence). */
export function configErrorMap(iss: RawIssue): string | undefined {
  if (iss.input === undefined && (iss.code === 'invalid_type' || iss.code === 'invalid_value'))
    return 'required';
  switch (iss.code) {
    case 'invalid_type': {
      const expected = EXPECTED[iss.expected] ?? iss.expected;
      return `expected ${expected}, got ${describeValue(iss.input)}`;
    }
    case 'invalid_value': {
      const values = iss.values.map((v) => JSON.stringify(v));
      const given = quoteShort(iss.input);
      return values.length === 1
        ? `must be ${values[0]} (got ${given})`
        : `${given} is not one of ${values.join(', ')}`;
    }
    case 'too_small':
    case 'too_big': {
      const small = iss.code === 'too_small';
      switch (iss.origin) {
        case 'string':
          if (small && Number(iss.minimum) === 1) return 'must not be empty';
          return `must be ${limit(iss, small)} characters long`;
        case 'array':
        case 'set':
          if (small && Number(iss.minimum) === 1) return 'must list at least one entry';
          return `must have ${limit(iss, small)} entries`;
        default:
          return `must be ${limit(iss, small)}`;
      }
    }
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    case 'invalid_format':
      return `is not a valid ${iss.format}`;
    case 'invalid_union':
      return 'matches none of the accepted forms';
    default:
      return undefined;
  }
}

/** `devices.wheel.protocol`, `users[1].secret`, `obs.scenePlan.cameras."wheel cam"`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      const plain = /^[A-Za-z_$][\w$-]*$/.test(key);
      out += out === '' ? (plain ? key : JSON.stringify(key)) : plain ? `.${key}` : `.${JSON.stringify(key)}`;
    }
  }
  return out === '' ? '(top level)' : out;
}
