import { TestBed } from '@angular/core/testing';
import type { DocumentRef } from '../../shared/api/api-types';
import { DocumentViewerComponent } from './document-viewer.component';
import { PDF_RENDERER, type PdfRenderer } from './pdf-renderer';

describe('DocumentViewerComponent', () => {
  const contract: DocumentRef = { documentId: 'd-1', title: 'Договор', fileName: 'contract.pdf', sha256: 'a'.repeat(64), size: 11_980 };
  const opened: string[] = [];
  const renderer: PdfRenderer = {
    open: (url) => {
      opened.push(url);
      return new Promise(() => undefined);
    },
  };

  async function render(showFrames: boolean, url: string | null = 'blob:http://localhost/one') {
    opened.length = 0;
    TestBed.configureTestingModule({ providers: [{ provide: PDF_RENDERER, useValue: renderer }] });
    const fixture = TestBed.createComponent(DocumentViewerComponent);
    fixture.componentRef.setInput('documents', [contract]);
    fixture.componentRef.setInput('urls', url === null ? {} : { 'd-1': url });
    fixture.componentRef.setInput('showFrames', showFrames);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the pages with «Скачать оригинал» before them, so a phone need not scroll to the end', async () => {
    const element = await render(true);
    const link = element.querySelector<HTMLAnchorElement>('a[download="contract.pdf"]')!;
    expect(link.textContent?.trim()).toBe('Скачать оригинал (contract.pdf, 11,7 КБ)');
    expect(link.href).toBe('blob:http://localhost/one');
    const viewer = element.querySelector('app-pdf-pages')!;
    expect(link.compareDocumentPosition(viewer) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(opened).toEqual(['blob:http://localhost/one']);
  });

  it('with showFrames off, lists the documents to download only (the done step)', async () => {
    const element = await render(false);
    expect(element.querySelector('app-pdf-pages')).toBeNull();
    expect(element.querySelector('a[download="contract.pdf"]')?.textContent?.trim()).toBe('Скачать: contract.pdf (11,7 КБ)');
    expect(opened).toEqual([]);
  });

  it('trusts only the object URLs the app made (blob:)', async () => {
    const element = await render(true, 'https://example.com/contract.pdf');
    expect(element.querySelector('app-pdf-pages')).toBeNull();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Не удалось загрузить документ');
  });
});
