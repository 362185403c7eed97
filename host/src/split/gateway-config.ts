import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './project-root.js';

type Render = (inputs: Record<string, string>, options?: { dirOfOut?: string }) => { config: string; runDir: string };

/** The Angular build the gateway serves (built by `npm run build`). */
export const WEB_ROOT = join(PROJECT_ROOT, 'web-angular/dist/web-angular/browser');

/**
 * The project's gateway template (docker/gateway/nginx.conf), rendered by its own renderer for
 * processes on loopback ports: the same file compose renders, with other upstreams.
 */
export async function renderLocalGateway(options: {
  port: number;
  commandSide: number[];
  querySide: number[];
  sandbox: boolean;
  runDir: string;
}): Promise<string> {
  const { renderGatewayConfig } = (await import(pathToFileURL(join(PROJECT_ROOT, 'docker/gateway/render.mjs')).href)) as {
    renderGatewayConfig: Render;
  };
  const { config } = renderGatewayConfig(
    {
      LISTEN: `127.0.0.1:${options.port}`,
      COMMAND_UPSTREAM: options.commandSide.map((port) => `127.0.0.1:${port}`).join(','),
      QUERY_UPSTREAM: options.querySide.map((port) => `127.0.0.1:${port}`).join(','),
      WEB_ROOT,
      RUN_DIR: options.runDir,
      SANDBOX: options.sandbox ? 'on' : 'off',
      ACCESS_LOG: 'off',
      ERROR_LOG: 'stderr',
      WORKER_PROCESSES: '1',
    },
    { dirOfOut: options.runDir },
  );
  return config;
}
