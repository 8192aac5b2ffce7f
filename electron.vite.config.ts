import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './main/csp';

/** Native Node-API modules: loaded from node_modules (asar-unpacked), never bundled. */
const nativeDeps = ['serialport', /^@serialport\//, 'onnxruntime-node'];

/** Writes the production CSP into the built index.html (file:// pages get no response headers). */
function cspMetaTag(): Plugin {
  return {
    name: 'studio-desk:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ dev: false }) },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'main/index.ts'),
          // The vision runtime's worker thread, its own file (main/engine.ts passes it as workerUrl).
          'vision-worker': resolve(import.meta.dirname, 'engine/vision/runtime/worker.ts'),
        },
        external: nativeDeps,
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron' and a few built-ins: bundle everything else.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        // Sandboxed preloads must be CommonJS; `.cjs` because package.json says "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [vue(), cspMetaTag()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
      },
    },
  },
});
