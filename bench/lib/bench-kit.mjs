// Helpers shared by the benchmarks that drive a server over HTTP (commands.mjs, system.mjs).
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const round1 = (n) => Math.round(n * 10) / 10;
export const round2 = (n) => Math.round(n * 100) / 100;
export const BASELINE_SERVER = new URL('./baseline-server.mjs', import.meta.url);

export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

/** The body the integration specs send (host/src/integration/api-test-kit.ts). */
export function requestBody(documentId) {
  return {
    kind: 'contract',
    title: 'Договор ГПХ № 42',
    documents: [{ documentId, title: 'Договор' }],
    signer: { type: 'individual', fullName: 'Морозов Сергей Николаевич', inn: '770512345019', phone: '+7 900 123-45-67' },
  };
}

export async function fetchJson(url, init) {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000), ...init });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** p50 / p99 / max in ms, one decimal (nearest-rank on the sorted values). */
export function percentiles(values) {
  const sorted = Float64Array.from(values).sort();
  const at = (q) => (sorted.length ? round1(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]) : NaN);
  return { p50: at(0.5), p99: at(0.99), max: sorted.length ? round1(sorted[sorted.length - 1]) : NaN };
}

/** CPU seconds (user + system, all threads) that a process used so far, from /proc (0 where there is none). */
export function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every live process of a process group (its leader's threads included). */
export function groupCpuSeconds(pgid) {
  let sum = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[2]) === pgid) sum += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}

/** Busy CPU seconds of the whole machine so far (all but idle and iowait), from /proc/stat. */
export function machineBusySeconds() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
}

export function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
