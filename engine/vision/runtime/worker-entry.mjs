// Entry of the vision worker thread when the desk runs from its TypeScript sources (tsx, vitest):
// a new thread does not inherit the parent's TypeScript loader, so it registers tsx itself and then
// loads worker.ts. A bundled build (electron-vite) compiles worker.ts into its own chunk and passes
// that file as `workerUrl` to OnnxClassifier instead of this one.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
