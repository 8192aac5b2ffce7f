/**
 * Who may do what at a table. The engine checks `can(role, action)` before every guarded command;
 * the UI uses the same matrix only to hide buttons.
 *
 * - Dealers run rounds and switch cameras; they cannot void a round or decide a disputed result.
 * - Floor managers can do everything dealers can, plus voids, disputed results, the audit trail,
 *   the users of the table and the rotation of the outcome signing key.
 * - Technicians set up the table (wheel calibration, devices, scene plan, vision regions) and may
 *   read the audit trail; they never run rounds or switch the programme.
 */

export const ROLES = ['dealer', 'floor_manager', 'technician'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  // rounds
  'openBetting',
  'closeBetting',
  'confirmResult',
  'settleRound',
  'respin',
  'voidRound',
  'acceptDisputedResult',
  // studio
  'switchCamera',
  'manualTake',
  'releaseDirector',
  // set-up
  'calibrateWheel',
  'editScenePlan',
  'editVisionRegions',
  'editDevices',
  // administration
  'viewAudit',
  'manageUsers',
  'rotateSigningKey',
] as const;
export type Action = (typeof ACTIONS)[number];

const DEALER: readonly Action[] = [
  'openBetting',
  'closeBetting',
  'confirmResult',
  'settleRound',
  'respin',
  'switchCamera',
  'manualTake',
  'releaseDirector',
];

const PERMISSIONS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  dealer: new Set(DEALER),
  floor_manager: new Set<Action>([
    ...DEALER,
    'voidRound',
    'acceptDisputedResult',
    'viewAudit',
    'manageUsers',
    'rotateSigningKey',
  ]),
  technician: new Set<Action>([
    'calibrateWheel',
    'editScenePlan',
    'editVisionRegions',
    'editDevices',
    'viewAudit',
  ]),
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role]?.has(action) ?? false;
}

/** The actions a role may take, in the order of `ACTIONS`. */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((a) => can(role, a));
}

/** The roles that may take an action (for "needs a floor manager" messages). */
export function rolesFor(action: Action): Role[] {
  return ROLES.filter((r) => can(r, action));
}

const ROLE_NAMES: Record<Role, string> = {
  dealer: 'a dealer',
  floor_manager: 'a floor manager',
  technician: 'a technician',
};

/** "voidRound needs a floor manager" style text for a refused action. */
export function forbiddenMessage(role: Role, action: Action): string {
  const allowed = rolesFor(action).map((r) => ROLE_NAMES[r]);
  return `${ROLE_NAMES[role]} may not ${action}; it needs ${allowed.join(' or ') || 'nobody'}`;
}
