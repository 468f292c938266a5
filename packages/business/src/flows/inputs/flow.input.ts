import { z } from 'zod';
import { GRAPH_ID } from '../../common/ids';
import { pageQuery } from '../../common/paging';
import { flowDefinition } from '../definition/flow-definition';

const pattern = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => {
    try {
      new RegExp(p, 'iu');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

/** What starts a flow on a consumer's message (docs/flows.md "Triggers"). */
export const flowTrigger = z.discriminatedUnion('type', [
  z.object({ type: z.literal('keyword'), keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(50) }),
  z.object({ type: z.literal('regex'), pattern }),
  z.object({ type: z.literal('new_contact') }),
  z.object({ type: z.literal('fallback') }),
  // A reply to one of the campaign's template messages: with `payloads`, a tap on a quick-reply button whose payload
  // is one of them; without, any reply that names the message (`context`).
  z.object({
    type: z.literal('campaign'),
    campaign_id: z.string().regex(GRAPH_ID, 'expected a campaign id'),
    payloads: z.array(z.string().min(1).max(256)).max(10).optional(),
  }),
]);
export type FlowTrigger = z.output<typeof flowTrigger>;

const numbers = z.array(z.string().regex(GRAPH_ID, 'expected a phone number id')).min(1).max(50);

const fields = {
  name: z.string().trim().min(1).max(256),
  phone_number_ids: numbers,
  triggers: z.array(flowTrigger).max(20),
  priority: z.number().int().min(-1000).max(1000),
  definition: flowDefinition,
};

/** POST /{waba_id}/flows: a new flow with its draft (an exported flow imports as it is). */
export const createFlowBody = z
  .object({ ...fields, triggers: fields.triggers.default([]), priority: fields.priority.default(0) })
  .strict();
export type CreateFlowBody = z.output<typeof createFlowBody>;

/**
 * POST /{waba_id}/flows/{flow_id}: edits the draft and the flow's settings; published versions never change. No
 * defaults here: a field left out is left as it is.
 */
export const updateFlowBody = z.object(fields).partial().strict();
export type UpdateFlowBody = z.output<typeof updateFlowBody>;

export const flowParams = z.object({ waba_id: z.string(), flow_id: z.string().regex(GRAPH_ID, 'expected a flow id') });
export type FlowParams = z.output<typeof flowParams>;

export const runParams = z.object({ waba_id: z.string(), run_id: z.string().regex(GRAPH_ID, 'expected a run id') });
export type RunParams = z.output<typeof runParams>;

export const rollbackBody = z.object({ version: z.number().int().positive() }).strict();

/** POST /{waba_id}/flows/{flow_id}/runs: starts the live version for one contact. */
export const startRunBody = z
  .object({
    phone_number_id: z.string().regex(GRAPH_ID, 'expected a phone number id'),
    to: z.string().regex(/^\+?[0-9]{6,15}$/, 'expected a phone number in international form'),
    variables: z.record(z.string().max(64), z.union([z.string().max(4096), z.number(), z.boolean()])).optional(),
    /** A published version to run instead of the live one. */
    version: z.number().int().positive().optional(),
    /** Runs the current draft (it must be valid): a test run, version 0, with its own copy of the draft. */
    draft: z.boolean().optional(),
  })
  .strict()
  .refine((b) => !(b.draft && b.version), 'draft: give a version or draft, not both');
export type StartRunBody = z.output<typeof startRunBody>;

export const RUN_STATUSES = ['running', 'waiting', 'handed_off', 'completed', 'failed', 'stopped'] as const;

export const listRunsQuery = z.object({
  ...pageQuery,
  status: z.enum(RUN_STATUSES).optional(),
  wa_id: z
    .string()
    .regex(/^[0-9]{6,15}$/)
    .optional(),
});
export type ListRunsQuery = z.output<typeof listRunsQuery>;
export const listFlowsQuery = z.object(pageQuery);
export type ListFlowsQuery = z.output<typeof listFlowsQuery>;

/** GET …/flows/{flow_id}/analytics: runs started in [since, until) (default: the last 30 days), one version or all. */
export const flowAnalyticsQuery = z.object({
  version: z.coerce.number().int().positive().optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
});
export type FlowAnalyticsQuery = z.output<typeof flowAnalyticsQuery>;
