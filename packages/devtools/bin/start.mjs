#!/usr/bin/env node
// `npm start`: installs what is missing, prepares the database, and runs API, workers and dashboard together.
import { enableTypeScript, ensureInstalled, ensureSupportedNode } from './bootstrap.mjs';

ensureSupportedNode();
ensureInstalled();
enableTypeScript();
const { start } = await import('../src/cli/start.ts');
await start(process.argv.slice(2));
