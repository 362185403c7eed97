import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmployeeRole } from '@e-contract/contracts';
import { hashPassword, verifyPassword } from './passwords.js';
import { writePrivateFileAtomic, isEmployeeRole, normalizeLogin, type StoredUser, type UserDirectory } from '@e-contract/platform/auth';

export const USERS_FILE = 'users.json';
export const DEMO_CREDENTIALS_FILE = 'demo-credentials.json';

/**
 * Embedded-mode accounts kept in `<dataDir>/users.json` (`{users: StoredUser[]}`). The file is read
 * once and kept in memory: accounts change only by seeding, which happens before the server starts.
 */
export class LocalUserDirectory implements UserDirectory {
  private users: Promise<StoredUser[]> | undefined;

  constructor(private readonly dataDir: string) {}

  async findByLogin(login: string): Promise<StoredUser | null> {
    const wanted = normalizeLogin(login);
    return (await this.load()).find((user) => normalizeLogin(user.login) === wanted) ?? null;
  }

  async findById(id: string): Promise<StoredUser | null> {
    return (await this.load()).find((user) => user.id === id) ?? null;
  }

  private load(): Promise<StoredUser[]> {
    this.users ??= readUsersFile(join(this.dataDir, USERS_FILE)).catch((error: unknown) => {
      this.users = undefined; // let a later call retry instead of caching the failure forever
      throw error;
    });
    return this.users;
  }
}

/** A missing file means no accounts; a damaged one is an error (silently dropping users would hide it). */
async function readUsersFile(file: string): Promise<StoredUser[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  const list = isRecord(parsed) ? parsed['users'] : undefined;
  if (!Array.isArray(list)) throw new Error(`${file} must hold {"users": [...]}`);
  return list.map((entry: unknown, index) => {
    const user = parseStoredUser(entry);
    if (!user) throw new Error(`${file}: users[${index}] is not a valid user`);
    return user;
  });
}

function parseStoredUser(value: unknown): StoredUser | null {
  if (!isRecord(value)) return null;
  const { id, login, name, role, branchId, passwordHash } = value;
  if (typeof id !== 'string' || typeof login !== 'string' || typeof name !== 'string' || typeof passwordHash !== 'string') return null;
  if (!isEmployeeRole(role)) return null;
  if (branchId !== undefined && typeof branchId !== 'string') return null;
  return { id, login, name, role, passwordHash, ...(branchId !== undefined ? { branchId } : {}) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The demo accounts API.md promises: two managers in two branches, an auditor, an admin. */
export const DEMO_USERS: readonly { login: string; name: string; role: EmployeeRole; branchId?: string }[] = [
  { login: 'manager', name: 'Мария Соколова', role: 'manager', branchId: 'msk' },
  { login: 'manager2', name: 'Дмитрий Волков', role: 'manager', branchId: 'spb' },
  { login: 'auditor', name: 'Елена Кузнецова', role: 'auditor' },
  { login: 'admin', name: 'Алексей Морозов', role: 'admin' },
];

export interface DemoCredentials {
  password: string;
  users: { login: string; role: EmployeeRole; branchId: string | null }[];
}

export type DemoSeedResult = { seeded: true; credentials: DemoCredentials; passwordGenerated: boolean } | { seeded: false };

export interface SeedOptions {
  /** Where the one-time banner goes (stdout by default; tests capture it). */
  print?: (text: string) => void;
  /** Where a structured warning goes (stderr by default). */
  warn?: (line: string) => void;
}

/**
 * Seeds the demo accounts on first start (no users file yet), all with one password: `demoPassword`
 * when given, else a random 16-character one. The banner with the logins goes to stdout once, and
 * the same facts go to `demo-credentials.json` (0600) so the password is not lost with the console.
 * Printing a password breaks our "no secrets in logs" rule on purpose: it is a one-time banner of
 * a demo installation (API.md, DEMO_PASSWORD), never a log line, and production never seeds.
 *
 * When the users file exists nothing is re-seeded, even if `demoPassword` differs from the stored
 * one: we keep the stored hashes, because silently resetting passwords on a restart would surprise
 * whoever changed them and would make DEMO_PASSWORD a back door into an existing data directory. A
 * warning says so; deleting `users.json` re-seeds.
 */
export async function seedDemoUsers(dataDir: string, demoPassword?: string, options: SeedOptions = {}): Promise<DemoSeedResult> {
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const usersFile = join(dataDir, USERS_FILE);

  if (existsSync(usersFile)) {
    if (demoPassword) await warnIfPasswordDiffers(new LocalUserDirectory(dataDir), demoPassword, warn);
    return { seeded: false };
  }

  const passwordGenerated = !demoPassword;
  const password = demoPassword || randomBytes(12).toString('base64url'); // 96 bits, 16 characters
  // One hash per user: each gets its own salt, so equal passwords do not show as equal hashes.
  const users: StoredUser[] = await Promise.all(
    DEMO_USERS.map(async (demo) => ({ id: randomUUID(), ...demo, passwordHash: await hashPassword(password) })),
  );
  const credentials: DemoCredentials = {
    password,
    users: DEMO_USERS.map(({ login, role, branchId }) => ({ login, role, branchId: branchId ?? null })),
  };

  // Credentials first, users last: users.json is the "already seeded" mark, so a crash in between
  // re-seeds next time (with a new password) instead of leaving accounts whose password nobody has.
  writePrivateFileAtomic(join(dataDir, DEMO_CREDENTIALS_FILE), `${JSON.stringify(credentials, null, 2)}\n`);
  writePrivateFileAtomic(usersFile, `${JSON.stringify({ users }, null, 2)}\n`);

  print(banner(credentials, passwordGenerated, join(dataDir, DEMO_CREDENTIALS_FILE)));
  return { seeded: true, credentials, passwordGenerated };
}

async function warnIfPasswordDiffers(directory: LocalUserDirectory, demoPassword: string, warn: (line: string) => void): Promise<void> {
  const first = DEMO_USERS[0];
  const user = first ? await directory.findByLogin(first.login) : null;
  if (user && !(await verifyPassword(user.passwordHash, demoPassword))) {
    warn(
      JSON.stringify({
        level: 'warn',
        msg: 'DEMO_PASSWORD differs from the stored demo password; the stored one is kept (delete users.json to re-seed)',
      }),
    );
  }
}

function banner(credentials: DemoCredentials, passwordGenerated: boolean, file: string): string {
  const rows = credentials.users.map((user) =>
    `    ${user.login.padEnd(10)} ${user.role.padEnd(8)} ${user.branchId ? `branch ${user.branchId}` : ''}`.trimEnd(),
  );
  const password = passwordGenerated ? credentials.password : '(the DEMO_PASSWORD you set)';
  return (
    ['', 'E-contract demo users (shown once; also saved to ' + file + '):', ...rows, `  password for all: ${password}`, ''].join('\n') +
    '\n'
  );
}
