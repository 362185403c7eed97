import { TestBed } from '@angular/core/testing';
import { PdfPagesComponent } from './pdf-pages.component';
import { PDF_RENDERER, type PdfRenderer } from './pdf-renderer';

describe('PdfPagesComponent', () => {
  function setUp(renderer: PdfRenderer) {
    TestBed.configureTestingModule({ providers: [{ provide: PDF_RENDERER, useValue: renderer }] });
    const fixture = TestBed.createComponent(PdfPagesComponent);
    fixture.componentRef.setInput('url', 'blob:one');
    fixture.componentRef.setInput('title', 'Договор');
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('draws the pages into a keyboard-scrollable region and says how many there are', async () => {
    const calls: string[] = [];
    const { fixture, element } = setUp({
      render: async (url, host) => {
        calls.push(url);
        host.appendChild(document.createElement('canvas'));
        host.appendChild(document.createElement('canvas'));
        return 2;
      },
    });
    await fixture.whenStable();
    const region = element.querySelector('[role=region]')!;
    expect(calls).toEqual(['blob:one']);
    expect(region.getAttribute('aria-label')).toBe('Договор');
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(region.querySelectorAll('canvas').length).toBe(2);
    expect(element.textContent).toContain('Страниц: 2');
  });

  it('says the document cannot be shown when drawing fails', async () => {
    const { fixture, element } = setUp({ render: () => Promise.reject(new Error('Invalid PDF structure')) });
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('скачайте его');
  });

  it('stops drawing when the document goes away', async () => {
    let signal: AbortSignal | null = null;
    const { fixture } = setUp({
      render: (_url, _host, s) => {
        signal = s;
        return new Promise<number>(() => undefined);
      },
    });
    await fixture.whenStable();
    expect(signal!.aborted).toBeFalse();
    fixture.destroy();
    expect(signal!.aborted).toBeTrue();
  });
});
