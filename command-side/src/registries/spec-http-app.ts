import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { HttpProblem } from '@e-contract/platform/http';

/**
 * For specs only: a real Express app on 127.0.0.1, an ephemeral port, with a minimal stand-in
 * for the central problem+json handler (which the composition provides in the running system).
 */
export interface SpecHttpApp {
  baseUrl: string;
  close(): Promise<void>;
}

const problemHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof HttpProblem) {
    res
      .status(error.status)
      .type('application/problem+json')
      .json({
        type: error.type,
        title: error.title,
        status: error.status,
        detail: error.detail,
        ...error.extensions,
      });
    return;
  }
  // body-parser errors carry their own 4xx status.
  const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
  res.status(status).type('application/problem+json').json({ type: 'about:blank', title: 'Error', status, detail: 'error' });
};

export async function startSpecApp(configure: (app: Express) => void): Promise<SpecHttpApp> {
  const app = express();
  configure(app);
  app.use(problemHandler);
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
