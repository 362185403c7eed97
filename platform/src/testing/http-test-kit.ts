import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { HttpProblem } from '../http/problem.js';

/**
 * Spec helpers (not used in production): a real Express app on 127.0.0.1, port 0, with a minimal
 * stand-in for the central problem+json handler.
 */

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

export const problemHandlerForTests: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof HttpProblem) {
    res
      .status(error.status)
      .set(error.headers)
      .type('application/problem+json')
      .send(JSON.stringify({ type: error.type, title: error.title, status: error.status, detail: error.detail, ...error.extensions }));
    return;
  }
  // body-parser's errors (malformed JSON, too large) carry their status.
  const status = (error as { status?: unknown }).status;
  const code = typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
  res
    .status(code)
    .type('application/problem+json')
    .send(JSON.stringify({ status: code }));
};

export async function startApp(build: (app: Express) => void): Promise<RunningApp> {
  const app = express();
  build(app);
  app.use(problemHandlerForTests);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const routerApp = (router: Router) => startApp((app) => app.use(router));

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
