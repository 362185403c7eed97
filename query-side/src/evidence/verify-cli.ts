#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { UnreadableEvidence, formatVerdict, parseEvidencePackage, verifyEvidencePackage } from './verify-evidence.js';

/**
 * `node query-side/dist/evidence/verify-cli.js evidence-<id>.json` (`-` reads standard input):
 * verifies a saved evidence package without any server. Exit code 0 valid, 1 invalid, 2 unreadable.
 */
const EXIT = { valid: 0, invalid: 1, unreadable: 2 } as const;

async function main(args: readonly string[]): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0 || file === '--help' || file === '-h') {
    process.stderr.write('usage: verify-cli <evidence-package.json | ->\n');
    return EXIT.unreadable;
  }
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return EXIT.unreadable;
  }
  try {
    const verdict = verifyEvidencePackage(parseEvidencePackage(text));
    process.stdout.write(`${formatVerdict(verdict).join('\n')}\n`);
    return verdict.valid ? EXIT.valid : EXIT.invalid;
  } catch (error) {
    if (!(error instanceof UnreadableEvidence)) throw error;
    process.stderr.write(`not a readable evidence package: ${error.message}\n`);
    return EXIT.unreadable;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`verification failed: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.unreadable;
});
