/**
 * The renderer's Content Security Policy, in one place.
 *
 * main/index.ts sends it as a response header (covers the dev server); electron.vite.config.ts
 * writes it into the built index.html as a <meta> tag, because Electron does not run
 * webRequest.onHeadersReceived for pages loaded from file://, which is how the packaged desk
 * loads its renderer.
 */
export interface CspOptions {
  /** Vite's dev server injects component styles as inline <style> elements. */
  readonly dev: boolean;
}

export function contentSecurityPolicy({ dev }: CspOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "connect-src 'self' ws://127.0.0.1:*",
    // Held rounds carry their frame inlined as a data: URL (engine/api/held.ts): no other origin.
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
