/**
 * One owner per OBS instance: two directors driving the same OBS would fight over its program
 * scene, so a desk process refuses a second connection to an address it already drives. A studio
 * with several OBS instances gives each its own address.
 */
export type Release = () => void;

const owned = new Set<string>();

/** `ws://LocalHost:4455/` and `ws://localhost:4455` are the same instance. */
export function instanceKey(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname.toLowerCase()}:${u.port || (u.protocol === 'wss:' ? '443' : '80')}`;
}

export function claimInstance(url: string): Release {
  const key = instanceKey(url);
  if (owned.has(key))
    throw new Error(`${key} is already driven by another director of this desk: one owner per OBS instance`);
  owned.add(key);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    owned.delete(key);
  };
}
