import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort } from './service-process.js';

interface ScrapeConfig {
  job_name: string;
  static_configs?: Array<{ targets: string[]; labels?: Record<string, string> }>;
  [key: string]: unknown;
}

/**
 * The project's Prometheus configuration (docker/prometheus/prometheus.yml), pointed at processes
 * on this machine: each job named in `targets` keeps its settings (path, scheme, relabelling) and
 * gets these addresses; other jobs (the engines' exporters, Prometheus itself) are left out, the
 * rule files kept (with absolute paths, so a real Prometheus loads the project's rules), the
 * bearer credentials read from `credentialsFile`, the Alertmanager dropped, and everything scraped
 * every second. Throws when the project's file lacks
 * one of the jobs.
 */
export function localScrapeConfig(
  projectConfigPath: string,
  targets: Record<string, string[]>,
  /** Where the jobs' bearer credentials (`credentials_file`) are, here. */
  credentialsFile: string,
): string {
  const config = parse(readFileSync(projectConfigPath, 'utf8')) as {
    global?: Record<string, unknown>;
    scrape_configs?: ScrapeConfig[];
    rule_files?: string[];
    alerting?: unknown;
  };
  const jobs = config.scrape_configs ?? [];
  for (const job of Object.keys(targets)) {
    if (!jobs.some((scrape) => scrape.job_name === job)) throw new Error(`${projectConfigPath} has no scrape job "${job}"`);
  }
  const base = dirname(projectConfigPath);
  const local = {
    ...config,
    global: { ...config.global, scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: (config.rule_files ?? []).map((file) => (isAbsolute(file) ? file : resolve(base, file))),
    scrape_configs: jobs
      .filter((scrape) => targets[scrape.job_name])
      .map((scrape) => ({
        ...scrape,
        scrape_interval: '1s',
        scrape_timeout: '1s',
        ...(isBearer(scrape['authorization']) ? { authorization: { ...scrape['authorization'], credentials_file: credentialsFile } } : {}),
        static_configs: [{ targets: targets[scrape.job_name] }],
      })),
  };
  delete local.alerting;
  return stringify(local);
}

const isBearer = (authorization: unknown): authorization is { credentials_file?: string } =>
  typeof authorization === 'object' && authorization !== null && 'credentials_file' in authorization;

export interface PrometheusProcess {
  url: string;
  /** An instant query's vector: `[{metric, value}]`. */
  query(expression: string): Promise<Array<{ metric: Record<string, string>; value: number }>>;
  targets(): Promise<Array<{ job: string; instance: string; health: string; lastError: string }>>;
  stop(): Promise<void>;
}

/** Debian's `prometheus` on a free loopback port, with `configText` and its data under `dir`. */
export async function startPrometheus(configText: string, dir: string): Promise<PrometheusProcess> {
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, configText);
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let gone = false;
  void exited.then(() => (gone = true));
  child.once('error', (error) => (output += `\n${error.message}`));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (gone) throw new Error(`prometheus exited:\n${output}`);
    if (
      (await fetch(`${url}/-/ready`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus was not ready in 20 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  const api = async (path: string) => {
    const answer = (await (await fetch(`${url}${path}`)).json()) as { status: string; data: unknown; error?: string };
    if (answer.status !== 'success') throw new Error(`prometheus ${path}: ${answer.error}`);
    return answer.data;
  };
  return {
    url,
    async query(expression) {
      const data = (await api(`/api/v1/query?query=${encodeURIComponent(expression)}`)) as {
        result: Array<{ metric: Record<string, string>; value: [number, string] }>;
      };
      return data.result.map((sample) => ({ metric: sample.metric, value: Number(sample.value[1]) }));
    },
    async targets() {
      const data = (await api('/api/v1/targets?state=active')) as {
        activeTargets: Array<{ labels: Record<string, string>; health: string; lastError: string }>;
      };
      return data.activeTargets.map((target) => ({
        job: target.labels['job'] ?? '',
        instance: target.labels['instance'] ?? '',
        health: target.health,
        lastError: target.lastError,
      }));
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      await exited;
    },
  };
}
