import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  actionsOf,
  can,
  forbiddenMessage,
  isRole,
  ROLES,
  rolesFor,
  type Action,
} from '../../engine/auth/roles';

/**
 * The permission matrix, written out: D dealer, F floor manager, T technician.
 * Dealers run rounds and switch cameras but never void or decide a dispute; floor managers do
 * what dealers do plus voids, disputes, audit and users; technicians set the table up and read
 * the audit trail, and never run rounds or the programme.
 */
// prettier-ignore
const MATRIX: [Action, dealer: boolean, floorManager: boolean, technician: boolean][] = [
  //                       D      F      T
  ['openBetting',          true,  true,  false],
  ['closeBetting',         true,  true,  false],
  ['confirmResult',        true,  true,  false],
  ['settleRound',          true,  true,  false],
  ['respin',               true,  true,  false],
  ['voidRound',            false, true,  false],
  ['acceptDisputedResult', false, true,  false],
  ['switchCamera',         true,  true,  false],
  ['manualTake',           true,  true,  false],
  ['releaseDirector',      true,  true,  false],
  ['calibrateWheel',       false, false, true],
  ['editScenePlan',        false, false, true],
  ['editVisionRegions',    false, false, true],
  ['editDevices',          false, false, true],
  ['viewAudit',            false, true,  true],
  ['manageUsers',          false, true,  false],
  ['rotateSigningKey',     false, true,  false],
];

describe('permission matrix', () => {
  it('covers every action exactly once', () => {
    expect(MATRIX.map(([a]) => a).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(MATRIX)('%s: dealer %s, floor manager %s, technician %s', (action, d, f, t) => {
    expect(can('dealer', action)).toBe(d);
    expect(can('floor_manager', action)).toBe(f);
    expect(can('technician', action)).toBe(t);
  });

  it('lets a floor manager do everything a dealer can', () => {
    for (const action of actionsOf('dealer')) expect(can('floor_manager', action)).toBe(true);
  });

  it('keeps technicians away from rounds', () => {
    for (const action of actionsOf('dealer')) expect(can('technician', action)).toBe(false);
  });

  it('names who may take a refused action', () => {
    expect(rolesFor('voidRound')).toEqual(['floor_manager']);
    expect(forbiddenMessage('dealer', 'voidRound')).toBe(
      'a dealer may not voidRound; it needs a floor manager',
    );
    expect(forbiddenMessage('technician', 'viewAudit')).toContain('a floor manager or a technician');
  });

  it('knows the three roles and nothing else', () => {
    expect(ROLES).toEqual(['dealer', 'floor_manager', 'technician']);
    expect(isRole('dealer')).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(can('admin' as never, 'openBetting')).toBe(false);
  });
});
