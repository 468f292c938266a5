// The registry: one file per suite in this folder, each added here. Every suite takes --quick and ends with one
// JSON line on stdout (printed by the runner from what run() returns).
import type { Suite } from '../types';
import { apiSuite } from './api';
import { businessSendSuite } from './business-send';
import { campaignSuite } from './campaign';
import { connectionsSuite } from './connections';
import { coreSuite } from './core';
import { dashboardSuite } from './dashboard';
import { flowsSuite } from './flows';
import { gatewayAbuseSuite } from './gateway-abuse';
import { groupsSuite } from './groups';
import { httpSuite } from './http';
import { inboxSuite } from './inbox';
import { presenceSuite } from './presence';
import { sdkReceiveSuite } from './sdk-receive';
import { webhooksSuite } from './webhooks';

export const suites: readonly Suite[] = [
  coreSuite,
  httpSuite,
  apiSuite,
  webhooksSuite,
  businessSendSuite,
  campaignSuite,
  flowsSuite,
  gatewayAbuseSuite,
  inboxSuite,
  sdkReceiveSuite,
  groupsSuite,
  connectionsSuite,
  presenceSuite,
  dashboardSuite,
];

export function findSuite(name: string): Suite | undefined {
  return suites.find((s) => s.name === name);
}
