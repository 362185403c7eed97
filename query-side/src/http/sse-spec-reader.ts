/** Spec helper (not used in production): a `text/event-stream` reader over a fetch body. */

export interface SseMessage {
  event: string;
  id: string | null;
  data: string;
  /** The comments of the block (`: heartbeat`). */
  comments: string[];
}

/**
 * Reads a `text/event-stream` body block by block (a block ends with a blank line). `next` resolves
 * with the next block, or rejects after `timeoutMs`; `nothingWithin` checks that no block arrives.
 */
export class SseReader {
  private buffer = '';
  private readonly blocks: SseMessage[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private wake: (() => void) | null = null;
  private ended = false;

  constructor(readonly response: Response) {
    this.reader = response.body!.getReader();
    void this.pump();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const { value, done } = await this.reader.read();
        if (done) break;
        this.buffer += this.decoder.decode(value, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.blocks.push(parseBlock(this.buffer.slice(0, end)));
          this.buffer = this.buffer.slice(end + 2);
        }
        this.wake?.();
      }
    } catch {
      // cancelled
    }
    this.ended = true;
    this.wake?.();
  }

  async next(timeoutMs = 2_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.blocks.length === 0) {
      if (this.ended) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.blocks.shift()!;
  }

  /** The next `deal` event, skipping heartbeats. */
  async nextDeal(timeoutMs = 2_000): Promise<SseMessage> {
    for (;;) {
      const message = await this.next(timeoutMs);
      if (message.event === 'deal') return message;
    }
  }

  async nothingWithin(ms: number): Promise<SseMessage[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.blocks.filter((block) => block.event === 'deal');
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

function parseBlock(block: string): SseMessage {
  const message: SseMessage = { event: 'message', id: null, data: '', comments: [] };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) message.comments.push(line.slice(1).trim());
    else {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') message.event = value;
      else if (field === 'id') message.id = value;
      else if (field === 'data') data.push(value);
    }
  }
  message.data = data.join('\n');
  return message;
}
