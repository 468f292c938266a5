'use client';
import {
  addEdge,
  Background,
  type Connection,
  Controls,
  type Edge,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { type ComponentProps, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Alert, Badge, Card } from '../../../../components/ui/misc';
import { type ApiErrorBody, browserApi, explain, type Schemas } from '../../../../lib/api/client';
import { fromRows, toRows } from '../../../../lib/flows/flow-settings';
import {
  type Definition,
  type DraftStep,
  edgeOf,
  forApi,
  fromCanvas,
  newStep,
  problemsByStep,
  type StepNode as StepNodeType,
  toCanvas,
} from '../../../../lib/flows/graph';
import { STEP_TYPES } from '../../../../lib/flows/node-types';
import styles from '../flows.module.css';
import { AnalyticsBar } from './analytics-bar';
import { FlowSettingsForm, type Settings } from './flow-settings-form';
import { StepForm } from './step-form';
import { StepNode } from './step-node';
import { TestRun, type Trace } from './test-run';
import { Versions } from './versions';

const NODE_TYPES = { step: StepNode };
type Problems = ReturnType<typeof problemsByStep>;
const NO_PROBLEMS: Problems = { byStep: new Map(), general: [] };

/** The builder, with React Flow's state shared by the canvas and the controls around it. */
export function FlowBuilder(props: ComponentProps<typeof Builder>) {
  return (
    <ReactFlowProvider>
      <Builder {...props} />
    </ReactFlowProvider>
  );
}

/**
 * The builder: the draft drawn with React Flow (a node per step, an edge per way out), a side panel with the selected
 * step's form (or the flow's settings), saved and checked by the API, whose problems show on the steps they name.
 */
function Builder({
  businessId,
  flow,
  numbers,
  versions: initialVersions,
  readOnly,
}: {
  businessId: string;
  flow: Schemas['Flow'];
  numbers: { id: string; display_phone_number: string }[];
  versions: Schemas['FlowVersion'][];
  readOnly: boolean;
}) {
  const def = flow.definition as unknown as Definition;
  const initial = useMemo(() => toCanvas(def), [def]);
  const [nodes, setNodes, onNodesChange] = useNodesState<StepNodeType>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>(initial.edges);
  const [start, setStart] = useState(def.start);
  const [settings, setSettings] = useState<Settings>({
    name: flow.name,
    numbers: flow.phone_number_ids,
    triggers: toRows(flow.triggers),
    priority: flow.priority,
    variables: def.variables ?? [],
  });
  const [selected, setSelected] = useState<string>();
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [note, setNote] = useState<{ tone: 'ok' | 'fail'; text: string }>();
  const [busy, setBusy] = useState<string>();
  const [live, setLive] = useState(flow.live_version);
  const [versions, setVersions] = useState(initialVersions);
  const [stats, setStats] = useState<Schemas['FlowAnalytics']>();
  const [trace, setTrace] = useState<Trace>();
  const path = { businessId, flowId: flow.id };
  const { fitView } = useReactFlow();
  const count = useRef(nodes.length);
  useEffect(() => {
    // A step added below the others may be out of sight: bring every step into view.
    if (nodes.length > count.current) void fitView({ padding: 0.15 });
    count.current = nodes.length;
  }, [nodes.length, fitView]);

  const shown = nodes.map((n) => ({
    ...n,
    data: {
      ...n.data,
      start: n.id === start,
      problems: problems.byStep.get(n.id) ?? [],
      stats: stats ? ((stats.nodes[n.id] as Record<string, number> | undefined) ?? {}) : undefined,
      trace:
        trace?.current === n.id ? ('current' as const) : trace?.visited.has(n.id) ? ('visited' as const) : undefined,
    },
  }));
  const current = nodes.find((n) => n.id === selected);

  const onConnect = (c: Connection) =>
    // One edge per way out: a new connection from a port replaces the old one.
    setEdges((es) =>
      addEdge(
        edgeOf(c.source, c.sourceHandle ?? 'next', c.target),
        es.filter((e) => !(e.source === c.source && e.sourceHandle === (c.sourceHandle ?? 'next'))),
      ),
    );
  const addStep = (type: string) => {
    const step = newStep(type, new Set(nodes.map((n) => n.id)));
    const below = current ?? nodes[nodes.length - 1];
    const position = below ? { x: below.position.x, y: below.position.y + 200 } : { x: 0, y: 0 };
    setNodes((ns) => [...ns, { id: step.id, type: 'step', position, data: { step, start: false, problems: [] } }]);
    setSelected(step.id);
  };
  const updateStep = (step: DraftStep) =>
    setNodes((ns) => ns.map((n) => (n.id === step.id ? { ...n, data: { ...n.data, step } } : n)));
  const deleteStep = (id: string) => {
    setNodes((ns) => ns.filter((n) => n.id !== id));
    setEdges((es) => es.filter((e) => e.source !== id && e.target !== id));
    setSelected(undefined);
  };

  const refused = (error: unknown) => {
    const details = (error as Partial<ApiErrorBody>)?.error?.error_data?.details;
    setProblems(
      problemsByStep(
        { details },
        nodes.map((n) => n.id),
      ),
    );
    setNote({ tone: 'fail', text: explain(error) });
  };
  const save = async (): Promise<boolean> => {
    const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/flows/{flowId}', {
      params: { path },
      body: {
        name: settings.name,
        phone_number_ids: settings.numbers,
        triggers: fromRows(settings.triggers),
        priority: settings.priority,
        definition: forApi(fromCanvas(start, settings.variables, nodes, edges)),
      },
    });
    if (!data) refused(error);
    return !!data;
  };
  /** Asks the API what is wrong with the saved draft; with problems, says `otherwise` and shows them on the steps. */
  const check = async (otherwise: string): Promise<boolean> => {
    const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/flows/{flowId}/validate', {
      params: { path },
    });
    if (!data) {
      refused(error);
      return false;
    }
    const found = problemsByStep(
      { problems: data.problems },
      nodes.map((n) => n.id),
    );
    setProblems(found);
    if (data.problems.length) setNote({ tone: 'fail', text: otherwise });
    return data.problems.length === 0;
  };
  const run = (label: string, action: () => Promise<void>) => async () => {
    setBusy(label);
    setNote(undefined);
    try {
      await action();
    } finally {
      setBusy(undefined);
    }
  };
  const onSave = run('Saving…', async () => {
    if (await save()) {
      setProblems(NO_PROBLEMS);
      setNote({ tone: 'ok', text: 'Draft saved.' });
    }
  });
  const onCheck = run('Checking…', async () => {
    if ((await save()) && (await check('The draft has problems: they are shown on the steps.')))
      setNote({ tone: 'ok', text: 'No problems: the draft can be published.' });
  });
  const onPublish = run('Publishing…', async () => {
    if (!(await save())) return;
    if (!(await check('Not published: fix the problems shown on the steps.'))) return;
    const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/flows/{flowId}/publish', {
      params: { path },
    });
    if (!data) return refused(error);
    setLive(data.version);
    setVersions((vs) => [data, ...vs]);
    setNote({ tone: 'ok', text: `Version ${data.version} is live: new runs start on it.` });
  });
  const onRollback = (version: number) =>
    run('Rolling back…', async () => {
      const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/flows/{flowId}/rollback', {
        params: { path },
        body: { version },
      });
      if (!data) return setNote({ tone: 'fail', text: explain(error) });
      setLive(data.live_version);
      setNote({ tone: 'ok', text: `Version ${version} is live again; runs already started keep their version.` });
    })();

  return (
    <div className={styles.builder}>
      <div className={styles.toolbar} role="toolbar" aria-label="Flow">
        <span>{live === null ? <Badge>draft only</Badge> : <Badge tone="ok">live · v{live}</Badge>}</span>
        {!readOnly && (
          <>
            <Button type="button" variant="secondary" onClick={onSave} disabled={!!busy} data-testid="flow-save">
              Save draft
            </Button>
            <Button type="button" variant="secondary" onClick={onCheck} disabled={!!busy} data-testid="flow-check">
              Check
            </Button>
            <Button type="button" onClick={onPublish} disabled={!!busy} data-testid="flow-publish">
              Publish
            </Button>
          </>
        )}
        <span role="status" aria-live="polite" className="muted" data-testid="flow-busy">
          {busy}
        </span>
      </div>
      {note && (
        <Alert tone={note.tone} testId="flow-note">
          {note.text}
        </Alert>
      )}
      {problems.general.length > 0 && (
        <Alert testId="flow-problems">
          {problems.general.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      )}
      {!readOnly && (
        <fieldset className={styles.palette}>
          <legend className="sr-only">Add a step</legend>
          {Object.entries(STEP_TYPES).map(([type, t]) => (
            <Button
              key={type}
              type="button"
              variant="secondary"
              size="sm"
              title={`Add a step that ${t.blurb}`}
              onClick={() => addStep(type)}
              data-testid={`add-${type}`}
            >
              + {t.label}
            </Button>
          ))}
        </fieldset>
      )}
      <div className={styles.workspace}>
        <section className={styles.canvas} aria-label="Flow canvas" data-testid="flow-canvas">
          <ReactFlow
            nodes={shown}
            edges={edges}
            nodeTypes={NODE_TYPES}
            onNodesChange={readOnly ? undefined : onNodesChange}
            onEdgesChange={readOnly ? undefined : onEdgesChange}
            onConnect={readOnly ? undefined : onConnect}
            onNodeClick={(_, n) => setSelected(n.id)}
            onPaneClick={() => setSelected(undefined)}
            onNodesDelete={(ds) => ds.some((d) => d.id === selected) && setSelected(undefined)}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
            fitView
            minZoom={0.2}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        </section>
        <Card className={styles.side} aria-label="Selected step">
          {current ? (
            <StepForm
              key={current.id}
              step={current.data.step}
              readOnly={readOnly}
              isStart={current.id === start}
              onChange={updateStep}
              onDelete={() => deleteStep(current.id)}
              onMakeStart={() => setStart(current.id)}
            />
          ) : (
            <FlowSettingsForm settings={settings} numbers={numbers} readOnly={readOnly} onChange={setSettings} />
          )}
        </Card>
      </div>
      {!readOnly && (
        <TestRun
          businessId={businessId}
          flowId={flow.id}
          numbers={numbers.filter((n) => settings.numbers.includes(n.id))}
          versions={versions}
          beforeDraft={save}
          onTrace={setTrace}
        />
      )}
      <AnalyticsBar businessId={businessId} flowId={flow.id} versions={versions} stats={stats} onStats={setStats} />
      <Versions versions={versions} live={live} readOnly={readOnly} busy={!!busy} onRollback={onRollback} />
    </div>
  );
}
