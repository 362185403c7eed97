import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Branch, Deal } from '@e-contract/contracts';

export const BRANCHES_FILE = 'branches.json';

/**
 * The demo branches of the embedded default: the branches of the seeded managers
 * (command-side/src/auth/local-user-directory.ts, `DEMO_USERS`), with their Russian names.
 */
export const DEMO_BRANCHES: readonly Branch[] = [
  { branchId: 'msk', name: 'Москва' },
  { branchId: 'spb', name: 'Санкт-Петербург' },
];

/**
 * The branches people read by name (`GET /api/branches`, the deals' `branchName`). Branches are not
 * facts of the log — a manager's or an integration's `branchId` is a code the identity provider or
 * the admin gives — so their names are configuration, kept here and applied when the query side
 * answers; the read models keep the code alone.
 */
export class BranchCatalogue {
  private readonly names: ReadonlyMap<string, string>;

  constructor(private readonly branches: readonly Branch[]) {
    this.names = new Map(branches.map((branch) => [branch.branchId, branch.name]));
  }

  list(): Branch[] {
    return this.branches.map((branch) => ({ ...branch }));
  }

  /** The branch's name; the code itself for a branch the catalogue does not name. */
  nameOf(branchId: string): string {
    return this.names.get(branchId) ?? branchId;
  }

  /** The deal as answered: with its branch's name beside its `branchId`. */
  withBranchName<T extends Deal>(deal: T): T {
    return { ...deal, branchName: this.nameOf(deal.branchId) };
  }
}

/**
 * The catalogue by configuration: `BRANCHES` when given; otherwise `<DATA_DIR>/branches.json`
 * (`[{branchId, name}]`), which the embedded default seeds with `DEMO_BRANCHES` on first start and
 * production reads when it is there (none: every branch shows its code). Read once at start: a
 * changed file takes effect on restart.
 */
export function openBranchCatalogue(config: { branches: readonly Branch[] | null; dataDir: string; production: boolean }): BranchCatalogue {
  if (config.branches) return new BranchCatalogue(config.branches);
  const file = join(config.dataDir, BRANCHES_FILE);
  if (!existsSync(file)) {
    if (config.production) return new BranchCatalogue([]);
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, `${JSON.stringify(DEMO_BRANCHES, null, 2)}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process seeded it first
    }
  }
  return new BranchCatalogue(parseBranchesFile(readFileSync(file, 'utf8'), file));
}

/** A damaged file is an error at start (silently showing codes would hide it). */
export function parseBranchesFile(text: string, file: string): Branch[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`${file} must hold [{"branchId": "…", "name": "…"}, …]`);
  return parsed.map((entry: unknown, index) => {
    const { branchId, name } = (entry ?? {}) as Record<string, unknown>;
    if (typeof branchId !== 'string' || typeof name !== 'string' || branchId === '' || name.trim() === '')
      throw new Error(`${file}: [${index}] must be {"branchId": "…", "name": "…"}`);
    return { branchId, name: name.trim() };
  });
}
