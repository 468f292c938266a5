// The registry: one file per suite in this folder, each added here. Every suite takes --quick and ends with one
// JSON line on stdout (printed by the runner from what run() returns).
import type { Suite } from '../types';
import { httpSuite } from './http';
import { webhooksSuite } from './webhooks';

export const suites: readonly Suite[] = [httpSuite, webhooksSuite];

export function findSuite(name: string): Suite | undefined {
  return suites.find((s) => s.name === name);
}
