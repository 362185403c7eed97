import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';
import type { DocumentRef } from '../../shared/api/api-types';
import { formatFileSize } from '../../shared/i18n/format';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { CABINET_MESSAGES } from '../cabinet.messages.ru';

interface ShownDocument {
  doc: DocumentRef;
  /** `undefined` while loading, `null` when it failed. */
  url: string | null | undefined;
  frameUrl: SafeResourceUrl | null;
}

/** The deal's PDFs in the page (object URLs of the fetched Blobs), each with a download link. */
@Component({
  selector: 'app-document-viewer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (item of shown(); track item.doc.documentId) {
      <article class="doc">
        <h3 class="doc__title">{{ item.doc.title }}</h3>
        @if (item.url === undefined) {
          <p role="status">{{ m.documentLoading }}</p>
        } @else if (item.url === null) {
          <p class="notice notice--error" role="alert">{{ m.documentFailed }}</p>
        } @else {
          @if (showFrames()) {
            <iframe class="doc__frame" [src]="item.frameUrl" [title]="item.doc.title"></iframe>
          }
          <a class="button" [href]="item.frameUrl" [download]="item.doc.fileName">
            {{ t.action.download }}: {{ item.doc.fileName }} ({{ size(item.doc.size) }})
          </a>
        }
      </article>
    }
  `,
  styles: `
    .doc {
      margin-bottom: 1.25rem;
    }
    .doc__title {
      font-size: 1.05rem;
      margin: 0 0 0.5rem;
    }
    .doc__frame {
      display: block;
      width: 100%;
      height: min(70vh, 40rem);
      border: 1px solid #d5dbe3;
      margin-bottom: 0.5rem;
    }
    .button {
      max-width: 100%;
      white-space: normal;
    }
  `,
})
export class DocumentViewerComponent {
  readonly documents = input.required<readonly DocumentRef[]>();
  readonly urls = input.required<Record<string, string | null>>();
  /** `false`: download links only (the signed documents). */
  readonly showFrames = input(true);

  private readonly sanitizer = inject(DomSanitizer);
  protected readonly t = MESSAGES;
  protected readonly m = CABINET_MESSAGES;
  protected readonly size = formatFileSize;

  protected readonly shown = computed((): ShownDocument[] =>
    this.documents().map((doc) => {
      const url = this.urls()[doc.documentId];
      // Only the object URLs this app made of the fetched Blobs are trusted.
      const frameUrl = url && url.startsWith('blob:') ? this.sanitizer.bypassSecurityTrustResourceUrl(url) : null;
      return { doc, url: url && !frameUrl ? null : url, frameUrl };
    }),
  );
}
