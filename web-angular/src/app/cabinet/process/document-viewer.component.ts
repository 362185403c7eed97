import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';
import type { DocumentRef } from '../../shared/api/api-types';
import { formatFileSize } from '../../shared/i18n/format';
import { PdfPagesComponent } from './pdf-pages.component';
import { MESSAGES } from '../../shared/i18n/messages.ru';

interface ShownDocument {
  doc: DocumentRef;
  /** `undefined` while loading, `null` when it failed. */
  url: string | null | undefined;
  safeUrl: SafeResourceUrl | null;
}

/**
 * The deal's PDFs drawn in the page (pdf.js, from object URLs of the fetched Blobs), each with its
 * original to download; with `showFrames` off, a compact list of download links.
 */
@Component({
  selector: 'app-document-viewer',
  imports: [PdfPagesComponent],
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
            <!-- Before the pages: on a phone the end of a long document is far down. -->
            <a class="button doc__download" [href]="item.safeUrl" [download]="item.doc.fileName">
              {{ m.viewer.downloadOriginal }} ({{ item.doc.fileName }}, {{ size(item.doc.size) }})
            </a>
            <app-pdf-pages [url]="item.url" [title]="item.doc.title" />
          } @else {
            <a class="button" [href]="item.safeUrl" [download]="item.doc.fileName">
              {{ t.action.download }}: {{ item.doc.fileName }} ({{ size(item.doc.size) }})
            </a>
          }
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
    .button {
      max-width: 100%;
      white-space: normal;
    }
    .doc__download {
      margin-bottom: 0.75rem;
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
  protected readonly m = MESSAGES.cabinet;
  protected readonly size = formatFileSize;

  protected readonly shown = computed((): ShownDocument[] =>
    this.documents().map((doc) => {
      const url = this.urls()[doc.documentId];
      // Only the object URLs this app made of the fetched Blobs are trusted.
      const safeUrl = url && url.startsWith('blob:') ? this.sanitizer.bypassSecurityTrustResourceUrl(url) : null;
      return { doc, url: url && !safeUrl ? null : url, safeUrl };
    }),
  );
}
