/**
 * A web origin as a browser sends it in `Origin` and as `frame-ancestors` and `postMessage` name it:
 * `https://host` or `https://host:port` (http too), lower-case, no path, no trailing slash, no
 * user info. Anything else is refused rather than normalised, so that what an admin typed is what
 * the system compares with.
 */
export function isWebOrigin(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 300) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
}
