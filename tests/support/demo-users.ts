/**
 * The demo table's users (engine/config/demo.ts) and an in-process connection logged in as one of
 * them, for tests that drive a DeskApi the way the preload bridge does (`via: 'ipc'`).
 */
import type { MethodName, MethodResults, ParamsOf } from '../../contract/methods';
import type { ApiResult } from '../../contract/views';
import type { DeskApi } from '../../engine/api/desk-api';

export const DEMO_CREDS = {
  dealer: ['demo-dealer', '1234'],
  floor_manager: ['demo-floor', 'floor-demo'],
  technician: ['demo-tech', 'tech-demo'],
} as const;

export type DemoRole = keyof typeof DEMO_CREDS;

/** A request function of a new connection to `api`, logged in as the demo user of `role`. */
export type AsUser = <M extends MethodName>(m: M, p: ParamsOf<M>) => Promise<ApiResult<MethodResults[M]>>;

export async function connectAs(api: DeskApi, role: DemoRole): Promise<AsUser> {
  const conn = api.connect(() => undefined, { via: 'ipc' });
  const [userId, secret] = DEMO_CREDS[role];
  const r = await conn.request('session.login', { role, userId, secret });
  if (!r.ok) throw new Error(r.error.message);
  return (m, p) => conn.request(m, p) as Promise<ApiResult<MethodResults[typeof m]>>;
}
