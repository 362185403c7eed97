import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import { ApiClient } from '../../shared/api/api-client';
import { toApiProblem, type ApiProblem } from '../../shared/api/api-problem';
import type { UploadedDocument } from '../../shared/api/api-types';

export interface DocumentUpload {
  key: number;
  fileName: string;
  percent: number | null;
  document: UploadedDocument | null;
  problem: ApiProblem | null;
}

/**
 * The form's PDF uploads with their progress (a File cannot travel in a serializable action, so the
 * uploads live here, provided per form, rather than in the store).
 */
@Injectable()
export class DocumentUploads {
  private readonly api = inject(ApiClient);
  private readonly running = new Map<number, Subscription>();
  private nextKey = 1;
  readonly items = signal<DocumentUpload[]>([]);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.running.forEach((s) => s.unsubscribe()));
  }

  /** Starts uploading; returns the upload's key. */
  add(file: File, onUploaded: (key: number, document: UploadedDocument) => void): number {
    const key = this.nextKey++;
    this.items.update((items) => [...items, { key, fileName: file.name, percent: 0, document: null, problem: null }]);
    const subscription = this.api.uploadDocument(file).subscribe({
      next: (event) => {
        if (event.kind === 'progress') this.patch(key, { percent: event.percent });
        else {
          this.patch(key, { percent: 100, document: event.document });
          onUploaded(key, event.document);
        }
      },
      error: (error: unknown) => this.patch(key, { problem: toApiProblem(error) }),
    });
    this.running.set(key, subscription);
    return key;
  }

  remove(key: number): void {
    this.running.get(key)?.unsubscribe();
    this.running.delete(key);
    this.items.update((items) => items.filter((item) => item.key !== key));
  }

  private patch(key: number, change: Partial<DocumentUpload>): void {
    this.items.update((items) => items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }
}
