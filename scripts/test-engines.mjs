#!/usr/bin/env node
// `npm run test:engines`: the suites of test-engines.json against the servers named by
// EVENTSTORE_URL and MONGODB_URL (built specs: run `npm run build` first). Fails when neither is
// set — the point of this command is a real server — and when any suite that ran failed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { suites } = JSON.parse(readFileSync(join(root, 'test-engines.json'), 'utf8'));
const engines = ['EVENTSTORE_URL', 'MONGODB_URL'];
const isSet = (name) => (process.env[name] ?? '').trim() !== '';

if (!engines.some(isSet)) {
  process.stderr.write(
    'test:engines needs a server: set EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false) and/or ' +
      'MONGODB_URL (e.g. mongodb://localhost:27017/e_contract?replicaSet=rs0). Nothing was run.\n',
  );
  process.exit(2);
}

const jasmine = join(root, 'node_modules', 'jasmine', 'bin', 'jasmine.js');
const results = [];
for (const suite of suites) {
  const missing = (suite.needs ?? []).filter((name) => !isSet(name));
  if (missing.length > 0) {
    results.push({ name: suite.name, outcome: `skipped (${missing.join(', ')} not set)` });
    continue;
  }
  process.stdout.write(`\n=== ${suite.name} ===\n`);
  const argv = suite.command ?? [process.execPath, jasmine, '--config=jasmine.json', ...suite.specs];
  const run = spawnSync(argv[0], argv.slice(1), { cwd: join(root, suite.cwd ?? '.'), stdio: 'inherit', env: process.env });
  results.push({ name: suite.name, outcome: run.status === 0 ? 'passed' : `FAILED (exit ${run.status ?? run.signal})` });
}

process.stdout.write('\n=== test:engines ===\n');
for (const { name, outcome } of results) process.stdout.write(`${outcome.padEnd(40)} ${name}\n`);
const ran = results.filter((result) => !result.outcome.startsWith('skipped'));
process.exit(ran.length > 0 && ran.every((result) => result.outcome === 'passed') ? 0 : 1);
