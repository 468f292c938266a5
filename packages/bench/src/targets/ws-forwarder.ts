// Baseline for the core suite: a bare `ws` server that forwards every binary message from one end of a pair to the
// other and does nothing else (no auth, no parsing, no storage). The core suite drives it with the same frames and
// the same message pattern as the gateway, in the same run, so the gateway's figures read as a ratio to it.
import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

const port = Number(process.env.PORT);
const ends = new Map<string, WebSocket>(); // "<pair>/<s|r>" → socket

const server = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' }).end('ok');
});
const wss = new WebSocketServer({ server, path: '/v1/ws', maxPayload: 1024 * 1024 });
wss.on('connection', (socket, req) => {
  const url = new URL(req.url ?? '/', 'ws://x');
  const pair = url.searchParams.get('pair') ?? '';
  const role = url.searchParams.get('role') === 's' ? 's' : 'r';
  const self = `${pair}/${role}`;
  const peer = `${pair}/${role === 's' ? 'r' : 's'}`;
  ends.set(self, socket);
  socket.on('message', (data, isBinary) => ends.get(peer)?.send(data, { binary: isBinary }));
  socket.on('close', () => ends.get(self) === socket && ends.delete(self));
});
server.listen(port, '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    for (const s of wss.clients) s.terminate();
    server.close(() => process.exit(0));
  });
}
