/**
 * Stand-ins for the services behind the gateway, and a small HTTP client for the gateway checks.
 * Each stand-in answers every request with what it saw (its name, the method, the path with its
 * query, the headers, the body's size), so a check can tell which side a path reached and how.
 */
import { createServer, request as httpRequest } from 'node:http';

/**
 * A stand-in service on 127.0.0.1:`port`. Behaviours a check asks for with request headers:
 * `x-fake-status: <code>` answers that status (with `Retry-After: 30` for 429 and 503);
 * `x-fake-csp: <policy>` sends that Content-Security-Policy. `GET /api/deals/stream` answers
 * Server-Sent Events: a comment at once, an event `sseGapMs` later, then ends.
 */
export async function startFakeService(name, port, { sseGapMs = 1500 } = {}) {
  const seen = [];
  const sockets = new Set();
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk) => (bytes += chunk.length));
    req.on('end', () => {
      const entry = { service: name, method: req.method, url: req.url, headers: req.headers, bodyBytes: bytes };
      seen.push(entry);
      if (req.method === 'GET' && req.url.startsWith('/api/deals/stream')) {
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Fake-Service': name });
        res.write(': connected\n\n');
        const timer = setTimeout(() => res.end('id: 7\nevent: deal\ndata: {}\n\n'), sseGapMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      const status = Number(req.headers['x-fake-status'] ?? 200);
      const headers = { 'Content-Type': 'application/json', 'X-Fake-Service': name };
      if (status === 429 || status === 503) headers['Retry-After'] = '30';
      if (req.headers['x-fake-csp']) headers['Content-Security-Policy'] = req.headers['x-fake-csp'];
      res.writeHead(status, headers);
      res.end(JSON.stringify(entry));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    name,
    port,
    seen,
    async stop() {
      await new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/**
 * One request to `baseUrl + path`: resolves {status, headers, text, json(), firstChunkMs, endMs}
 * (milliseconds from the request to the first body bytes and to the end).
 */
export function send(baseUrl, method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const req = httpRequest(new URL(path, baseUrl), { method, headers, agent: false }, (res) => {
      const chunks = [];
      let firstChunkMs;
      res.on('data', (chunk) => {
        firstChunkMs ??= Date.now() - started;
        chunks.push(chunk);
      });
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          text,
          json: () => JSON.parse(text),
          firstChunkMs,
          endMs: Date.now() - started,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** How many times a header came back (nginx adds, a service may have sent one too). */
export const headerCount = (response, name) =>
  response.rawHeaders.filter((value, index) => index % 2 === 0 && value.toLowerCase() === name.toLowerCase()).length;
