import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MINIMAL_PDF, login, startTestSystem, type TestSystem } from './api-test-kit.js';
import { documentedExamples, fieldShape, parseHttpAnswer, type DocumentedExample } from './doc-examples.js';

const DOC = fileURLToPath(new URL('../../../docs/integrations.md', import.meta.url));
const MARK = '@@example-';

/** Runs the examples in one bash, in order (they share variables), and answers each one's output. */
async function runExamples(examples: DocumentedExample[], env: Record<string, string>, cwd: string): Promise<string[]> {
  const script = examples.map((example, index) => `printf '\\n${MARK}${index}\\n'\n${example.script}`).join('\n');
  const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`the examples failed (exit ${code}):\n${stderr}\n${stdout}`);
  return stdout
    .split(new RegExp(`\\n${MARK}\\d+\\n`))
    .slice(1)
    .map((output) => output.replace(/\r/g, ''));
}

/** The curl examples docs/integrations.md shows to another system's developer, run as written. */
describe('docs/integrations.md: the examples', () => {
  let system: TestSystem;
  let workDir: string;
  let examples: DocumentedExample[];
  let outputs: string[];

  beforeAll(async () => {
    examples = documentedExamples(readFileSync(DOC, 'utf8'), 'sh');
    system = await startTestSystem();
    workDir = mkdtempSync(join(tmpdir(), 'e-contract-doc-'));
    writeFileSync(join(workDir, 'contract-42.pdf'), MINIMAL_PDF);
    const adminToken = await login(system, 'admin');
    outputs = await runExamples(examples, { EC: system.running.url, ADMIN_TOKEN: adminToken }, workDir);
  }, 60_000);
  afterAll(async () => {
    await system?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('has examples, and each printed something', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(outputs.length).toBe(examples.length);
    outputs.forEach((output, index) => expect(output.trim()).withContext(examples[index]!.script).not.toBe(''));
  });

  it('answers every JSON answer shown with the fields shown', () => {
    const shown = examples.filter((example) => example.answer?.language === 'json');
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const example of shown) {
      const output = outputs[examples.indexOf(example)]!;
      expect(fieldShape(JSON.parse(output)))
        .withContext(example.script)
        .toEqual(fieldShape(JSON.parse(example.answer!.text)));
    }
  });

  it('answers every HTTP answer shown with its status, headers and body fields', () => {
    const shown = examples.filter((example) => example.answer?.language === 'http');
    expect(shown.length).toBeGreaterThanOrEqual(1);
    for (const example of shown) {
      const actual = parseHttpAnswer(outputs[examples.indexOf(example)]!);
      const documented = parseHttpAnswer(example.answer!.text);
      expect(actual.status).withContext(example.script).toBe(documented.status);
      for (const name of documented.headerNames) expect(actual.headerNames).withContext(example.script).toContain(name);
      expect(fieldShape(JSON.parse(actual.body)))
        .withContext(example.script)
        .toEqual(fieldShape(JSON.parse(documented.body)));
    }
  });

  it('finds the request again by its externalId, as the document says', () => {
    const lookup = examples.findIndex((example) => example.script.includes('externalId=ORDER-1001'));
    expect(lookup).toBeGreaterThanOrEqual(0);
    const found = JSON.parse(outputs[lookup]!);
    expect(found.processId).toMatch(/^[0-9a-f-]{36}$/);
    expect(['created', 'invited']).toContain(found.status);
  });
});
