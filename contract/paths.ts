/** Where the browser view listens; no dependencies, so the renderer imports it without zod. */

/** The one path the WebSocket listens on. */
export const WS_PATH = '/api/ws';
/** Largest request frame the server reads (a request is small; this stops a flood). */
export const MAX_REQUEST_BYTES = 64 * 1024;
