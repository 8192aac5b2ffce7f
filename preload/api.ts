/** What the preload exposes to the renderer as `window.studio`. Types only: no runtime code. */
export interface StudioApi {
  /** The desk application's version, answered by the main process. */
  version(): Promise<string>;
}
