#!/usr/bin/env node
// The studio-desk command. Runs the TypeScript sources directly through tsx, so it works right after
// `npm install` with no build step. (The Electron app bundles the same sources with electron-vite.)
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
