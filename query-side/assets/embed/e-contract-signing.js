/* global window, document, customElements, HTMLElement */
/*
 * E-contract: the <e-contract-signing embed-url="…"> custom element (API.md, "Integrations").
 *
 * Put the one-time embed URL your server got from POST /api/signing-processes/:id/embed-session in
 * `embed-url`; the element frames the signing page and re-dispatches each message the page posts
 * as a DOM CustomEvent named `e-contract:<type>` (ready, identified, signed, declined, error) with
 * `detail: {processId, status}`. The events bubble, so a listener on the element or on any of its
 * ancestors hears them. No framework, no dependencies; the element's height is yours to set (CSS).
 */
(() => {
  'use strict';
  const TAG = 'e-contract-signing';
  if (typeof customElements === 'undefined' || customElements.get(TAG)) return;
  const TYPES = ['ready', 'identified', 'signed', 'declined', 'error'];

  class EContractSigning extends HTMLElement {
    static get observedAttributes() {
      return ['embed-url'];
    }

    constructor() {
      super();
      this.frame = null;
      this.origin = null;
      this.onMessage = (event) => this.relay(event);
    }

    connectedCallback() {
      if (!this.style.display) this.style.display = 'block';
      if (!this.style.minHeight) this.style.minHeight = '640px';
      window.addEventListener('message', this.onMessage);
      this.load();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.onMessage);
    }

    attributeChangedCallback(name, before, after) {
      if (before !== after && this.isConnected) this.load();
    }

    load() {
      const src = this.getAttribute('embed-url');
      let url = null;
      try {
        url = src ? new URL(src, document.baseURI) : null;
      } catch {
        url = null;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        if (this.frame) this.frame.remove();
        this.frame = null;
        this.origin = null;
        return;
      }
      if (!this.frame) {
        const frame = document.createElement('iframe');
        frame.title = this.getAttribute('frame-title') || 'Подписание документов';
        frame.referrerPolicy = 'no-referrer';
        frame.style.cssText = 'display:block;width:100%;height:100%;min-height:inherit;border:0';
        this.frame = frame;
        this.appendChild(frame);
      }
      this.origin = url.origin;
      if (this.frame.src !== url.href) this.frame.src = url.href;
    }

    /** Only the framed page, from its own origin, speaking our protocol, is heard. */
    relay(event) {
      if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== this.origin) return;
      const data = event.data;
      if (!data || data.source !== 'e-contract' || !TYPES.includes(data.type)) return;
      const detail = { processId: data.processId ?? null, status: data.status ?? null };
      this.dispatchEvent(new CustomEvent(`e-contract:${data.type}`, { detail, bubbles: true, composed: true }));
    }
  }

  customElements.define(TAG, EContractSigning);
})();
