import { escapeHtml } from '../identification/sandbox-page.js';

/**
 * A stand-in for another system's page (a "customer cabinet") with the signing embedded: the
 * `<e-contract-signing>` element from `<systemOrigin>/embed/e-contract-signing.js`, a field for the
 * one-time embed URL, and a log of the `e-contract:*` events the element dispatches. Served at
 * `/sandbox/embed-demo` in the embedded default; the browser suite serves it from another origin.
 */
export function renderEmbedDemoPage(options: { nonce: string; systemOrigin: string; embedUrl: string | null }): string {
  const { nonce, systemOrigin } = options;
  const embedUrl = options.embedUrl ?? '';
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Кабинет клиента (демо встраивания) — E-contract</title>
<style nonce="${nonce}">
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#eef1f5;color:#1d2733}
header{background:#2e3a4b;color:#fff;padding:12px 20px;display:flex;gap:12px;align-items:baseline}header b{font-size:20px}header span{opacity:.8}
main{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:20px;max-width:1200px;margin:0 auto;padding:20px}
@media (max-width:900px){main{grid-template-columns:1fr}}
section{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:20px;margin:0 0 12px}h2{font-size:17px;margin:0 0 8px}
form{display:flex;gap:8px;margin:0 0 16px}input{flex:1;font:inherit;padding:8px;border:1px solid #8a96a6;border-radius:6px;min-width:0}
button{font:inherit;padding:8px 14px;border-radius:6px;border:1px solid #2e3a4b;background:#2e3a4b;color:#fff;cursor:pointer}
e-contract-signing{height:760px;border:1px solid #d5dbe3;border-radius:8px;overflow:hidden;background:#fff}
ol{margin:0;padding-left:20px;font-size:14px}li{margin:0 0 6px}code{word-break:break-all}
</style>
<script nonce="${nonce}" src="${escapeHtml(systemOrigin)}/embed/e-contract-signing.js"></script>
</head>
<body>
<header><b>Кабинет клиента</b><span>демонстрация встроенного подписания E-contract</span></header>
<main>
<section>
<h1>Подписание договора</h1>
<form id="open">
<label for="embed-url" hidden>Адрес для встраивания</label>
<input id="embed-url" name="embedUrl" type="url" placeholder="embedUrl из POST /api/signing-processes/:id/embed-session" value="${escapeHtml(embedUrl)}">
<button type="submit">Показать</button>
</form>
<e-contract-signing id="signing"${embedUrl ? ` embed-url="${escapeHtml(embedUrl)}"` : ''}></e-contract-signing>
</section>
<section>
<h2>События</h2>
<ol id="events" aria-live="polite"></ol>
</section>
</main>
<script nonce="${nonce}">
(function () {
  var signing = document.getElementById('signing');
  var events = document.getElementById('events');
  document.getElementById('open').addEventListener('submit', function (event) {
    event.preventDefault();
    signing.setAttribute('embed-url', document.getElementById('embed-url').value);
  });
  ['ready', 'identified', 'signed', 'declined', 'error'].forEach(function (type) {
    signing.addEventListener('e-contract:' + type, function (event) {
      var item = document.createElement('li');
      item.setAttribute('data-type', type);
      item.textContent = 'e-contract:' + type + ' ' + JSON.stringify(event.detail);
      events.appendChild(item);
    });
  });
})();
</script>
</body>
</html>
`;
}

/** Its policy: its own nonce'd code, the element's script and frame from the system's origin only. */
export const embedDemoHeaders = (nonce: string, systemOrigin: string): Record<string, string> => ({
  'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}' ${systemOrigin}; style-src 'nonce-${nonce}'; frame-src ${systemOrigin}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
});
