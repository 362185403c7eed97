import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addressRefusal, outboundPolicyOf } from './forbidden-addresses.js';
import { OutboundPoster } from './outbound-post.js';
import { webhookUrlRefusal } from './webhook-url.js';

const production = outboundPolicyOf(true);
const embedded = outboundPolicyOf(false);

describe('forbidden addresses', () => {
  it('refuses loopback (outside the embedded default), private, link-local and reserved ranges, v4 and v6', () => {
    for (const address of [
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      'fd00::1',
      'fe80::1',
      '::',
      '::ffff:10.0.0.1',
      '::ffff:a00:1',
      '64:ff9b::a9fe:a9fe',
    ]) {
      expect(addressRefusal(address, embedded)).withContext(address).not.toBeNull();
      expect(addressRefusal(address, production)).withContext(address).not.toBeNull();
    }
    for (const address of ['127.0.0.1', '127.8.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(addressRefusal(address, production))
        .withContext(address)
        .toMatch(/loopback/);
      expect(addressRefusal(address, embedded)).withContext(address).toBeNull();
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2a00:1450:4010:c0e::71']) {
      expect(addressRefusal(address, production)).withContext(address).toBeNull();
    }
    expect(addressRefusal('example.com', production)).not.toBeNull();
  });
});

describe('webhook URLs', () => {
  const resolvesTo = (addresses: string[]) => async () => addresses;

  it('in production: https only, every address the name resolves to public', async () => {
    expect(await webhookUrlRefusal('https://hooks.example.com/in', production, resolvesTo(['93.184.216.34']))).toBeNull();
    expect(await webhookUrlRefusal('http://hooks.example.com/in', production, resolvesTo(['93.184.216.34']))).toBe('must be an https: URL');
    expect(await webhookUrlRefusal('https://hooks.example.com/in', production, resolvesTo(['93.184.216.34', '10.0.0.5']))).toMatch(
      /private/,
    );
    expect(await webhookUrlRefusal('https://localhost/in', production, resolvesTo(['127.0.0.1']))).toMatch(/loopback/);
    expect(await webhookUrlRefusal('http://127.0.0.1:9000/in', production)).toBe('must be an https: URL');
    expect(await webhookUrlRefusal('https://nowhere.example/in', production, () => Promise.reject(new Error('ENOTFOUND')))).toMatch(
      /does not resolve/,
    );
    expect(await webhookUrlRefusal('not a url', production)).toBe('must be an absolute URL');
    expect(await webhookUrlRefusal('https://u:p@hooks.example.com/', production, resolvesTo(['93.184.216.34']))).toMatch(/credentials/);
  });

  it('in the embedded default also http://127.0.0.1', async () => {
    expect(await webhookUrlRefusal('http://127.0.0.1:9000/in', embedded)).toBeNull();
    expect(await webhookUrlRefusal('http://localhost:9000/in', embedded)).toMatch(/https/);
    expect(await webhookUrlRefusal('http://10.0.0.1/in', embedded)).toMatch(/https/);
    expect(await webhookUrlRefusal('https://10.0.0.1/in', embedded)).toMatch(/private/);
  });
});

describe('OutboundPoster', () => {
  let server: Server;
  let port: number;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => (seen.length = 0));

  it('answers the status, and follows no redirect', async () => {
    handler = (req, res) => {
      if (req.url === '/moved') res.writeHead(307, { location: '/target' }).end();
      else res.writeHead(202).end();
    };
    const poster = new OutboundPoster({ policy: embedded });
    try {
      expect(await poster.post(`http://127.0.0.1:${port}/ok`, { 'content-type': 'application/json' }, '{}')).toEqual({
        answered: true,
        status: 202,
      });
      expect(await poster.post(`http://127.0.0.1:${port}/moved`, {}, '{}')).toEqual({ answered: true, status: 307 });
      expect(seen).toEqual(['/ok', '/moved']);
    } finally {
      await poster.close();
    }
  });

  it('gives up on a receiver that does not answer in time', async () => {
    handler = () => undefined; // never answers
    const poster = new OutboundPoster({ policy: embedded, timeoutMs: 200 });
    try {
      expect(await poster.post(`http://127.0.0.1:${port}/slow`, {}, '{}')).toEqual({ answered: false, error: 'timeout' });
    } finally {
      await poster.close();
    }
  });

  it('in production refuses loopback before connecting, by literal or by what the name resolves to', async () => {
    handler = (_req, res) => res.end();
    const poster = new OutboundPoster({
      policy: production,
      lookup: (_hostname, options, callback) =>
        options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
    });
    try {
      expect(await poster.post(`http://127.0.0.1:${port}/x`, {}, '{}')).toEqual({
        answered: false,
        error: 'refused: 127.0.0.1 is a loopback address',
      });
      const named = await poster.post(`http://rebound.example:${port}/x`, {}, '{}');
      expect(named).toEqual({ answered: false, error: jasmine.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address/) });
      expect(seen).toEqual([]);
    } finally {
      await poster.close();
    }
  });
});
