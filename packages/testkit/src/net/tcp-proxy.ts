import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** http://127.0.0.1:<port>: the proxy's address, to hand to a client in place of the target's. */
  url: string;
  /** Stops forwarding in both directions without closing anything: a link gone silent (no FIN, no RST). */
  silence(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy to `targetUrl` (http://127.0.0.1:<port>), for links that fail in ways a test chooses. */
export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('proxy targets loopback only');
  const sockets = new Set<Socket>();
  let silent = false;
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    const pipe = (from: Socket, to: Socket) => {
      from.on('data', (chunk) => {
        if (!silent) to.write(chunk); // silent: read and drop, so neither side sees backpressure or a close
      });
      from.on('end', () => to.end());
    };
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    silence: () => {
      silent = true;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
