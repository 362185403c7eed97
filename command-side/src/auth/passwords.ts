import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with argon2id and the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's
 * minimum recommendation), encoded as a PHC string so the parameters travel with each hash and can
 * be raised later without breaking stored ones.
 */
export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: Algorithm.Argon2id });

/** False — never an exception — for a malformed stored hash, so a damaged record just fails to log in. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
