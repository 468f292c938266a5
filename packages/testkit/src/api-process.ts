import { freePort, type ProcessHandle, REPO_ROOT, spawnProcess, waitForHttp } from '@switchboard/devtools';

export interface ApiNode {
  proc: ProcessHandle;
  url: string;
  ws: string;
  nodeId: string;
}

/** An API process of its own (as in production: same code, own port, shared Postgres and Redis). */
export async function startNode(nodeId: string, env: Record<string, string> = {}): Promise<ApiNode> {
  const port = await freePort();
  const proc = spawnProcess(process.execPath, ['packages/devtools/bin/run.mjs', 'apps/api/src/main.ts'], {
    cwd: REPO_ROOT,
    name: nodeId,
    env: { ...process.env, API_PORT: String(port), NODE_ID: nodeId, LOG_LEVEL: 'warn', ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, 60_000, { process: proc });
  return { proc, url, ws: url.replace('http', 'ws'), nodeId };
}
