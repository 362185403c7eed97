import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { WEBHOOK_RULES } from '@e-contract/contracts';
import type { Secrets } from './secrets.js';

/**
 * A webhook's signing secret (API.md, "Webhooks"): `whsec_` + base64 of 32 random bytes, shown to
 * its creator once. The log keeps it sealed (`WebhookCreated.secretSealed`): AES-256-GCM under a key
 * derived with HKDF-SHA256 from `INVITE_TOKEN_SECRET` — a secret every process of the system already
 * has, so whichever process delivers can open it, and one that is never rotated lightly (rotating it
 * voids every open invitation link; it voids every webhook's secret too, see docs/operations.md).
 * Nobody who reads only the log can open it.
 */

export const newWebhookSecret = (): string => `${WEBHOOK_RULES.secretPrefix}${randomBytes(WEBHOOK_RULES.secretBytes).toString('base64')}`;

/** The key a webhook secret is signed with: the base64-decoded part after `whsec_`. */
export function webhookSigningKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_RULES.secretPrefix) ? secret.slice(WEBHOOK_RULES.secretPrefix.length) : secret;
  return Buffer.from(encoded, 'base64');
}

const SEAL_VERSION = 'v1';
const SEAL_INFO = 'e-contract webhook secret seal v1';

/** The sealing key of the system (32 bytes). */
export function webhookSealKey(secrets: Pick<Secrets, 'inviteTokenSecret'>): Buffer {
  return Buffer.from(hkdfSync('sha256', secrets.inviteTokenSecret, 'e-contract', SEAL_INFO, 32));
}

/** `v1.<base64url(iv)>.<base64url(ciphertext)>.<base64url(tag)>`, bound to the webhook's id. */
export function sealWebhookSecret(secret: string, key: Buffer, webhookId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(webhookId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export class WebhookSecretUnreadable extends Error {
  override readonly name = 'WebhookSecretUnreadable';
  constructor(readonly webhookId: string) {
    super(`the secret of webhook ${webhookId} cannot be opened (another INVITE_TOKEN_SECRET?)`);
  }
}

/** Opens what `sealWebhookSecret` sealed; throws `WebhookSecretUnreadable` for another key, webhook or a damaged seal. */
export function openWebhookSecret(sealed: string, key: Buffer, webhookId: string): string {
  const [version, iv, ciphertext, tag, ...rest] = sealed.split('.');
  if (version !== SEAL_VERSION || !iv || ciphertext === undefined || !tag || rest.length > 0) throw new WebhookSecretUnreadable(webhookId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(webhookId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new WebhookSecretUnreadable(webhookId);
  }
}
