'use client';
import { Handle, type NodeProps, Position, useEdges } from '@xyflow/react';
import { portsOfStep, type StepNode as StepNodeType } from '../../../../lib/flows/graph';
import { portLabel, stepType } from '../../../../lib/flows/node-types';
import styles from '../flows.module.css';

/** What a step says at a glance: its text, or what it does. */
function summary(step: StepNodeType['data']['step']): string {
  const t = stepType(step.type);
  const said = typeof step.text === 'string' ? step.text : undefined;
  if (step.type === 'template') return `${step.name ?? ''} (${step.language ?? ''})`;
  if (step.type === 'http') return `${step.method ?? 'GET'} ${step.url ?? ''}`;
  if (step.type === 'set_variable') return `${step.variable ?? ''} = ${step.value ?? ''}`;
  if (step.type === 'media') return `${step.media_type ?? ''} ${step.link ?? step.media_id ?? ''}`;
  if (step.type === 'location') return `${step.name ?? 'pin'} (${step.latitude}, ${step.longitude})`;
  if (step.type === 'delay') return `waits ${step.seconds} s`;
  if (step.type === 'opt') return `opts the contact ${step.status}`;
  return said ?? t?.blurb ?? step.type;
}

/** One step on the canvas: its type and id, what it says, the API's problems with it, its figures, its ways out. */
export function StepNode({ data, selected }: NodeProps<StepNodeType>) {
  const edges = useEdges();
  const { step, problems, stats } = data;
  const ports = portsOfStep(step, edges);
  return (
    <div
      className={`${styles.step} ${selected ? styles.selected : ''} ${problems.length ? styles.invalid : ''} ${data.trace ? styles[data.trace] : ''}`}
      data-testid={`step-${step.id}`}
      data-trace={data.trace}
    >
      <Handle type="target" position={Position.Top} className={styles.handle} />
      <div className={styles.stepHead}>
        <strong>{stepType(step.type)?.label ?? step.type}</strong>
        <code>{step.id}</code>
        {data.start && <span className={styles.startBadge}>start</span>}
      </div>
      <p className={styles.stepText}>{summary(step)}</p>
      {problems.length > 0 && (
        <ul className={styles.problems} data-testid={`problems-${step.id}`}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {stats && (
        <dl className={styles.stats} data-testid={`stats-${step.id}`}>
          <div>
            <dt>entered</dt>
            <dd>{stats.entered ?? 0}</dd>
          </div>
          <div>
            <dt>went on</dt>
            <dd>{stats.left ?? 0}</dd>
          </div>
          {(stats.waiting ?? 0) + (stats.running ?? 0) > 0 && (
            <div>
              <dt>here now</dt>
              <dd>{(stats.waiting ?? 0) + (stats.running ?? 0)}</dd>
            </div>
          )}
          {(stats.answered ?? 0) > 0 && (
            <div>
              <dt>answered</dt>
              <dd>{stats.answered}</dd>
            </div>
          )}
          {(stats.timed_out ?? 0) > 0 && (
            <div>
              <dt>timed out</dt>
              <dd>{stats.timed_out}</dd>
            </div>
          )}
          {(stats.errored ?? 0) > 0 && (
            <div className={styles.bad}>
              <dt>errors</dt>
              <dd>{stats.errored}</dd>
            </div>
          )}
          {(stats.failed ?? 0) + (stats.stopped ?? 0) > 0 && (
            <div className={styles.bad}>
              <dt>dropped</dt>
              <dd>{(stats.failed ?? 0) + (stats.stopped ?? 0)}</dd>
            </div>
          )}
        </dl>
      )}
      {ports.length > 0 && (
        <div className={styles.ports}>
          {ports.map((port) => (
            <span key={port} className={styles.port}>
              {portLabel(port)}
              <Handle type="source" position={Position.Bottom} id={port} className={styles.handle} />
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
