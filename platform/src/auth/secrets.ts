import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomic } from './private-file.js';

/** The server's symmetric secrets. Each one signs or MACs something a client must not forge. */
export interface Secrets {
  /** HS256 key of our own session tokens (employees in embedded mode, signers always). */
  jwtSecret: string;
  /** HMAC key of the one-time signature codes (only the HMAC of a code is ever stored). */
  otpSecret: string;
  /** Shared secret of the `X-Signature` on identification callbacks. */
  identificationCallbackSecret: string;
  /**
   * For the composition's invitation handling. `invite-token.ts` itself needs no key: its tokens
   * carry 256 random bits and only their SHA-256 is stored.
   */
  inviteTokenSecret: string;
  /**
   * Wraps every person's key in the person-key store, and keys the lookup of a person by INN
   * (API.md, "Operations": erasure). Losing it makes every sealed personal field unreadable.
   */
  personalDataMasterKey: string;
}

/** Where each secret comes from; the generated file uses the same names so an operator can move them to env. */
export const SECRET_VARIABLES = {
  jwtSecret: 'JWT_SECRET',
  otpSecret: 'OTP_SECRET',
  identificationCallbackSecret: 'IDENTIFICATION_CALLBACK_SECRET',
  inviteTokenSecret: 'INVITE_TOKEN_SECRET',
  personalDataMasterKey: 'PERSONAL_DATA_MASTER_KEY',
} as const satisfies Record<keyof Secrets, string>;

/**
 * 32 characters is the floor for a given secret: an HS256 key or an HMAC key shorter than that can be
 * brute-forced offline from a single token or code hash. Generated ones are 43 characters (32 bytes).
 */
export const MIN_SECRET_LENGTH = 32;

export const SECRETS_FILE = 'secrets.json';

type SecretName = keyof Secrets;
const SECRET_NAMES = Object.keys(SECRET_VARIABLES) as SecretName[];

/**
 * Secrets from the environment; in embedded (non-production) mode the missing ones are generated once
 * into `<dataDir>/secrets.json` and reused, so tokens and code hashes survive a restart. Production
 * never generates: a secret that exists on one replica only would break every other replica, so a
 * missing variable stops the start with its name.
 */
export function loadOrCreateSecrets(dataDir: string, env: NodeJS.ProcessEnv, production: boolean): Secrets {
  const fromEnv: Partial<Secrets> = {};
  for (const name of SECRET_NAMES) {
    const variable = SECRET_VARIABLES[name];
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (value.length < MIN_SECRET_LENGTH) throw new Error(`${variable} must be at least ${MIN_SECRET_LENGTH} characters long`);
    fromEnv[name] = value;
  }
  const missing = SECRET_NAMES.filter((name) => fromEnv[name] === undefined);
  if (missing.length === 0) return fromEnv as Secrets;
  if (production) {
    const variables = missing.map((name) => SECRET_VARIABLES[name]).join(', ');
    throw new Error(`Missing secret(s) in production mode: set ${variables} (at least ${MIN_SECRET_LENGTH} characters each)`);
  }

  const file = join(dataDir, SECRETS_FILE);
  const stored = readStoredSecrets(file);
  let generated = false;
  for (const name of missing) {
    const variable = SECRET_VARIABLES[name];
    if (stored[variable] === undefined) {
      stored[variable] = randomBytes(32).toString('base64url');
      generated = true;
    }
  }
  // Only generated secrets are written: a secret given in env stays out of the data directory.
  // (Two processes starting on an empty data dir at the same instant could each generate; embedded
  // mode runs one process, so last-rename-wins is acceptable here.)
  if (generated) writePrivateFileAtomic(file, `${JSON.stringify(stored, null, 2)}\n`);

  const secrets = { ...fromEnv };
  for (const name of missing) secrets[name] = stored[SECRET_VARIABLES[name]];
  return secrets as Secrets;
}

/** Reads the generated secrets; a damaged file is an error, since silently regenerating would void every session and code. */
function readStoredSecrets(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; repair or delete it (deleting signs everybody out)`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file} must hold a JSON object`);
  const stored: Record<string, string> = {};
  for (const [variable, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) throw new Error(`${file}: ${variable} is not a usable secret`);
    stored[variable] = value;
  }
  return stored;
}
