/** Wakes a loop that waits for work: `wake()` ends the current (or the next) `wait` at once. */
export class Waker {
  private pending = false;
  private resolveWait: (() => void) | null = null;

  wake(): void {
    if (this.resolveWait) this.resolveWait();
    else this.pending = true;
  }

  /** Resolves after `ms`, at a `wake()`, or when `signal` aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pending || signal.aborted) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.resolveWait = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.resolveWait = done;
    });
  }
}
