/** A fake desk for component tests: records every request, answers from a table, pushes events. */
import type { DeskEvent } from '../../contract/events';
import type { ApiResult, DeskSnapshot, PublicTableState } from '../../contract/views';
import type { DeskTransport, LinkState } from '../../renderer/src/transport/types';

export class FakeTransport implements DeskTransport {
  readonly kind = 'ws' as const;
  readonly requests: { method: string; params: unknown }[] = [];
  answers: Record<string, ApiResult<unknown>> = {};
  private listeners = new Set<(e: DeskEvent) => void>();

  request(method: string, params?: unknown): Promise<never> {
    this.requests.push({ method, params });
    const answer = this.answers[method] ?? { ok: true, value: {} };
    return Promise.resolve(answer as never);
  }

  onEvent(l: (e: DeskEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  onLink(l: (s: LinkState, reason: string) => void): () => void {
    l('open', 'connected');
    return () => undefined;
  }

  push(e: DeskEvent): void {
    for (const l of this.listeners) l(e);
  }

  close(): void {}
}

export function rouletteState(patch: Partial<NonNullable<PublicTableState['round']>> = {}): PublicTableState {
  return {
    tableId: 't1',
    game: 'roulette',
    round: {
      id: 't1-7',
      n: 7,
      phase: 'betting_open',
      betting: { openedAt: 0, closesAt: Date.now() + 12_000, closedAt: null, timeLeftMs: 12_000 },
      interruption: null,
      vision: null,
      roulette: {
        layout: 'european',
        launches: 0,
        misspins: [],
        respins: 0,
        respinsLeft: 3,
        winningNumber: null,
      },
      baccarat: null,
      ...patch,
    },
    lastResults: [
      {
        roundId: 't1-6',
        at: 0,
        voided: false,
        game: 'roulette',
        number: 32,
        manual: false,
        facts: { number: 32, colour: 'red', parity: 'even', highLow: 'high', dozen: 3, column: 2 },
      },
    ],
    nextCard: null,
    shoe: null,
  } as PublicTableState;
}

export function snapshot(table: PublicTableState): DeskSnapshot {
  const now = Date.now();
  return {
    desk: { tableId: 't1', tableName: 'Table 1', studio: 's', game: table.game, version: '0.1.0' },
    serverTime: now,
    table,
    devices: [
      {
        name: 'wheel',
        protocol: 'sdlp',
        port: 'tcp://127.0.0.1:1',
        simulated: true,
        status: { state: 'stale', reason: 'no frame for 3 s', since: now },
        warning: null,
        stats: { bytesIn: 0, bytesOut: 0, events: 0, rejected: 0, connects: 1, disconnects: 0 },
      },
    ],
    subsystems: [
      {
        name: 'obs',
        configured: false,
        status: { state: 'disconnected', reason: 'off: no obs section', since: now },
        progress: null,
      },
      {
        name: 'vision',
        configured: true,
        status: { state: 'connecting', reason: 'loading the model', since: now },
        progress: { label: 'loading model', done: 3, total: 10 },
      },
    ],
    cameras: [
      { name: 'wide', scene: 'Table Wide' },
      { name: 'wheel', scene: 'Wheel Close' },
    ],
    held: [],
    metrics: {
      'obs.fps': [],
      'obs.skippedFrames': [],
      'latency.sensorToResult': [],
      'vision.confidence': [],
      'platform.backlog': [],
    },
  };
}
