import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatPath } from '../../engine/config/messages';
import { nearest, strictObject, unknownKeyMessage } from '../../engine/config/strict';

describe('nearest known key', () => {
  const KNOWN = ['port', 'protocol', 'layout', 'serial', 'staleAfterMs', 'simulate', 'baudRate'];
  it.each([
    ['protcol', 'protocol'],
    ['protocl', 'protocol'],
    ['Protocol', 'protocol'],
    ['prot', 'port'],
    ['layuot', 'layout'],
    ['baud', 'baudRate'],
    ['staleAfter', 'staleAfterMs'],
    ['simulated', 'simulate'],
    ['colour', undefined],
    ['x', undefined],
  ])('%s → %s', (word, expected) => {
    expect(nearest(word, KNOWN)).toBe(expected);
  });

  it('lists the known keys when nothing is near', () => {
    expect(unknownKeyMessage('colour', ['port', 'layout'])).toBe('unknown key (known: port, layout)');
  });
});

describe('strictObject', () => {
  const S = strictObject({ a: z.number(), b: z.string().optional() }, { secret: 'no secrets here' });

  it('accepts known keys and refuses unknown ones at their own path', () => {
    expect(S.safeParse({ a: 1 }).success).toBe(true);
    const issues = S.safeParse({ a: 1, bb: 'x', secret: 'y' }).error?.issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['bb', 'unknown key (did you mean "b"?)'],
      ['secret', 'no secrets here'],
    ]);
  });

  it('reports unknown keys even when a known field is wrong', () => {
    const issues = S.safeParse({ a: 'x', c: 1 }).error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toEqual(['a', 'c']);
  });
});

describe('formatPath', () => {
  it.each([
    [[], '(top level)'],
    [['devices', 'wheel', 'protocol'], 'devices.wheel.protocol'],
    [['users', 1, 'secret'], 'users[1].secret'],
    [['obs', 'scenePlan', 'cameras', 'wheel cam', 'scene'], 'obs.scenePlan.cameras."wheel cam".scene'],
  ])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
