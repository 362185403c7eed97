import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CREDENTIALS_FILE, LocalUserDirectory, seedDemoUsers, USERS_FILE, type DemoCredentials } from './local-user-directory.js';
import { verifyPassword } from './passwords.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('auth: LocalUserDirectory and demo seed', () => {
  let dataDir: string;
  let printed: string[];
  let warnings: string[];
  const capture = () => ({ print: (text: string) => printed.push(text), warn: (line: string) => warnings.push(line) });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'auth-users-'));
    printed = [];
    warnings = [];
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds the four demo users with a random password, printed once and saved to demo-credentials.json (0600)', async () => {
    const result = await seedDemoUsers(dataDir, undefined, capture());
    if (!result.seeded) throw new Error('expected a seed');
    const { password } = result.credentials;
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(printed.length).toBe(1);
    expect(printed[0]).toContain(password);
    for (const login of ['manager', 'manager2', 'auditor', 'admin']) expect(printed[0]).toContain(login);

    const file = join(dataDir, DEMO_CREDENTIALS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials).toEqual({
      password,
      users: [
        { login: 'manager', role: 'manager', branchId: 'msk' },
        { login: 'manager2', role: 'manager', branchId: 'spb' },
        { login: 'auditor', role: 'auditor', branchId: null },
        { login: 'admin', role: 'admin', branchId: null },
      ],
    });
    expect(statSync(join(dataDir, USERS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('stores argon2id hashes with their own salts and UUID ids, readable by the directory', async () => {
    const result = await seedDemoUsers(dataDir, undefined, capture());
    if (!result.seeded) throw new Error('expected a seed');
    const directory = new LocalUserDirectory(dataDir);
    const manager = await directory.findByLogin('manager');
    const manager2 = await directory.findByLogin('manager2');
    const admin = await directory.findByLogin('admin');
    expect(manager?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(manager?.passwordHash).not.toBe(manager2?.passwordHash);
    expect(manager?.id).toMatch(UUID);
    expect(manager).toEqual(jasmine.objectContaining({ role: 'manager', branchId: 'msk', name: 'Мария Соколова' }));
    expect(manager2?.branchId).toBe('spb');
    expect(admin?.branchId).toBeUndefined();
    expect(await verifyPassword(manager?.passwordHash ?? '', result.credentials.password)).toBeTrue();
    expect(readFileSync(join(dataDir, USERS_FILE), 'utf8')).not.toContain(result.credentials.password);
  });

  it('does not re-seed on the next start: same ids, same hashes, nothing printed', async () => {
    await seedDemoUsers(dataDir, undefined, capture());
    const before = readFileSync(join(dataDir, USERS_FILE), 'utf8');
    printed = [];
    expect(await seedDemoUsers(dataDir, undefined, capture())).toEqual({ seeded: false });
    expect(readFileSync(join(dataDir, USERS_FILE), 'utf8')).toBe(before);
    expect(printed).toEqual([]);
  });

  it('uses DEMO_PASSWORD when given, without printing it', async () => {
    const result = await seedDemoUsers(dataDir, 'demo-password-1', capture());
    expect(result.seeded && result.credentials.password).toBe('demo-password-1');
    expect(printed.join('')).not.toContain('demo-password-1');
    const auditor = await new LocalUserDirectory(dataDir).findByLogin('auditor');
    expect(await verifyPassword(auditor?.passwordHash ?? '', 'demo-password-1')).toBeTrue();
  });

  it('keeps the stored hashes when DEMO_PASSWORD changes later, and warns without the password', async () => {
    await seedDemoUsers(dataDir, 'first-password', capture());
    expect(await seedDemoUsers(dataDir, 'first-password', capture())).toEqual({ seeded: false });
    expect(warnings).toEqual([]);
    expect(await seedDemoUsers(dataDir, 'second-password', capture())).toEqual({ seeded: false });
    expect(warnings.length).toBe(1);
    expect(warnings[0]).not.toContain('second-password');
    const manager = await new LocalUserDirectory(dataDir).findByLogin('manager');
    expect(await verifyPassword(manager?.passwordHash ?? '', 'first-password')).toBeTrue();
  });

  it('finds users by login case-insensitively and by id', async () => {
    await seedDemoUsers(dataDir, 'pw-pw-pw-pw', capture());
    const directory = new LocalUserDirectory(dataDir);
    const manager = await directory.findByLogin(' Manager ');
    expect(manager?.login).toBe('manager');
    expect(await directory.findById(manager?.id ?? '')).toEqual(manager);
    expect(await directory.findByLogin('nobody')).toBeNull();
    expect(await directory.findById('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('has no users without a users file, and refuses a damaged one', async () => {
    expect(await new LocalUserDirectory(dataDir).findByLogin('manager')).toBeNull();
    writeFileSync(join(dataDir, USERS_FILE), JSON.stringify({ users: [{ login: 'x' }] }));
    await expectAsync(new LocalUserDirectory(dataDir).findByLogin('x')).toBeRejectedWithError(/users\[0\]/);
  });
});
