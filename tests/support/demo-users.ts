/**
 * An in-process connection logged in as one of the demo table's users (engine/config/demo.ts
 * DEMO_CREDENTIALS), for tests that drive a DeskApi the way the preload bridge does (`via: 'ipc'`).
 */
import type { MethodName, MethodResults, ParamsOf } from '../../contract/methods';
import type { ApiResult } from '../../contract/views';
import type { DeskApi } from '../../engine/api/desk-api';
import type { Role } from '../../engine/auth/roles';
import { DEMO_CREDENTIALS } from '../../engine/config/demo';

export type DemoRole = Role;

/** A request function of a new connection to `api`, logged in as the demo user of `role`. */
export type AsUser = <M extends MethodName>(m: M, p: ParamsOf<M>) => Promise<ApiResult<MethodResults[M]>>;

export async function connectAs(api: DeskApi, role: DemoRole): Promise<AsUser> {
  const user = DEMO_CREDENTIALS.find((u) => u.role === role);
  if (!user) throw new Error(`the demo table has no ${role}`);
  const conn = api.connect(() => undefined, { via: 'ipc' });
  const r = await conn.request('session.login', { role, userId: user.id, secret: user.secret });
  if (!r.ok) throw new Error(r.error.message);
  return (m, p) => conn.request(m, p) as Promise<ApiResult<MethodResults[typeof m]>>;
}
