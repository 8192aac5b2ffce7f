/** The table as the engine publishes it: round, timer, last results, refusals. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ResultAnnouncement, RejectionNotice } from '../../../engine/rounds/events';
import type { CameraView, DeskSnapshot, PublicTableState } from '../../../contract/views';

export const useTableStore = defineStore('table', () => {
  const state = ref<PublicTableState | null>(null);
  const cameras = ref<CameraView[]>([]);
  const lastRejection = ref<RejectionNotice | null>(null);
  const lastAnnouncement = ref<ResultAnnouncement | null>(null);
  /** serverTime − local time at the last snapshot: the countdown runs on the desk's clock. */
  const skewMs = ref(0);
  const now = ref(Date.now());
  let ticker: ReturnType<typeof setInterval> | undefined;

  function startTicker(): void {
    if (ticker) return;
    ticker = setInterval(() => (now.value = Date.now()), 250);
  }

  function applySnapshot(s: DeskSnapshot): void {
    skewMs.value = s.serverTime - Date.now();
    state.value = s.table;
    cameras.value = s.cameras;
    startTicker();
  }

  function applyState(s: PublicTableState): void {
    state.value = s;
  }

  function applyResult(r: ResultAnnouncement): void {
    lastAnnouncement.value = r;
  }

  function applyRejected(r: RejectionNotice): void {
    lastRejection.value = r;
  }

  const round = computed(() => state.value?.round ?? null);
  /** Betting time left on the desk's clock, counted down locally between events. */
  const timeLeftMs = computed(() => {
    const b = round.value?.betting;
    if (!b || b.closedAt !== null || round.value?.phase !== 'betting_open') return null;
    return Math.max(0, b.closesAt - (now.value + skewMs.value));
  });
  const results = computed(() => state.value?.lastResults ?? []);

  return {
    state,
    cameras,
    lastRejection,
    lastAnnouncement,
    round,
    timeLeftMs,
    results,
    now,
    applySnapshot,
    applyState,
    applyResult,
    applyRejected,
  };
});
