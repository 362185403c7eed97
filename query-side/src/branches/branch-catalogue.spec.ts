import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRANCHES_FILE, BranchCatalogue, DEMO_BRANCHES, openBranchCatalogue } from './branch-catalogue.js';

describe('the branch catalogue', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'branches-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names a branch, and shows the code of one it does not name', () => {
    const catalogue = new BranchCatalogue(DEMO_BRANCHES);
    expect(catalogue.nameOf('msk')).toBe('Москва');
    expect(catalogue.nameOf('nsk')).toBe('nsk');
  });

  it('seeds <DATA_DIR>/branches.json with the demo branches in the embedded default, then reads the file as it is', () => {
    expect(openBranchCatalogue({ branches: null, dataDir, production: false }).list()).toEqual([...DEMO_BRANCHES]);
    expect(JSON.parse(readFileSync(join(dataDir, BRANCHES_FILE), 'utf8'))).toEqual([...DEMO_BRANCHES]);
    writeFileSync(join(dataDir, BRANCHES_FILE), JSON.stringify([{ branchId: 'msk', name: 'Центральный офис' }]));
    expect(openBranchCatalogue({ branches: null, dataDir, production: false }).nameOf('msk')).toBe('Центральный офис');
  });

  it('takes BRANCHES before the file, and seeds nothing in production', () => {
    const configured = [{ branchId: 'ekb', name: 'Екатеринбург' }];
    expect(openBranchCatalogue({ branches: configured, dataDir, production: false }).list()).toEqual(configured);
    expect(openBranchCatalogue({ branches: null, dataDir, production: true }).list()).toEqual([]);
  });

  it('refuses a damaged file at start', () => {
    writeFileSync(join(dataDir, BRANCHES_FILE), '{"msk": "Москва"}');
    expect(() => openBranchCatalogue({ branches: null, dataDir, production: false })).toThrowError(/must hold/);
  });
});
