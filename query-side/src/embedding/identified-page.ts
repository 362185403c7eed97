/**
 * The page the identification window ends on when the signing runs in another system's frame: the
 * frame follows the process by itself, so this one only says to go back, and closes itself when the
 * browser lets it (a window opened by script).
 */
export function renderIdentifiedPage(nonce: string): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Подтверждение личности завершено — E-contract</title>
<style nonce="${nonce}">
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f4f6f9;color:#14212b}
main{max-width:520px;margin:15vh auto 0;padding:24px;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(20,33,43,.15)}
h1{font-size:22px;margin:0 0 12px}p{margin:0 0 16px}
button{font:inherit;min-height:44px;padding:10px 16px;border-radius:6px;border:1px solid #1a56db;background:#1a56db;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f5b400;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>Подтверждение личности завершено</h1>
<p>Вернитесь на страницу, где вы подписываете документы: она продолжит сама.</p>
<p><button type="button" id="close">Закрыть это окно</button></p>
</main>
<script nonce="${nonce}">
document.getElementById('close').addEventListener('click', function () { window.close(); });
setTimeout(function () { window.close(); }, 1500);
</script>
</body>
</html>
`;
}
