/**
 * One owner per OBS instance across desks: `owners.ts` stops a second director in the same desk
 * process; this stops a second desk (another machine, another process) from driving an OBS that a
 * table already drives. On every connect the connection broadcasts its claim (BroadcastCustomEvent,
 * which OBS relays to every client as CustomEvent); when two claims meet, the desk that started
 * first keeps OBS and the other stops with `bad_config` naming the owner. `since` is when the
 * connection was created, not when it last reconnected, so an OBS restart cannot flip the owner.
 */
import type { ObsData } from './client';

export interface Claim {
  /** Who drives it: '<table id>@<host>:<pid>'. */
  owner: string;
  /** Wall-clock ms when that desk's connection was created. */
  since: number;
}

export const CLAIM_KEY = 'studioDeskOwner';

export function claimEvent(c: Claim): ObsData {
  return { eventData: { [CLAIM_KEY]: { owner: c.owner, since: c.since } } };
}

export function readClaim(eventData: ObsData): Claim | null {
  const c = eventData[CLAIM_KEY] as { owner?: unknown; since?: unknown } | undefined;
  return c && typeof c.owner === 'string' && typeof c.since === 'number'
    ? { owner: c.owner, since: c.since }
    : null;
}

/** Whether `mine` gives way to `theirs`: the earlier start keeps OBS, ties go to the smaller id. */
export function yieldsTo(mine: Claim, theirs: Claim): boolean {
  return theirs.since < mine.since || (theirs.since === mine.since && theirs.owner < mine.owner);
}
