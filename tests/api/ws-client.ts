/** A minimal client of the desk's WebSocket contract for tests: requests by id, events collected. */
import WebSocket from 'ws';
import type { DeskEvent, DeskEventName, DeskEvents } from '../../contract/events';
import type { MethodName, MethodResults, ParamsOf } from '../../contract/methods';
import type { ApiResult } from '../../contract/views';
import { WS_PATH } from '../../contract/wire';

export class TestClient {
  readonly events: DeskEvent[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (r: ApiResult<unknown>) => void>();
  private readonly waiters: { test: (e: DeskEvent) => boolean; resolve: (e: DeskEvent) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { id?: number } & Record<string, unknown>;
      if (typeof frame.id === 'number') {
        const { id: _id, ...result } = frame;
        this.pending.get(frame.id)?.(result as unknown as ApiResult<unknown>);
        this.pending.delete(frame.id);
        return;
      }
      const event = frame as unknown as DeskEvent;
      this.events.push(event);
      for (const w of [...this.waiters])
        if (w.test(event)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(event);
        }
    });
  }

  static open(port: number, headers: Record<string, string> = {}): Promise<TestClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  call<M extends MethodName>(method: M, params?: ParamsOf<M>): Promise<ApiResult<MethodResults[M]>> {
    return this.raw(method, params) as Promise<ApiResult<MethodResults[M]>>;
  }

  raw(method: string, params?: unknown): Promise<ApiResult<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in 10 s`)), 10_000);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  waitFor<K extends DeskEventName>(
    name: K,
    test: (data: DeskEvents[K]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<DeskEvents[K]> {
    const match = (e: DeskEvent) => e.event === name && test(e.data as DeskEvents[K]);
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen.data as DeskEvents[K]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${name} event in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        test: match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e.data as DeskEvents[K]);
        },
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
