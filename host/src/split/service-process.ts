import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The processes of the production form, as a deployment starts them (`node <package>/dist/<main>.js`). */
export type ServiceName = 'command-side' | 'query-side' | 'background' | 'all-in-one';

const ENTRY_POINTS: Record<ServiceName, () => string> = {
  'command-side': () => besideEntry('@e-contract/command-side', 'main.js'),
  'query-side': () => besideEntry('@e-contract/query-side', 'main.js'),
  background: () => fileURLToPath(new URL('../background-main.js', import.meta.url)),
  'all-in-one': () => fileURLToPath(new URL('../all-in-one.js', import.meta.url)),
};

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  name: ServiceName;
  port: number;
  url: string;
  pid: number;
  /** Everything the process wrote (its JSON log lines), for a failing spec's message. */
  output(): string;
  exited: Promise<Exit>;
  /** Sends `signal` and resolves when the process has exited, with how long that took. */
  stop(signal?: NodeJS.Signals): Promise<Exit & { ms: number }>;
}

/**
 * Starts one service as its own process on a free loopback port and resolves once its
 * `/api/health` answers 200 (with `answering`, once it answers at all) (or rejects with its output when it exits or does not get there in
 * `readyWithinMs`).
 */
export async function startServiceProcess(
  name: ServiceName,
  env: Record<string, string>,
  options: {
    readyWithinMs?: number;
    port?: number;
    /** Resolve once the port answers at all (503 while starting included). */ answering?: boolean;
  } = {},
): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [ENTRY_POINTS[name]()], {
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    name,
    port,
    url,
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    stop: (signal = 'SIGTERM') => stopProcess(child, exited, signal),
  };
  await untilHealthy(service, options.readyWithinMs ?? 30_000, options.answering ? (status) => status > 0 : (status) => status === 200);
  return service;
}

async function untilHealthy(service: ServiceProcess, withinMs: number, ready: (status: number) => boolean): Promise<void> {
  let exit: Exit | null = null;
  void service.exited.then((e) => (exit = e));
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (exit) throw new Error(`${service.name} exited (${JSON.stringify(exit)}) before it was healthy:\n${service.output()}`);
    const status = await fetch(`${service.url}/api/health`).then(
      (res) => res.status,
      () => 0,
    );
    if (ready(status)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await service.stop('SIGKILL');
  throw new Error(`${service.name} was not healthy within ${withinMs} ms:\n${service.output()}`);
}

async function stopProcess(child: ChildProcess, exited: Promise<Exit>, signal: NodeJS.Signals): Promise<Exit & { ms: number }> {
  const startedAt = Date.now();
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  const exit = await exited;
  return { ...exit, ms: Date.now() - startedAt };
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `<directory of the package's main module>/<file>`: a sibling entry point the exports map does not expose. */
function besideEntry(packageName: string, file: string): string {
  return fileURLToPath(new URL(file, import.meta.resolve(packageName)));
}
