/**
 * The desk's one link: the transport, and the router that hands each event to the store of its
 * domain. Stores are projections of the engine's state, patched by events; none owns hardware state.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { DeskEvent } from '../../../contract/events';
import type { DeskSnapshot } from '../../../contract/views';
import type { DeskTransport, LinkState } from '../transport/types';
import { useTableStore } from './table';
import { useHealthStore } from './health';
import { useFloorStore } from './floor';
import { useTechStore } from './tech';
import { useMonitorStore } from './monitor';

export const useDeskStore = defineStore('desk', () => {
  const transport = shallowRef<DeskTransport | null>(null);
  const link = ref<LinkState>('connecting');
  const linkReason = ref('connecting to the desk');
  const info = ref<DeskSnapshot['desk'] | null>(null);
  /** The last refusal or failure, shown until the next action. */
  const notice = ref<{ tone: 'error' | 'info'; text: string } | null>(null);

  function attach(t: DeskTransport, onLinkOpen: () => void): void {
    transport.value = t;
    t.onEvent(route);
    t.onLink((state, reason) => {
      const wasOpen = link.value === 'open';
      link.value = state;
      linkReason.value = reason;
      if (state === 'open' && !wasOpen) onLinkOpen();
    });
  }

  function apply(snapshot: DeskSnapshot): void {
    info.value = snapshot.desk;
    useTableStore().applySnapshot(snapshot);
    useHealthStore().applySnapshot(snapshot);
    useFloorStore().applyHeld(snapshot.held);
    useMonitorStore().applySeries(snapshot.metrics);
  }

  function route(e: DeskEvent): void {
    switch (e.event) {
      case 'state':
        return useTableStore().applyState(e.data);
      case 'result':
        return useTableStore().applyResult(e.data);
      case 'rejected':
        return useTableStore().applyRejected(e.data);
      case 'device':
        return useHealthStore().applyDevice(e.data);
      case 'subsystem':
        return useHealthStore().applySubsystem(e.data);
      case 'held':
        return useFloorStore().applyHeld(e.data);
      case 'traffic':
        return useTechStore().applyTraffic(e.data);
      case 'decoded':
        return useTechStore().applyDecoded(e.data);
      case 'shoeTest':
        return useTechStore().applyShoeTest(e.data);
      case 'calibration':
        return useTechStore().applyCalibration(e.data);
      case 'metric':
        return useMonitorStore().applyMetric(e.data.name, e.data.point);
      case 'session':
        return sessionEnded(e.data.reason);
    }
  }

  let onSessionEnded: (reason: string) => void = () => undefined;
  function sessionEnded(reason: string): void {
    onSessionEnded(reason);
  }
  function setSessionEndedHandler(fn: (reason: string) => void): void {
    onSessionEnded = fn;
  }

  function say(tone: 'error' | 'info', text: string): void {
    notice.value = { tone, text };
  }

  return { transport, link, linkReason, info, notice, attach, apply, route, say, setSessionEndedHandler };
});
