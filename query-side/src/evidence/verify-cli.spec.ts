import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrailEntry } from '@e-contract/projections';
import { buildEvidencePackage, type EvidencePackage } from './evidence-package.js';
import { DOCUMENT_SHA, dealOf, signedTrail } from './evidence-fixtures.js';

const CLI = fileURLToPath(new URL('./verify-cli.js', import.meta.url));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the verifier as its own process, as `npm run verify -- file` does. */
function verify(file: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, file], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function freshPackage(): EvidencePackage {
  const trail = signedTrail();
  return structuredClone(buildEvidencePackage(dealOf(trail), trail, '2026-11-25T21:30:00.000Z'));
}

describe('evidence: verifier CLI', () => {
  let dir: string;
  const save = async (name: string, content: unknown) => {
    const file = join(dir, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verify-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('exits 0 on an intact package and says the chain is valid with its length and head', async () => {
    const pkg = freshPackage();
    const result = await verify(await save('evidence.json', pkg));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`chain valid: 9 events, head ${pkg.chain.head}`);
    expect(result.stdout).toContain('documents: all 2 hashes equal those in DocumentsSigned');
    expect(result.stdout).toContain('EDO agreement 2026-01: hash equals the one in EdoAgreementAccepted');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('verdict: VALID');
  });

  it("exits 1 and names the revision when one byte of an event's data changed", async () => {
    const pkg = freshPackage();
    const data = pkg.events[4]!.data as { sha256: string };
    data.sha256 = `0${data.sha256.slice(1)}`;
    const result = await verify(await save('evidence.json', pkg));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BROKEN at revision 4: hash does not match the event body');
    expect(result.stdout).toContain('verdict: INVALID');
  });

  it('exits 1 when the last event was cut off: fewer events than the package says, another head', async () => {
    const pkg = freshPackage();
    const cut: TrailEntry = pkg.events.pop()!;
    const result = await verify(await save('evidence.json', pkg));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('tail cut: package says 9 events, chain has 8');
    expect(result.stdout).toContain(`head mismatch: package says ${cut.hash}, chain ends at ${cut.prevHash}`);
  });

  it('exits 1 when the tail was cut and the length rewritten: the head still differs', async () => {
    const pkg = freshPackage();
    pkg.events.pop();
    pkg.chain.length = 8;
    const result = await verify(await save('evidence.json', pkg));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('head mismatch');
  });

  it('exits 1 when a document hash in the package differs from the signed one', async () => {
    const pkg = freshPackage();
    pkg.documents[0]!.sha256 = 'f'.repeat(64);
    const result = await verify(await save('evidence.json', pkg));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`differs from the signed ${DOCUMENT_SHA}`);
  });

  it('exits 1 when the EDO agreement hash in the package differs from EdoAgreementAccepted', async () => {
    const pkg = freshPackage();
    pkg.edoAgreement!.sha256 = '0'.repeat(64);
    const result = await verify(await save('evidence.json', pkg));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('EDO agreement: package says 2026-01 ' + '0'.repeat(64));
  });

  it('exits 0 with a note for an intact package of a process not yet signed', async () => {
    const trail = signedTrail(3);
    const result = await verify(await save('evidence.json', buildEvidencePackage(dealOf(trail), trail, '2026-11-25T21:30:00.000Z')));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('note: no DocumentsSigned event');
  });

  it('exits 2 on input it cannot read: not JSON, not a package, no file, no argument', async () => {
    const notJson = await verify(await save('broken.json', '{"processId": '));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('not JSON');

    const notPackage = await verify(await save('other.json', { hello: 'world' }));
    expect(notPackage.code).toBe(2);
    expect(notPackage.stderr).toContain('not a readable evidence package');

    expect((await verify(join(dir, 'missing.json'))).code).toBe(2);

    const noArgument = await new Promise<number>((resolve) => {
      execFile(process.execPath, [CLI], (error) => resolve(error && typeof error.code === 'number' ? error.code : 0));
    });
    expect(noArgument).toBe(2);
  });

  it('reads sealed ip and user agent as stored (not opened), and holds each stated erasure to a PersonalDataErased fact', async () => {
    const pkg = freshPackage();
    const stated = {
      ...pkg,
      erasures: [{ personRef: 'person-1', erasedAt: '2031-12-01T09:00:00.000Z', erasedBy: 'admin-7', reason: 'Срок хранения истёк' }],
    };
    const missing = await verify(await save('erasure-missing.json', stated));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('erasure of person person-1: no PersonalDataErased fact in the chain');

    const envelope = { enc: 'c2VhbGVk', person: 'person-1' };
    const sealedIp = structuredClone(pkg);
    (sealedIp.events[3] as { ip: unknown }).ip = envelope;
    const broken = await verify(await save('sealed-ip.json', sealedIp));
    expect(broken.stderr).toBe('');
    expect(broken.code).withContext('an envelope where a string was hashed breaks the chain').toBe(1);
    (sealedIp.events[3] as { ip: unknown }).ip = { enc: 1, person: 'person-1' };
    expect((await verify(await save('bad-envelope.json', sealedIp))).code).toBe(2);
  });
});
