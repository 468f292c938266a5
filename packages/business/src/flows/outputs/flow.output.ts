import type { Flow, FlowRun, FlowRunStep, FlowVersion } from '@switchboard/db';

export const renderFlow = (f: Flow) => ({
  id: f.id,
  name: f.name,
  phone_number_ids: f.phoneNumberIds,
  triggers: f.triggers,
  priority: f.priority,
  live_version: f.liveVersion,
  definition: f.draft,
  created_time: f.createdAt.toISOString(),
  updated_time: f.updatedAt.toISOString(),
});

export const renderVersion = (v: FlowVersion) => ({
  version: v.version,
  definition: v.definition,
  published_time: v.publishedAt.toISOString(),
});

export const renderRun = (r: FlowRun) => ({
  id: r.id,
  flow_id: r.flowId,
  version: r.version,
  phone_number_id: r.phoneNumberId,
  wa_id: r.waId,
  status: r.status,
  current_node: r.currentNode,
  variables: r.variables,
  waiting_until: r.deadline?.toISOString() ?? null,
  end_reason: r.endReason,
  started_time: r.startedAt.toISOString(),
  ended_time: r.endedAt?.toISOString() ?? null,
});

export const renderStep = (s: FlowRunStep) => ({
  seq: s.seq,
  node: s.node,
  type: s.type,
  outcome: s.outcome,
  variables: s.variables,
  time: s.at.toISOString(),
});
