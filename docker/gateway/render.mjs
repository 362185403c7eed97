#!/usr/bin/env node
/**
 * Renders the gateway's nginx.conf template (beside this file) into a config nginx runs.
 *
 *   node docker/gateway/render.mjs --out <file> [--template <file>] [NAME=value ...]
 *
 * Each input comes from the environment or from a NAME=value argument (an argument wins). The same
 * template renders for docker/compose.yaml and for a local test whose services listen on loopback
 * ports chosen at run time:
 *
 *   COMMAND_UPSTREAM  required  the command side's replicas, `host:port` separated by commas
 *   QUERY_UPSTREAM    required  the query side's replicas, likewise (requests are balanced over them)
 *   WEB_ROOT          required  the Angular build's folder (web-angular/dist/web-angular/browser)
 *   LISTEN            8080      the plain HTTP listener: a port, or address:port (127.0.0.1:0 is not
 *                               allowed: nginx needs a real port)
 *   RUN_DIR           the --out file's folder   pid file and temporary files (created if missing)
 *   SANDBOX           off       `on` passes /sandbox/* and /api/dev/* to the command side (embedded,
 *                               non-production mode only); `off` answers 404
 *   ACCESS_LOG        /dev/stdout   a file for the JSON access log, or `off` (an unprivileged nginx
 *                               outside a container may not open /dev/stdout: give a file)
 *   ERROR_LOG         stderr    nginx's error log
 *   WORKER_PROCESSES  auto
 *   WORKER_USER       —         the workers' user when nginx starts as root; unset, a root start
 *                               keeps the workers as root (a local test whose files only root reads)
 *   LOGIN_RATE        300r/m    per-address flood guard on POST /api/auth/login, and its burst:
 *   LOGIN_BURST       30
 *   CODE_RATE         120r/m    per-address flood guard on asking for and entering a signature code
 *   CODE_BURST        20
 *   LINK_RATE         30r/m     per-address flood guard on POST /api/signer/link-requests (no session
 *   LINK_BURST        10        needed, 202 whatever the token: a guard against guessing at scale)
 *   REAL_IP_FROM      —         addresses/CIDRs of a load balancer in front that may name the client
 *                               in X-Forwarded-For (comma-separated); unset, the peer is the client
 *   TLS_LISTEN, TLS_CERT, TLS_KEY   all three or none: a TLS listener (HTTP/2, HSTS) with that
 *                               certificate and key (PEM files)
 *
 * Exits 2 naming every missing or malformed input. As a module it exports `renderGatewayConfig`.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const TEMPLATE_FILE = fileURLToPath(new URL('./nginx.conf', import.meta.url));

const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/;
const LISTEN = /^(?:(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):)?\d{1,5}$/;
const RATE = /^(\d+)r\/([sm])$/;
const CIDR = /^[0-9A-Fa-f:.]+(?:\/\d{1,3})?$/;
const SAFE_PATH = /^[^\s;{}'"$#\\]+$/;

/**
 * The rendered config for `inputs` (the variables above). `dirOfOut` resolves RUN_DIR's default.
 * Throws a RenderError listing every problem.
 */
export function renderGatewayConfig(inputs, { template = readFileSync(TEMPLATE_FILE, 'utf8'), dirOfOut = process.cwd() } = {}) {
  const problems = [];
  const get = (name, fallback) => {
    const value = inputs[name];
    return value === undefined || value.trim() === '' ? fallback : value.trim();
  };
  const required = (name) => {
    const value = get(name, undefined);
    if (value === undefined) problems.push(`${name} is required`);
    return value ?? '';
  };
  const upstream = (name) => {
    const servers = required(name)
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    const bad = servers.filter((entry) => !HOST_PORT.test(entry));
    if (bad.length > 0) problems.push(`${name} must list host:port entries separated by commas, got "${bad.join('", "')}"`);
    return servers.map((server) => `server ${server} max_fails=1 fail_timeout=10s;`).join('\n        ');
  };
  const filePath = (name, value) => {
    if (!SAFE_PATH.test(value)) problems.push(`${name} must be a plain path (no spaces, quotes, ; { } $ #), got "${value}"`);
    return path.resolve(value);
  };
  const rate = (name, fallback) => {
    const value = get(name, fallback);
    const match = RATE.exec(value);
    if (!match || Number(match[1]) < 1) {
      problems.push(`${name} must be a rate such as 300r/m or 5r/s, got "${value}"`);
      return { text: fallback, seconds: 1 };
    }
    return { text: value, seconds: Math.max(1, Math.ceil((match[2] === 'm' ? 60 : 1) / Number(match[1]))) };
  };
  const count = (name, fallback) => {
    const value = get(name, fallback);
    if (!/^\d{1,6}$/.test(value)) problems.push(`${name} must be a whole number, got "${value}"`);
    return value;
  };

  const commandServers = upstream('COMMAND_UPSTREAM');
  const queryServers = upstream('QUERY_UPSTREAM');
  const webRootInput = required('WEB_ROOT');
  const webRoot = webRootInput === '' ? '' : filePath('WEB_ROOT', webRootInput);

  const listen = get('LISTEN', '8080');
  if (!LISTEN.test(listen) || /(^|:)0$/.test(listen)) problems.push(`LISTEN must be a port or address:port (not port 0), got "${listen}"`);

  const runDir = filePath('RUN_DIR', get('RUN_DIR', dirOfOut));

  const sandbox = get('SANDBOX', 'off');
  if (sandbox !== 'on' && sandbox !== 'off') problems.push(`SANDBOX must be on or off, got "${sandbox}"`);

  const accessLogInput = get('ACCESS_LOG', '/dev/stdout');
  const accessLog = accessLogInput === 'off' ? 'access_log off;' : `access_log ${filePath('ACCESS_LOG', accessLogInput)} gateway;`;
  const errorLogInput = get('ERROR_LOG', 'stderr');
  const errorLog = errorLogInput === 'stderr' ? 'stderr' : filePath('ERROR_LOG', errorLogInput);

  const workerProcesses = get('WORKER_PROCESSES', 'auto');
  if (!/^(auto|\d{1,3})$/.test(workerProcesses)) problems.push(`WORKER_PROCESSES must be auto or a number, got "${workerProcesses}"`);

  const workerUserInput = get('WORKER_USER', undefined);
  if (workerUserInput !== undefined && !/^[a-z_][a-z0-9_-]*( [a-z_][a-z0-9_-]*)?$/.test(workerUserInput))
    problems.push(`WORKER_USER must be a user name (and optionally a group), got "${workerUserInput}"`);
  const startsAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const workerUser = !startsAsRoot
    ? '# nginx starts unprivileged: its workers run as the same user.'
    : `user ${workerUserInput ?? 'root'};${workerUserInput ? '' : ' # rendered by root without WORKER_USER (a local test); set WORKER_USER on a real host'}`;

  const loginRate = rate('LOGIN_RATE', '300r/m');
  const codeRate = rate('CODE_RATE', '120r/m');
  const loginBurst = count('LOGIN_BURST', '30');
  const codeBurst = count('CODE_BURST', '20');
  const linkRate = rate('LINK_RATE', '30r/m');
  const linkBurst = count('LINK_BURST', '10');

  const realIpFrom = get('REAL_IP_FROM', '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const badRealIp = realIpFrom.filter((entry) => !CIDR.test(entry));
  if (badRealIp.length > 0) problems.push(`REAL_IP_FROM must list addresses or CIDR ranges, got "${badRealIp.join('", "')}"`);
  const realIp =
    realIpFrom.length === 0
      ? '# REAL_IP_FROM unset: the connecting peer is the client.'
      : [...realIpFrom.map((entry) => `set_real_ip_from ${entry};`), 'real_ip_header X-Forwarded-For;', 'real_ip_recursive on;'].join(
          '\n    ',
        );

  const tlsInputs = ['TLS_LISTEN', 'TLS_CERT', 'TLS_KEY'].map((name) => get(name, undefined));
  let tls = '# TLS_LISTEN unset: plain HTTP only (TLS ends in front of the gateway, or nowhere in a test).';
  if (tlsInputs.some((value) => value !== undefined)) {
    const [tlsListen, tlsCert, tlsKey] = tlsInputs;
    if (tlsInputs.some((value) => value === undefined))
      problems.push('TLS_LISTEN, TLS_CERT and TLS_KEY go together: set all three or none');
    else {
      if (!LISTEN.test(tlsListen)) problems.push(`TLS_LISTEN must be a port or address:port, got "${tlsListen}"`);
      tls = [
        `listen ${tlsListen} ssl http2;`,
        `ssl_certificate ${filePath('TLS_CERT', tlsCert)};`,
        `ssl_certificate_key ${filePath('TLS_KEY', tlsKey)};`,
        'ssl_protocols TLSv1.2 TLSv1.3;',
        'ssl_session_cache shared:tls:10m;',
        'ssl_session_timeout 1d;',
      ].join('\n        ');
    }
  }

  if (problems.length > 0) throw new RenderError(problems);

  const values = {
    WORKER_PROCESSES: workerProcesses,
    WORKER_USER: workerUser,
    RUN_DIR: runDir,
    ERROR_LOG: errorLog,
    REAL_IP: realIp,
    ACCESS_LOG: accessLog,
    LOGIN_RATE: loginRate.text,
    CODE_RATE: codeRate.text,
    LOGIN_BURST: loginBurst,
    CODE_BURST: codeBurst,
    LINK_RATE: linkRate.text,
    LINK_BURST: linkBurst,
    RATE_LIMIT_RETRY_AFTER: String(Math.max(loginRate.seconds, codeRate.seconds, linkRate.seconds)),
    COMMAND_SERVERS: commandServers,
    QUERY_SERVERS: queryServers,
    SANDBOX: sandbox,
    LISTEN: listen,
    TLS: tls,
    WEB_ROOT: webRoot,
  };
  const unknown = new Set();
  const config = template.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (placeholder, name) => {
    if (!(name in values)) unknown.add(name);
    return values[name] ?? placeholder;
  });
  if (unknown.size > 0) throw new RenderError([`the template names placeholders this script does not know: ${[...unknown].join(', ')}`]);
  return { config, runDir };
}

export class RenderError extends Error {
  constructor(problems) {
    super(`cannot render the gateway config:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RenderError';
    this.problems = problems;
  }
}

/** Renders into `out` and prepares RUN_DIR (readable by workers that run as another user). */
export function renderGatewayConfigFile(out, inputs, options = {}) {
  const outFile = path.resolve(out);
  const { config, runDir } = renderGatewayConfig(inputs, { ...options, dirOfOut: path.dirname(outFile) });
  mkdirSync(runDir, { recursive: true });
  chmodSync(runDir, 0o755);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, config);
  return outFile;
}

function main(argv) {
  const inputs = { ...process.env };
  let out;
  let templateFile = TEMPLATE_FILE;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') out = argv[++i];
    else if (arg === '--template') templateFile = argv[++i];
    else if (/^[A-Z][A-Z0-9_]*=/.test(arg)) {
      const at = arg.indexOf('=');
      inputs[arg.slice(0, at)] = arg.slice(at + 1);
    } else {
      process.stderr.write(`unknown argument "${arg}"\nusage: node render.mjs --out <file> [--template <file>] [NAME=value ...]\n`);
      return 2;
    }
  }
  if (!out) {
    process.stderr.write('usage: node render.mjs --out <file> [--template <file>] [NAME=value ...]\n');
    return 2;
  }
  try {
    const written = renderGatewayConfigFile(out, inputs, { template: readFileSync(templateFile, 'utf8') });
    process.stdout.write(`${written}\n`);
    return 0;
  } catch (error) {
    if (error instanceof RenderError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  process.exitCode = main(process.argv.slice(2));
