import { Injectable } from '@angular/core';

/** Writes to the system clipboard; `false` where the browser refuses (no permission, no secure context). */
@Injectable({ providedIn: 'root' })
export class ClipboardWriter {
  async write(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }
}
