import { z } from 'zod';
import { GRAPH_ID } from '../../../common/ids';

export const consoleFlowParams = z.object({
  businessId: z.string().min(1).max(64),
  flowId: z.string().regex(GRAPH_ID, 'expected a flow id'),
});
export type ConsoleFlowParams = z.output<typeof consoleFlowParams>;

export const consoleRunParams = z.object({
  businessId: z.string().min(1).max(64),
  runId: z.string().regex(GRAPH_ID, 'expected a run id'),
});
export type ConsoleRunParams = z.output<typeof consoleRunParams>;
