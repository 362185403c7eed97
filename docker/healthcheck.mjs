// The image's HEALTHCHECK: GET /api/health on this container's own port. Healthy on 200 only: the
// services answer 503 while starting, draining, or when a store they need is down.
const port = process.env.PORT || '8080';
try {
  const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(4000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
