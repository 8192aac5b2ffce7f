// A global script (no top-level import): a module file would turn `declare module '*.vue'` into an
// augmentation that plain tsc ignores.

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface Window {
  /** Exposed by preload/index.ts through contextBridge. */
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- no import statement in a global script
  readonly studio: import('../../preload/api').StudioApi;
}
