import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** A request the receiver took, its signature checked with the Standard Webhooks library. */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  body: string;
  payload: {
    type: string;
    timestamp: string;
    data: { deal: { processId: string; status: string; branchId: string }; position: string; previousPosition: string | null };
  };
  /** What the receiver answered. */
  answered: number | 'hung';
}

/** How the receiver answers the `n`-th request (0-based): a status, or `'hang'` (never answers). */
export type Behaviour = (n: number, request: { id: string; payload: ReceivedWebhook['payload'] }) => number | 'hang';

/**
 * A webhook receiver on a loopback port, as another system would run one: it verifies every request's
 * signature with the `standardwebhooks` package (a request that fails verification fails the spec
 * through `badSignatures`), records it, and answers as `behaviour` says. `stop()` closes the port
 * (the receiver is down: connections are refused); `start()` opens the same port again.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  readonly badSignatures: string[] = [];
  secret = '';
  behaviour: Behaviour = () => 200;
  private server: Server | null = null;
  private port = 0;
  private readonly hanging = new Set<ServerResponse>();

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Down: the port closes, requests in flight are cut off. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The successfully answered deliveries (2xx), first of each `webhook-id` only. */
  delivered(): ReceivedWebhook[] {
    const seen = new Set<string>();
    return this.received.filter((r) => typeof r.answered === 'number' && r.answered < 300 && !seen.has(r.id) && seen.add(r.id));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
    let payload: ReceivedWebhook['payload'];
    try {
      payload = new Webhook(this.secret).verify(body, headers) as ReceivedWebhook['payload'];
    } catch (error) {
      this.badSignatures.push(`${headers['webhook-id']}: ${(error as Error).message}`);
      res.writeHead(400).end();
      return;
    }
    const id = headers['webhook-id']!;
    const answer = this.behaviour(this.received.length, { id, payload });
    this.received.push({ id, timestamp: headers['webhook-timestamp']!, body, payload, answered: answer === 'hang' ? 'hung' : answer });
    if (answer === 'hang') {
      this.hanging.add(res);
      return;
    }
    res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
  }
}
