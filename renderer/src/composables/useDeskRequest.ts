/**
 * Sends one request and reports the outcome on the notice bar: refusals in the engine's words
 * ("stale_round: …"), so an operator always knows why nothing happened. A request in flight
 * disables its button (no double press reaches the desk twice from this screen).
 */
import { ref } from 'vue';
import type { MethodName, MethodResults, ParamsOf } from '../../../contract/methods';
import type { ApiResult } from '../../../contract/views';
import { useDeskStore } from '../stores/desk';

export function useDeskRequest() {
  const busy = ref(false);
  const desk = useDeskStore();

  async function send<M extends MethodName>(
    method: M,
    params: ParamsOf<M>,
    done?: string,
  ): Promise<ApiResult<MethodResults[M]> | null> {
    if (busy.value || !desk.transport) return null;
    busy.value = true;
    try {
      const r = await desk.transport.request(method, params);
      if (!r.ok) desk.say('error', `Refused: ${r.error.code.replace(/_/g, ' ')}: ${r.error.message}`);
      else if (done) desk.say('info', done);
      return r;
    } finally {
      busy.value = false;
    }
  }

  return { busy, send };
}
