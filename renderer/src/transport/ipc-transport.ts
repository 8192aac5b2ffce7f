/** The Electron transport: the preload's narrow window.studio bridge (preload/api.ts). */
import type { DeskEvent } from '../../../contract/events';
import type { MethodName, MethodResults, ParamsOf } from '../../../contract/methods';
import type { ApiResult } from '../../../contract/views';
import type { StudioApi } from '../../../preload/api';
import { REQUEST_TIMEOUT_MS, unavailable, type DeskTransport, type LinkState } from './types';

export class IpcTransport implements DeskTransport {
  readonly kind = 'ipc' as const;

  constructor(private readonly studio: StudioApi) {}

  request<M extends MethodName>(method: M, params?: ParamsOf<M>): Promise<ApiResult<MethodResults[M]>> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve(unavailable(`${method}: the desk did not answer in ${REQUEST_TIMEOUT_MS / 1000} s`)),
        REQUEST_TIMEOUT_MS,
      );
      this.studio.request(method, params ?? {}).then(
        (r) => {
          clearTimeout(timer);
          resolve(r as ApiResult<MethodResults[M]>);
        },
        (e: unknown) => {
          clearTimeout(timer);
          resolve(unavailable(`${method}: ${e instanceof Error ? e.message : String(e)}`));
        },
      );
    });
  }

  onEvent(listener: (event: DeskEvent) => void): () => void {
    return this.studio.onEvent(listener);
  }

  onLink(listener: (state: LinkState, reason: string) => void): () => void {
    listener('open', 'the desk runs in this application');
    return () => undefined;
  }

  close(): void {}
}
