// Baseline for the http suite: a bare node:http server answering what GET /health answers, with no framework.
// Measured in the same run as the API, so the API's figures can be read as a ratio to what this machine can do.
import { createServer } from 'node:http';

const port = Number(process.env.PORT);
const server = createServer((req, res) => {
  if (req.url === '/health') {
    const body = JSON.stringify({ status: 'ok', uptime_s: Math.round(process.uptime()) });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  } else {
    res.writeHead(404).end();
  }
});
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
