import path from 'node:path';
import { parseAddressList } from './address-ranges.js';

/** Every environment variable the command side reads, validated once at start (API.md, "Running and configuration"). */
export interface Config {
  production: boolean;
  port: number;
  host: string;
  publicUrl: string;
  /** `ORGANIZATION_NAME`: the organisation named in invitations, reminders and certificates. */
  organizationName: string;
  dataDir: string;
  eventStoreUrl: string | null;
  mongodbUrl: string | null;
  demoPassword: string | null;
  /** Express `trust proxy`: how many proxies (or which) may set X-Forwarded-For. */
  trustProxy: boolean | number | string;
  logLevel: string;
  oidcIssuer: string | null;
  oidcAudience: string | null;
  identificationUrl: string | null;
  dadataApiKey: string | null;
  smsGatewayUrl: string | null;
  smsGatewayKey: string | null;
  smtpUrl: string | null;
  mailFrom: string | null;
  /** `METRICS_TOKEN`: `Authorization: Bearer <it>` may read `/metrics` from any address; `null`: no token. */
  metricsToken: string | null;
  /** `METRICS_ALLOW`: addresses and CIDR ranges that may read `/metrics` without the token (loopback always may). */
  metricsAllow: string[];
  /**
   * `BRANCHES`: the branch catalogue, a JSON array `[{"branchId": "msk", "name": "Москва"}, …]`
   * (`GET /api/branches`, the deals' `branchName`); `null` when unset — the embedded default then
   * reads `<DATA_DIR>/branches.json`.
   */
  branches: { branchId: string; name: string }[] | null;
  /**
   * `PERSONAL_DATA_RETENTION_DAYS` (default 1825): how long after a person's last process ended their
   * personal data must be kept before it may be erased; `0`: as soon as their processes have ended.
   */
  personalDataRetentionDays: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * The organisation named in messages when `ORGANIZATION_NAME` is unset: a demo name of at most 20
 * characters, so that the invitation SMS keeps to two segments (API.md).
 */
export const DEMO_ORGANIZATION_NAME = 'ООО «Демо-Контракт»';

/** RFC 6750's b64token, long enough not to be guessed. */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]{16,}=*$/;

const nonEmpty = (value: string | undefined): string | null => (value !== undefined && value.trim() !== '' ? value.trim() : null);

function parseTrustProxy(value: string | null): boolean | number | string {
  if (value === null || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value; // 'loopback', a subnet list …, as Express accepts it
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const production = env['NODE_ENV'] === 'production';
  const portText = nonEmpty(env['PORT']) ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${portText}"`);
  const host = nonEmpty(env['HOST']) ?? '127.0.0.1';
  const publicUrl = (nonEmpty(env['PUBLIC_URL']) ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(publicUrl))
    problems.push(`PUBLIC_URL must be an origin such as https://sign.example.ru, got "${publicUrl}"`);
  const eventStoreUrl = nonEmpty(env['EVENTSTORE_URL']);
  if (eventStoreUrl && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\//.test(eventStoreUrl)) {
    problems.push('EVENTSTORE_URL must be an esdb:// connection string');
  }
  const mongodbUrl = nonEmpty(env['MONGODB_URL']);
  if (mongodbUrl && !/^mongodb(\+srv)?:\/\//.test(mongodbUrl)) problems.push('MONGODB_URL must be a mongodb:// connection string');
  const metricsToken = nonEmpty(env['METRICS_TOKEN']);
  // The token itself is never echoed: it is a secret.
  if (metricsToken !== null && !BEARER_TOKEN.test(metricsToken))
    problems.push('METRICS_TOKEN must be at least 16 characters of A-Z a-z 0-9 - . _ ~ + / (a bearer token)');
  const metricsAllow = parseAddressList(env['METRICS_ALLOW'] ?? '');
  if (metricsAllow.invalid.length > 0)
    problems.push(`METRICS_ALLOW must list addresses or CIDR ranges separated by commas, got "${metricsAllow.invalid.join('", "')}"`);

  const branches = parseBranches(env['BRANCHES'], problems);
  const retentionText = nonEmpty(env['PERSONAL_DATA_RETENTION_DAYS']) ?? '1825';
  const personalDataRetentionDays = Number(retentionText);
  if (!/^\d+$/.test(retentionText) || personalDataRetentionDays > 36_500)
    problems.push(`PERSONAL_DATA_RETENTION_DAYS must be a whole number of days from 0 to 36500, got "${retentionText}"`);

  const config: Config = {
    production,
    port,
    host,
    publicUrl,
    organizationName: nonEmpty(env['ORGANIZATION_NAME']) ?? DEMO_ORGANIZATION_NAME,
    dataDir: path.resolve(nonEmpty(env['DATA_DIR']) ?? './data'),
    eventStoreUrl,
    mongodbUrl,
    demoPassword: nonEmpty(env['DEMO_PASSWORD']),
    trustProxy: parseTrustProxy(nonEmpty(env['TRUST_PROXY'])),
    logLevel: nonEmpty(env['LOG_LEVEL']) ?? 'info',
    oidcIssuer: nonEmpty(env['OIDC_ISSUER']),
    oidcAudience: nonEmpty(env['OIDC_AUDIENCE']),
    identificationUrl: nonEmpty(env['IDENTIFICATION_URL']),
    dadataApiKey: nonEmpty(env['DADATA_API_KEY']),
    smsGatewayUrl: nonEmpty(env['SMS_GATEWAY_URL']),
    smsGatewayKey: nonEmpty(env['SMS_GATEWAY_KEY']),
    smtpUrl: nonEmpty(env['SMTP_URL']),
    mailFrom: nonEmpty(env['MAIL_FROM']),
    metricsToken,
    metricsAllow: metricsAllow.ranges.map((range) => `${range.address}/${range.prefix}`),
    branches,
    personalDataRetentionDays,
  };
  if (production) {
    const required: [keyof Config, string][] = [
      ['eventStoreUrl', 'EVENTSTORE_URL'],
      ['oidcIssuer', 'OIDC_ISSUER'],
      ['identificationUrl', 'IDENTIFICATION_URL'],
      ['dadataApiKey', 'DADATA_API_KEY'],
      ['smsGatewayUrl', 'SMS_GATEWAY_URL'],
      ['smsGatewayKey', 'SMS_GATEWAY_KEY'],
      ['smtpUrl', 'SMTP_URL'],
      ['mailFrom', 'MAIL_FROM'],
    ];
    for (const [key, name] of required) if (!config[key]) problems.push(`${name} is required when NODE_ENV=production`);
    if (config.demoPassword) problems.push('DEMO_PASSWORD is for the embedded mode only: there are no seeded users in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** `BRANCHES` as a list of `{branchId, name}`, each a non-empty string and each id once; a problem named otherwise. */
function parseBranches(value: string | undefined, problems: string[]): Config['branches'] {
  const text = nonEmpty(value);
  if (text === null) return null;
  const wrong = () => {
    problems.push('BRANCHES must be a JSON array such as [{"branchId":"msk","name":"Москва"}], each id once');
    return null;
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return wrong();
  }
  if (!Array.isArray(parsed)) return wrong();
  const branches: { branchId: string; name: string }[] = [];
  for (const entry of parsed as unknown[]) {
    if (entry === null || typeof entry !== 'object') return wrong();
    const { branchId, name } = entry as Record<string, unknown>;
    if (typeof branchId !== 'string' || typeof name !== 'string' || branchId.trim() === '' || name.trim() === '') return wrong();
    if (branches.some((known) => known.branchId === branchId.trim())) return wrong();
    branches.push({ branchId: branchId.trim(), name: name.trim() });
  }
  return branches;
}
