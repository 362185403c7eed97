import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface NginxProcess {
  stop(): Promise<void>;
  output(): string;
}

/**
 * Debian's nginx, run by the spec itself in the foreground over `configText` (which keeps it in the
 * foreground, with its pid file and temp paths under `dir`). The configuration is checked first (`nginx -t`).
 */
export async function startNginx(configText: string, dir: string, readyUrl: string): Promise<NginxProcess> {
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, configText);
  // The configuration sets `daemon off`, its pid file and its error log (docker/gateway/render.mjs).
  const args = ['-p', `${dir}/`, '-c', configFile, '-e', 'stderr'];
  const check = spawnSync('nginx', ['-t', ...args], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed (${check.error?.message ?? check.status}):\n${check.stderr}\n${configText}`);
  const child = spawn('nginx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (gone) throw new Error(`nginx exited:\n${output}`);
    if (
      (await fetch(readyUrl).then(
        (r) => r.status,
        () => 0,
      )) !== 0
    )
      break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not answer in 10 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    output: () => output,
    async stop() {
      if (!gone) child.kill('SIGQUIT'); // graceful: workers finish their requests
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
