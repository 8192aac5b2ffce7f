/** The desk's one contract, shared by main, preload, renderer and the browser view's server. */
export * from './views';
export * from './methods';
export * from './events';
export * from './wire';
