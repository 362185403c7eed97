/**
 * docker/compose.yaml held by Debian's docker-compose 1.29 (`config` needs no engine), and the
 * topology it promises: the clusters, the replicas, exactly one background, secrets only from files,
 * and a gateway and a Prometheus that know every replica.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { dockerPath, repoPath, runTool, temporaryDir } from './support/tools.mjs';

const COMPOSE_FILE = dockerPath('compose.yaml');

/** The resolved configuration, as docker-compose 1.29 reads it (defaults, anchors and merges applied). */
function resolvedCompose() {
  const result = runTool('docker-compose', ['-f', COMPOSE_FILE, 'config'], { cwd: repoPath() });
  expect(result.status).withContext(result.output).toBe(0);
  return parse(result.stdout);
}

const servicesNamed = (compose, prefix) => Object.keys(compose.services).filter((name) => new RegExp(`^${prefix}-\\d+$`).test(name));

describe('docker/compose.yaml', () => {
  let compose;
  beforeAll(() => {
    compose = resolvedCompose();
  });

  it('`docker-compose -f docker/compose.yaml config -q` passes', () => {
    const result = runTool('docker-compose', ['-f', COMPOSE_FILE, 'config', '-q'], { cwd: repoPath() });
    expect(result.status).withContext(result.output).toBe(0);
    expect(result.stderr).withContext('no variable may be left unset without a default').not.toContain('variable is not set');
  });

  it('runs a three-node EventStoreDB cluster over TLS, each node seeded with the other two', () => {
    const nodes = ['esdb1', 'esdb2', 'esdb3'];
    for (const node of nodes) {
      const environment = compose.services[node].environment;
      expect(environment.EVENTSTORE_CLUSTER_SIZE).toBe('3');
      expect(environment.EVENTSTORE_DISCOVER_VIA_DNS).toBe('false');
      expect(environment.EVENTSTORE_INSECURE).toBeUndefined();
      expect(environment.EVENTSTORE_GOSSIP_SEED.split(',').sort()).toEqual(
        nodes
          .filter((other) => other !== node)
          .map((other) => `${other}:2113`)
          .sort(),
      );
      expect(environment.EVENTSTORE_CERTIFICATE_FILE).toBe(`/certs/${node}/node.crt`);
      expect(compose.services[node].depends_on['esdb-certs'].condition).toBe('service_completed_successfully');
    }
  });

  it('runs a three-member MongoDB replica set that an init job initiates before the services start', () => {
    for (const member of ['mongo1', 'mongo2', 'mongo3']) {
      expect(compose.services[member].entrypoint.join(' ')).toContain('--replSet rs0');
      expect(compose.services[member].entrypoint.join(' ')).toContain('--keyFile');
    }
    const init = compose.services['mongo-init'];
    expect(init.command.join(' ')).toContain('/init/init-replica-set.js');
    const script = readFileSync(dockerPath('mongo', 'init-replica-set.js'), 'utf8');
    for (const member of ['mongo1:27017', 'mongo2:27017', 'mongo3:27017']) expect(script).toContain(member);
    expect(compose.services['command-side-1'].depends_on['mongo-init'].condition).toBe('service_completed_successfully');
  });

  it('runs two command sides, two query sides and exactly one background that restarts', () => {
    expect(servicesNamed(compose, 'command-side').length).toBe(2);
    expect(servicesNamed(compose, 'query-side').length).toBe(2);
    for (const name of servicesNamed(compose, 'command-side')) expect(compose.services[name].command).toEqual(['command-side']);
    for (const name of servicesNamed(compose, 'query-side')) expect(compose.services[name].command).toEqual(['query-side']);
    const backgrounds = Object.entries(compose.services).filter(([, service]) => (service.command ?? []).includes('background'));
    expect(backgrounds.map(([name]) => name)).toEqual(['background']);
    const background = compose.services.background;
    // A fixed container name makes `docker-compose up --scale background=2` fail.
    expect(background.container_name).toBeTruthy();
    expect(background.restart).toBe('always');
    expect(background.deploy?.replicas ?? 1).toBe(1);
    expect(background.scale ?? 1).toBe(1);
  });

  it('gives the services their connection strings and secrets as files only, naming every node', () => {
    const secretFiles = compose.secrets;
    for (const name of ['command-side-1', 'command-side-2', 'query-side-1', 'query-side-2', 'background']) {
      const service = compose.services[name];
      const mounted = service.secrets.map((secret) => secret.source);
      for (const [variable, value] of Object.entries(service.environment)) {
        if (!variable.endsWith('_FILE')) continue;
        const secret = /^\/run\/secrets\/([a-z_]+)$/.exec(value)?.[1];
        expect(secret).withContext(`${name}: ${variable}`).toBeTruthy();
        expect(mounted).withContext(`${name}: ${variable}`).toContain(secret);
        expect(secretFiles[secret].file).withContext(secret).toContain(`${path.sep}docker${path.sep}secrets${path.sep}`);
      }
      for (const variable of [
        'EVENTSTORE_URL',
        'MONGODB_URL',
        'JWT_SECRET',
        'OTP_SECRET',
        'IDENTIFICATION_CALLBACK_SECRET',
        'INVITE_TOKEN_SECRET',
        'PERSONAL_DATA_MASTER_KEY',
        'METRICS_TOKEN',
      ]) {
        expect(service.environment[variable]).withContext(`${name}: ${variable} must come from a file`).toBeUndefined();
        expect(service.environment[`${variable}_FILE`]).withContext(`${name}: ${variable}_FILE`).toBeDefined();
      }
      expect(service.environment.TRUST_PROXY).toBe('1');
      expect(service.environment.HOST).toBe('0.0.0.0');
    }
    // The connection strings the secrets script writes list all three nodes / members.
    const script = readFileSync(dockerPath('make-secrets.sh'), 'utf8');
    expect(script).toContain('esdb://admin:');
    expect(script).toMatch(/@esdb1:2113,esdb2:2113,esdb3:2113\?tls=true/);
    expect(script).toMatch(/@mongo1:27017,mongo2:27017,mongo3:27017\/econtract\?replicaSet=rs0/);
  });

  it('writes no secret into the compose file and commits none', () => {
    const text = readFileSync(COMPOSE_FILE, 'utf8');
    expect(text).not.toMatch(/(PASSWORD|SECRET|TOKEN|_KEY)\s*:\s*['"]?[A-Za-z0-9+/=_-]{8,}/);
    const ignored = readFileSync(dockerPath('.gitignore'), 'utf8');
    for (const entry of ['.env', 'secrets/', 'certs/']) expect(ignored.split('\n')).toContain(entry);
    const dockerignore = readFileSync(repoPath('.dockerignore'), 'utf8');
    for (const entry of ['docker/.env', 'docker/secrets', '**/node_modules']) expect(dockerignore.split('\n')).toContain(entry);
  });

  it('makes every secret the compose file names with docker/make-secrets.sh, fit for the services', () => {
    const { dir, cleanUp } = temporaryDir('secrets-');
    try {
      const secretsDir = path.join(dir, 'secrets');
      const made = runTool('sh', [dockerPath('make-secrets.sh'), secretsDir]);
      expect(made.status).withContext(made.output).toBe(0);
      const files = readdirSync(secretsDir).sort();
      expect(files).toEqual(Object.keys(compose.secrets).sort());
      const read = (name) => readFileSync(path.join(secretsDir, name), 'utf8').trim();
      for (const name of ['jwt_secret', 'otp_secret', 'identification_callback_secret', 'invite_token_secret', 'metrics_token'])
        expect(read(name).length).withContext(name).toBeGreaterThanOrEqual(32);
      expect(read('eventstore_url')).toMatch(
        /^esdb:\/\/admin:[0-9a-f]+@esdb1:2113,esdb2:2113,esdb3:2113\?tls=true&tlsCAFile=\/certs\/eventstore\/ca\.crt/,
      );
      expect(read('eventstore_url')).toContain(read('esdb_admin_password'));
      expect(read('mongodb_url')).toMatch(
        /^mongodb:\/\/econtract:[0-9a-f]+@mongo1:27017,mongo2:27017,mongo3:27017\/econtract\?replicaSet=rs0/,
      );
      expect(read('mongodb_url')).toContain(read('mongo_app_password'));
      // Run again: nothing is overwritten.
      const before = read('jwt_secret');
      expect(runTool('sh', [dockerPath('make-secrets.sh'), secretsDir]).status).toBe(0);
      expect(read('jwt_secret')).toBe(before);
    } finally {
      cleanUp();
    }
  });

  it('has the gateway and Prometheus know every replica', () => {
    const gateway = compose.services.gateway.environment;
    const replicas = (prefix) => servicesNamed(compose, prefix).map((name) => `${name}:8080`);
    expect(gateway.COMMAND_UPSTREAM.split(',').sort()).toEqual(replicas('command-side').sort());
    expect(gateway.QUERY_UPSTREAM.split(',').sort()).toEqual(replicas('query-side').sort());
    expect(gateway.SANDBOX).toBe('off');
    expect(compose.services.gateway.build.target).toBe('gateway');

    const prometheus = parse(readFileSync(dockerPath('prometheus', 'prometheus.yml'), 'utf8'));
    const targetsOf = (job) =>
      prometheus.scrape_configs.find((config) => config.job_name === job).static_configs.flatMap((group) => group.targets);
    expect(targetsOf('command-side').sort()).toEqual(replicas('command-side').sort());
    expect(targetsOf('query-side').sort()).toEqual(replicas('query-side').sort());
    expect(targetsOf('background')).toEqual(['background:8080']);
    expect(targetsOf('eventstore').sort()).toEqual(['esdb1:2113', 'esdb2:2113', 'esdb3:2113']);
  });

  it('provisions Prometheus with the rules, Alertmanager, Grafana and the log pipeline', () => {
    for (const name of ['prometheus', 'alertmanager', 'grafana', 'loki', 'alloy'])
      expect(compose.services[name]).withContext(name).toBeDefined();
    const mounts = (service) =>
      compose.services[service].volumes.map((volume) => (typeof volume === 'string' ? volume : `${volume.source}:${volume.target}`));
    expect(mounts('prometheus').some((mount) => /\/docker\/prometheus:\/etc\/prometheus(:ro)?$/.test(mount))).toBeTrue();
    expect(mounts('alertmanager').some((mount) => /\/docker\/alertmanager:\/etc\/alertmanager(:ro)?$/.test(mount))).toBeTrue();
    expect(mounts('grafana').some((mount) => /\/docker\/grafana\/provisioning:\/etc\/grafana\/provisioning(:ro)?$/.test(mount))).toBeTrue();
    expect(compose.services.grafana.environment.GF_SECURITY_ADMIN_PASSWORD__FILE).toBe('/run/secrets/grafana_admin_password');
    expect(mounts('alloy').some((mount) => mount.startsWith('/var/run/docker.sock:'))).toBeTrue();
  });

  it('builds the services and the gateway from docker/Dockerfile, as a non-root user with a health check', () => {
    const dockerfile = readFileSync(dockerPath('Dockerfile'), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((match) => match[2]);
    expect(stages).toEqual(['build', 'runtime-deps', 'gateway', 'app']);
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:20-[a-z]+-slim/);
    expect(dockerfile).toContain('RUN npm ci --no-audit --no-fund');
    expect(dockerfile).toContain('npm run build');
    expect(dockerfile).toContain('--omit=dev');
    for (const stage of dockerfile
      .split(/^FROM /m)
      .slice(1)
      .filter((text) => / AS (app|gateway)$/m.test(text.split('\n')[0]))) {
      expect(stage).toMatch(/^USER node$/m);
      expect(stage).toMatch(/^HEALTHCHECK /m);
    }
    expect(dockerfile).toContain('/app/docker/healthcheck.mjs');
    expect(readFileSync(dockerPath('healthcheck.mjs'), 'utf8')).toContain('/api/health');
    for (const service of ['command-side', 'query-side', 'background'])
      expect(readFileSync(dockerPath('entrypoint.sh'), 'utf8')).toContain(`${service})`);
    expect(compose.services['command-side-1'].build.dockerfile).toBe('docker/Dockerfile');
  });
});
