import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSecrets, SECRETS_FILE } from './secrets.js';

const strong = (letter: string) => letter.repeat(40);
const allInEnv = {
  JWT_SECRET: strong('j'),
  OTP_SECRET: strong('o'),
  IDENTIFICATION_CALLBACK_SECRET: strong('i'),
  INVITE_TOKEN_SECRET: strong('t'),
  PERSONAL_DATA_MASTER_KEY: strong('p'),
};

describe('auth: secrets', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'auth-secrets-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const storedFile = () => join(dataDir, SECRETS_FILE);

  it('generates every missing secret once in embedded mode, into a 0600 file, and reuses it on the next start', () => {
    const first = loadOrCreateSecrets(dataDir, {}, false);
    const values = Object.values(first);
    expect(values.length).toBe(5);
    for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url
    expect(new Set(values).size).toBe(5);
    expect(statSync(storedFile()).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecrets(dataDir, {}, false)).toEqual(first);
    expect(readdirSync(dataDir)).toEqual([SECRETS_FILE]); // atomic write left no temporary file
  });

  it('takes secrets from env first and never writes those to disk', () => {
    const secrets = loadOrCreateSecrets(dataDir, { JWT_SECRET: allInEnv.JWT_SECRET }, false);
    expect(secrets.jwtSecret).toBe(allInEnv.JWT_SECRET);
    const stored = JSON.parse(readFileSync(storedFile(), 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual([
      'IDENTIFICATION_CALLBACK_SECRET',
      'INVITE_TOKEN_SECRET',
      'OTP_SECRET',
      'PERSONAL_DATA_MASTER_KEY',
    ]);
    expect(stored['OTP_SECRET']).toBe(secrets.otpSecret);
  });

  it('writes no file when env gives them all', () => {
    expect(loadOrCreateSecrets(dataDir, allInEnv, false).identificationCallbackSecret).toBe(allInEnv.IDENTIFICATION_CALLBACK_SECRET);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('keeps the stored secrets and adds only the newly missing one', () => {
    const first = loadOrCreateSecrets(dataDir, { INVITE_TOKEN_SECRET: allInEnv.INVITE_TOKEN_SECRET }, false);
    const second = loadOrCreateSecrets(dataDir, {}, false);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.otpSecret).toBe(first.otpSecret);
    expect(second.inviteTokenSecret).not.toBe(allInEnv.INVITE_TOKEN_SECRET);
    expect(loadOrCreateSecrets(dataDir, {}, false)).toEqual(second);
  });

  it('treats an empty variable as missing', () => {
    expect(loadOrCreateSecrets(dataDir, { JWT_SECRET: '' }, false).jwtSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a missing secret in production, naming the variable, and generates nothing', () => {
    const { OTP_SECRET: _omitted, ...withoutOtp } = allInEnv;
    expect(() => loadOrCreateSecrets(dataDir, withoutOtp, true)).toThrowError(/OTP_SECRET/);
    expect(() => loadOrCreateSecrets(dataDir, {}, true)).toThrowError(
      /JWT_SECRET.*OTP_SECRET.*IDENTIFICATION_CALLBACK_SECRET.*INVITE_TOKEN_SECRET.*PERSONAL_DATA_MASTER_KEY/,
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('uses the given secrets in production', () => {
    expect(loadOrCreateSecrets(dataDir, allInEnv, true)).toEqual({
      jwtSecret: allInEnv.JWT_SECRET,
      otpSecret: allInEnv.OTP_SECRET,
      identificationCallbackSecret: allInEnv.IDENTIFICATION_CALLBACK_SECRET,
      inviteTokenSecret: allInEnv.INVITE_TOKEN_SECRET,
      personalDataMasterKey: allInEnv.PERSONAL_DATA_MASTER_KEY,
    });
  });

  it('refuses a secret shorter than 32 characters, naming the variable', () => {
    expect(() => loadOrCreateSecrets(dataDir, { ...allInEnv, JWT_SECRET: 'short' }, true)).toThrowError(/JWT_SECRET/);
  });

  it('refuses a damaged secrets file instead of silently regenerating', () => {
    writeFileSync(storedFile(), '{not json');
    expect(() => loadOrCreateSecrets(dataDir, {}, false)).toThrowError(/secrets\.json/);
  });
});
