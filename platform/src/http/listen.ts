import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config.js';
import { PROBLEM_BASE } from './problem.js';

/**
 * Binds the port first, so that the sandbox knows the callback address even when the system chose
 * it (PORT=0). Until `attach` hands over the app, every request is answered 503 with Retry-After
 * (start-up seeds users and opens stores): none waits unanswered.
 */
export async function listen(
  config: Pick<Config, 'port' | 'host' | 'publicUrl'>,
): Promise<{ server: Server; port: number; internalUrl: string; publicUrl: string; attach: (app: RequestListener) => void }> {
  const server = createServer(startingUp);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const attach = (app: RequestListener) => {
    server.removeListener('request', startingUp);
    server.on('request', app);
  };
  return { server, port, internalUrl: `http://127.0.0.1:${port}`, publicUrl: config.publicUrl.replace(/:0$/, `:${port}`), attach };
}

function startingUp(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '1' });
  res.end(
    JSON.stringify({
      type: `${PROBLEM_BASE}starting`,
      title: 'Starting',
      status: 503,
      detail: 'The service is starting; try again in a moment',
    }),
  );
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
