import { TestBed } from '@angular/core/testing';
import { PdfPagesComponent } from './pdf-pages.component';
import { PDF_RENDERER, type DrawnPdfPage, type PdfDocumentView, type PdfRenderer } from './pdf-renderer';
import { CSS_PX_PER_PT } from './pdf-zoom';

const A4 = { width: 595, height: 842 };

/** A document of `pageCount` A4 pages whose pages are drawn at once, each with one run of text. */
function fakeDocument(pageCount: number) {
  const draws: { page: number; scale: number }[] = [];
  let destroyed = false;
  const view: PdfDocumentView = {
    pageCount,
    firstPageSize: A4,
    async drawPage(page, scale, signal): Promise<DrawnPdfPage> {
      draws.push({ page, scale });
      await Promise.resolve();
      signal.throwIfAborted();
      const canvas = document.createElement('canvas');
      canvas.className = 'pdf-page';
      canvas.width = 10;
      canvas.height = 10;
      const textLayer = document.createElement('div');
      textLayer.className = 'textLayer';
      textLayer.innerHTML = `<span>Страница ${page}: Исполнитель обязуется оказать услуги</span>`;
      return { canvas, textLayer, size: A4 };
    },
    destroy: () => void (destroyed = true),
  };
  return { view, draws, isDestroyed: () => destroyed };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PdfPagesComponent', () => {
  function setUp(renderer: PdfRenderer) {
    TestBed.configureTestingModule({ providers: [{ provide: PDF_RENDERER, useValue: renderer }] });
    const fixture = TestBed.createComponent(PdfPagesComponent);
    fixture.componentRef.setInput('url', 'blob:one');
    fixture.componentRef.setInput('title', 'Договор');
    const element = fixture.nativeElement as HTMLElement;
    element.style.width = '600px';
    const text = () => element.textContent?.replace(/\s+/g, ' ') ?? '';
    const button = (name: string) =>
      [...element.querySelectorAll<HTMLButtonElement>('button')].find(
        (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
      )!;
    const slots = () => [...element.querySelectorAll<HTMLElement>('.pdf-page-slot')];
    const drawn = () => slots().filter((slot) => slot.querySelector('canvas.pdf-page'));
    const ready = async () => {
      await until(() => text().includes('Страниц:'), 'the first pages drawn');
      await fixture.whenStable();
      // the viewer's size is watched on the next frame
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    };
    return { fixture, element, text, button, slots, drawn, ready };
  }

  it('lays out every page as a placeholder of its size and draws only the first ones (lazily)', async () => {
    const doc = fakeDocument(100);
    const { text, slots, drawn, ready } = setUp({ open: async () => doc.view });
    await ready();
    expect(slots().length).toBe(100);
    expect(slots()[99]!.getAttribute('aria-label')).toBe('Страница 100 из 100');
    expect(slots()[99]!.getBoundingClientRect().height).toBeGreaterThan(100);
    expect(drawn().length).toBeGreaterThan(0);
    expect(drawn().length).toBeLessThanOrEqual(4);
    expect(new Set(doc.draws.map((d) => d.page)).size).toBeLessThanOrEqual(4);
    expect(text()).toContain('Страниц: 100');
    expect(text()).toContain('Стр. 1 из 100');
  });

  it('fits the page to the width by default and keeps the text layer over the bitmap', async () => {
    const { element, button, slots, ready } = setUp({ open: async () => fakeDocument(2).view });
    await ready();
    const region = element.querySelector<HTMLElement>('[role=region]')!;
    const inner = region.clientWidth - 2 * 8;
    expect(Math.abs(slots()[0]!.getBoundingClientRect().width - inner)).toBeLessThanOrEqual(1);
    expect(button('По ширине').getAttribute('aria-pressed')).toBe('true');
    expect(slots()[0]!.querySelector('.textLayer span')?.textContent).toContain('Исполнитель');
  });

  it('zooms with «+» and «−» through the stops and back to the width, drawing at the new scale', async () => {
    const doc = fakeDocument(3);
    const { fixture, element, text, button, slots, ready } = setUp({ open: async () => doc.view });
    await ready();
    const fitWidth = slots()[0]!.getBoundingClientRect().width;

    button('Увеличить').click();
    await fixture.whenStable();
    const zoomed = fitWidth / (A4.width * CSS_PX_PER_PT) < 0.9 ? 1 : 1.25;
    expect(text()).toContain(`${Math.round(zoomed * 100)} %`);
    expect(slots()[0]!.getBoundingClientRect().width).toBe(Math.floor(A4.width * zoomed * CSS_PX_PER_PT));
    expect(button('По ширине').getAttribute('aria-pressed')).toBe('false');
    await until(() => doc.draws.some((d) => d.page === 1 && Math.abs(d.scale - zoomed * CSS_PX_PER_PT) < 1e-9), 'page 1 drawn again');
    // zoomed in, the page is wider than the viewer: it scrolls sideways inside it, not the page
    const region = element.querySelector<HTMLElement>('[role=region]')!;
    expect(region.scrollWidth).toBeGreaterThan(region.clientWidth);

    button('Уменьшить').click();
    button('Уменьшить').click();
    await fixture.whenStable();
    expect(slots()[0]!.getBoundingClientRect().width).toBeLessThan(fitWidth);

    button('По ширине').click();
    await fixture.whenStable();
    expect(Math.abs(slots()[0]!.getBoundingClientRect().width - fitWidth)).toBeLessThanOrEqual(1);
    expect(button('По ширине').getAttribute('aria-pressed')).toBe('true');
  });

  it('says which page is in view, draws it and its neighbours and lets far pages go', async () => {
    const doc = fakeDocument(30);
    const { fixture, element, text, slots, drawn, ready } = setUp({ open: async () => doc.view });
    await ready();
    const region = element.querySelector<HTMLElement>('[role=region]')!;
    const page = (n: number) => slots()[n - 1]!;
    // the viewer's own box on a wide screen, the page on a phone: either way page 12 comes into view
    page(12).scrollIntoView({ block: 'start' });
    await until(() => text().includes('Стр. 12 из 30'), 'page 12 in view');
    await until(() => !!page(12).querySelector('canvas') && !!page(13).querySelector('canvas'), 'pages 12 and 13 drawn');
    await fixture.whenStable();
    expect(page(1).querySelector('canvas')).toBeNull();
    expect(page(1).childElementCount).toBe(0);
    const pages = drawn().map((slot) => Number(slot.dataset['page']));
    expect(Math.min(...pages)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...pages)).toBeLessThanOrEqual(15);
    const indicator = element.querySelector('[aria-live=polite]')!;
    expect(indicator.querySelector('[aria-hidden=true]')?.textContent?.trim()).toBe('Стр. 12 из 30');
    expect(indicator.querySelector('.visually-hidden')?.textContent?.trim()).toBe('Страница 12 из 30');
    expect(region.getAttribute('tabindex')).toBe('0');
  });

  it('zooms with two fingers: stretched while they move, drawn at the new scale when they lift', async () => {
    const doc = fakeDocument(2);
    const { fixture, element, text, slots, ready } = setUp({ open: async () => doc.view });
    await ready();
    const region = element.querySelector<HTMLElement>('[role=region]')!;
    const sheet = element.querySelector<HTMLElement>('.pdf-pages__sheet')!;
    const before = slots()[0]!.getBoundingClientRect().width;
    const box = region.getBoundingClientRect();
    const y = box.top + 100;
    const touch = (id: number, x: number) => new Touch({ identifier: id, target: region, clientX: x, clientY: y });
    const send = (type: string, touches: Touch[]) =>
      region.dispatchEvent(new TouchEvent(type, { touches, changedTouches: touches, bubbles: true, cancelable: true }));
    const x = box.left + box.width / 2;

    send('touchstart', [touch(0, x - 50), touch(1, x + 50)]);
    const moved = !send('touchmove', [touch(0, x - 75), touch(1, x + 75)]);
    expect(moved).withContext('the browser does not scroll or zoom the page meanwhile').toBeTrue();
    expect(sheet.style.transform).toMatch(/^scale\(1\.5/);
    send('touchend', []);
    await fixture.whenStable();

    expect(sheet.style.transform).toBe('');
    expect(Math.abs(slots()[0]!.getBoundingClientRect().width - before * 1.5)).toBeLessThanOrEqual(2);
    const percent = Math.round((before * 1.5 * 100) / (A4.width * CSS_PX_PER_PT));
    expect(text()).toContain(`${percent} %`);
    const scale = (before * 1.5) / A4.width;
    await until(() => doc.draws.some((d) => d.page === 1 && Math.abs(d.scale - scale) < 0.01), 'page 1 drawn at the new scale');
  });

  it('has zoom buttons at least 24 px with Russian names', async () => {
    const { button, ready } = setUp({ open: async () => fakeDocument(1).view });
    await ready();
    for (const name of ['Уменьшить', 'По ширине', 'Увеличить']) {
      const rect = button(name).getBoundingClientRect();
      expect(rect.width).withContext(name).toBeGreaterThanOrEqual(24);
      expect(rect.height).withContext(name).toBeGreaterThanOrEqual(24);
    }
  });

  it('says the document cannot be shown when it cannot be opened', async () => {
    const { fixture, element } = setUp({ open: () => Promise.reject(new Error('Invalid PDF structure')) });
    await fixture.whenStable();
    await until(() => !!element.querySelector('[role=alert]'), 'the notice');
    expect(element.querySelector('[role=alert]')?.textContent).toContain('скачайте его');
  });

  it('stops opening, and frees the document, when it goes away', async () => {
    let signal: AbortSignal | null = null;
    const { fixture } = setUp({
      open: (_url, s) => {
        signal = s;
        return new Promise<PdfDocumentView>(() => undefined);
      },
    });
    await fixture.whenStable();
    expect(signal!.aborted).toBeFalse();
    fixture.destroy();
    expect(signal!.aborted).toBeTrue();
  });

  it('frees an opened document when it goes away', async () => {
    const doc = fakeDocument(2);
    const { fixture, ready } = setUp({ open: async () => doc.view });
    await ready();
    fixture.destroy();
    expect(doc.isDestroyed()).toBeTrue();
  });
});
