// `node --import ./register.mjs file.ts` runs TypeScript with SWC (see swc-hooks.mjs).
import { register } from 'node:module';

register('./swc-hooks.mjs', import.meta.url);
