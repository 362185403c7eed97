// Copies pdf.js's worker and standard fonts next to the app's assets (Angular takes assets from
// inside its workspace only, and npm hoists pdfjs-dist to the repository's node_modules).
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'generated-assets', 'pdfjs');
mkdirSync(target, { recursive: true });
cpSync(join(pdfjs, 'build', 'pdf.worker.min.mjs'), join(target, 'pdf.worker.min.mjs'));
cpSync(join(pdfjs, 'standard_fonts'), join(target, 'standard_fonts'), { recursive: true });
