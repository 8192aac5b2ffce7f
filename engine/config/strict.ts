/**
 * Objects of the table file: every key must be known, so a typo is an error, reported at the key's
 * own path with the nearest known key ("did you mean ...?"), or with a hint for keys that must never
 * be there (a literal password: name an environment variable instead).
 *
 * Zod's `strictObject` reports all unknown keys of an object as one issue at the object's path; this
 * helper reports one issue per key, and does so even when other fields of the object are invalid.
 */
import { z } from 'zod';

export function strictObject<S extends z.ZodRawShape>(
  shape: S,
  hints: Readonly<Record<string, string>> = {},
): z.ZodObject<S, z.core.$strict> {
  const known = Object.keys(shape);
  return z.looseObject(shape).superRefine(
    (value, ctx) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      for (const key of Object.keys(value)) {
        if (Object.hasOwn(shape, key)) continue;
        ctx.addIssue({ code: 'custom', path: [key], message: hints[key] ?? unknownKeyMessage(key, known) });
      }
    },
    // Run even when a field failed: every problem of the file is reported at once.
    { when: () => true },
  ) as unknown as z.ZodObject<S, z.core.$strict>;
}

export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const near = nearest(key, known);
  if (near !== undefined) return `unknown key (did you mean "${near}"?)`;
  return known.length > 0 ? `unknown key (known: ${known.join(', ')})` : 'unknown key';
}

/** The known name closest to `word` when it is close enough to be a typo of it. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const other = k.toLowerCase();
    // A shortened key ("baud" for "baudRate") counts as one edit away.
    const prefix = lower.length >= 3 && (other.startsWith(lower) || lower.startsWith(other));
    const d = other === lower ? 0 : prefix ? 1 : editDistance(lower, other);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}
