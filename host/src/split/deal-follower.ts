/**
 * Follows `GET /api/deals/stream` as a browser's EventSource does: on a dropped or ended stream it
 * reconnects with `Last-Event-ID`, so that a replica that dies or stops mid-stream loses the
 * follower nothing. Resolves `until(predicate)` with the first deal that satisfies it.
 */
export class DealFollower {
  private lastEventId: string | null = null;
  private readonly deals: Array<{ id: string | null; deal: Record<string, unknown> }> = [];
  private readonly waiters = new Set<() => void>();
  private readonly abort = new AbortController();
  /** How many times the stream was (re)opened. */
  connections = 0;

  constructor(
    private readonly streamUrl: string,
    private readonly reconnectMs = 200,
  ) {
    void this.run();
  }

  until(predicate: (deal: Record<string, unknown>) => boolean, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.deals.find((entry) => predicate(entry.deal));
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found.deal);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(`no such deal on the stream within ${timeoutMs} ms (${this.deals.length} events, ${this.connections} connections)`),
        );
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        this.connections++;
        const response = await fetch(this.streamUrl, {
          headers: { accept: 'text/event-stream', ...(this.lastEventId ? { 'last-event-id': this.lastEventId } : {}) },
          signal: this.abort.signal,
        });
        if (response.ok && response.body) await this.read(response.body);
      } catch {
        // dropped: reconnect below
      }
      if (!this.abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, this.reconnectMs));
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.take(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private take(block: string): void {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'id') id = value;
      else if (field === 'data') data.push(value);
    }
    if (id !== null) this.lastEventId = id;
    if (event !== 'deal' || data.length === 0) return;
    this.deals.push({ id, deal: JSON.parse(data.join('\n')) as Record<string, unknown> });
    for (const check of [...this.waiters]) check();
  }
}
