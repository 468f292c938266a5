import type { FlowNode } from '@switchboard/business/flows/definition/flow-definition';
import { portsOf } from '@switchboard/business/flows/definition/ports';
import type { Edge, Node } from '@xyflow/react';
import type { Schemas } from '../api/client';
import { STEP_TYPES } from './node-types';

/** A step as the builder holds it: the definition's node, which may be mid-edit (or of a type the table lacks). */
export type DraftStep = { id: string; type: string } & Record<string, unknown>;
export interface DraftVariable {
  name: string;
  type: 'string' | 'number' | 'boolean';
  default?: string | number | boolean;
}
export interface Definition {
  start: string;
  variables?: DraftVariable[];
  nodes: DraftStep[];
  edges?: { from: string; to: string; port?: string }[];
  layout?: Record<string, { x: number; y: number }>;
}

/** What a step node on the canvas carries. */
export type StepData = {
  step: DraftStep;
  start: boolean;
  problems: string[];
  stats?: Record<string, number>;
  /** Where the builder's test run is: at this step, or past it. */
  trace?: 'current' | 'visited';
};
export type StepNode = Node<StepData, 'step'>;

/**
 * The definition as the API's schema types it: openapi.yaml leaves the steps open (`type: object`), their exact shape
 * is docs/flow.schema.json, which the API checks.
 */
export const forApi = (def: Definition) => def as unknown as Schemas['FlowDefinition'];

export const starterDefinition = (): Definition => ({
  start: 'welcome',
  variables: [],
  nodes: [{ id: 'welcome', type: 'send_text', text: 'Hello! How can we help?' }],
  edges: [],
  layout: { welcome: { x: 0, y: 0 } },
});

/** The ways out of a step: the definition's rule, plus any port an existing edge already uses (never lose an edge). */
export function portsOfStep(step: DraftStep, edges: Edge[] = []): string[] {
  let ports: string[];
  try {
    ports = portsOf(step as unknown as FlowNode);
  } catch {
    ports = ['next'];
  }
  for (const e of edges)
    if (e.source === step.id && e.sourceHandle && !ports.includes(e.sourceHandle)) ports.push(e.sourceHandle);
  return ports;
}

const COLUMN = 280;
const ROW = 200;

/** Positions for steps the layout lacks: by distance from the start, side by side within a distance. */
function autoLayout(def: Definition): Record<string, { x: number; y: number }> {
  const depth = new Map<string, number>([[def.start, 0]]);
  const queue = [def.start];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of def.edges ?? [])
      if (e.from === id && !depth.has(e.to)) {
        depth.set(e.to, depth.get(id)! + 1);
        queue.push(e.to);
      }
  }
  const perRow = new Map<number, number>();
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of def.nodes) {
    const d = depth.get(n.id) ?? Math.max(0, ...depth.values()) + 1;
    const i = perRow.get(d) ?? 0;
    perRow.set(d, i + 1);
    out[n.id] = { x: i * COLUMN, y: d * ROW };
  }
  return out;
}

export function toCanvas(def: Definition): { nodes: StepNode[]; edges: Edge[] } {
  const auto = autoLayout(def);
  return {
    nodes: def.nodes.map((step) => ({
      id: step.id,
      type: 'step',
      position: def.layout?.[step.id] ?? auto[step.id]!,
      data: { step, start: step.id === def.start, problems: [] },
    })),
    edges: (def.edges ?? []).map((e) => edgeOf(e.from, e.port ?? 'next', e.to)),
  };
}

export const edgeOf = (from: string, port: string, to: string): Edge => ({
  id: `${from}→${port}`,
  source: from,
  sourceHandle: port,
  target: to,
});

export function fromCanvas(start: string, variables: DraftVariable[], nodes: StepNode[], edges: Edge[]): Definition {
  return {
    start,
    variables,
    nodes: nodes.map((n) => n.data.step),
    edges: edges.map((e) => ({ from: e.source, to: e.target, port: e.sourceHandle ?? 'next' })),
    layout: Object.fromEntries(nodes.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])),
  };
}

/** A new step of `type` with an id no other step has. */
export function newStep(type: string, taken: Set<string>): DraftStep {
  let i = 1;
  while (taken.has(`${type}_${i}`)) i++;
  return { id: `${type}_${i}`, type, ...structuredClone(STEP_TYPES[type]?.starter ?? {}) };
}

/**
 * The API's problems by step: `validate` answers `{node, problem}`; a refused save or publish says
 * `definition: node "x": …; node "y": …` or names a step by its place (`definition.nodes[2].text: …`).
 */
export function problemsByStep(
  from: { problems?: { node?: string; problem: string }[]; details?: string },
  order: string[],
): { byStep: Map<string, string[]>; general: string[] } {
  const byStep = new Map<string, string[]>();
  const general: string[] = [];
  const add = (node: string | undefined, problem: string) => {
    if (node && order.includes(node)) byStep.set(node, [...(byStep.get(node) ?? []), problem]);
    else general.push(node ? `${node}: ${problem}` : problem);
  };
  for (const p of from.problems ?? []) add(p.node, p.problem);
  if (from.details) {
    const details = from.details.replace(/^definition: /, '');
    const place = /^definition\.nodes\[(\d+)\]\.?(.*)$/.exec(from.details);
    if (place) add(order[Number(place[1])], place[2] || from.details);
    else
      for (const part of details.split('; ')) {
        const named = /^node "([^"]+)": (.*)$/.exec(part);
        if (named) add(named[1], named[2]!);
        else add(undefined, part);
      }
  }
  return { byStep, general };
}
