// The production server: the built files (precompressed at build time) and Astro's handler (pages
// rendered on request, API) behind the headers every response must carry, a request id, and one
// JSON log line per request.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import sirv from 'sirv';
import { holdLength } from './hold-length.mjs';

// Settings that must hold before the first request: the data key (in production, start-up stops without
// one; elsewhere the key file is made and logged) and TRUST_PROXY. The intake modules run here by Node's
// type stripping, as in `npm run intake:purge`.
{
  const { readConfig } = await import('../src/intake/config.ts');
  const { openKeyring } = await import('../src/intake/keyring.ts');
  const { trustedProxies } = await import('../src/intake/http.ts');
  const config = readConfig();
  try {
    openKeyring(config);
    trustedProxies(config.trustProxy);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'server.refused', message })}\n`);
    process.stderr.write(`Jobbtorg portal not started: ${message}\n`);
    process.exit(1);
  }
}

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
process.env.ASTRO_NODE_LOGGING = 'disabled';
const dist = new URL('../dist/', import.meta.url);
const { handler } = await import(new URL('server/entry.mjs', dist).href);

const security = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};
// Pages carry Astro's CSP with script and style hashes (astro.config.mjs); everything else gets this one.
const fallbackCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Prerendered pages' own headers (their CSP), which the adapter writes at build time (staticHeaders).
const pageHeaders = new Map(
  JSON.parse(readFileSync(new URL('_headers.json', dist), 'utf8')).map(({ pathname, headers }) => [pathname, headers]),
);
// Text types with their charset, as Astro's static handler sent them.
const textTypes = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

// Built files, with the .br and .gz made at build time (src/integrations/precompress.ts) chosen by
// Accept-Encoding. Hashed assets are immutable for a year; pages revalidate (ETag) on every visit.
const files = sirv(fileURLToPath(new URL('client/', dist)), {
  brotli: true,
  gzip: true,
  etag: true,
  extensions: ['html'],
  setHeaders(res, pathname) {
    res.setHeader('cache-control', pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0');
    const type = textTypes[extname(pathname) || '.html'];
    if (type) res.setHeader('content-type', type);
  },
});
// A page's own headers go on before sirv answers, so that its 304 (sent without setHeaders) carries
// them too: a browser replaces the cached page's headers with the 304's, CSP included.
function pageHeadersOf(res, path) {
  const headers = pageHeaders.get(path);
  if (!headers) return;
  res.setHeader('cache-control', 'public, max-age=0');
  for (const { key, value } of headers) res.setHeader(key, value);
}
// Answers rendered on request (booking pages, API JSON) are compressed as they go, above 1 KB.
const compress = compression({ threshold: 1024 });

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  const requestId = randomUUID();
  req.headers['x-request-id'] = requestId;
  // The API's addresses have no trailing slash (/api/slots); Astro's routes for pages do.
  const [path = '/', query] = (req.url ?? '/').split('?');
  if (/^\/api\/.*[^/]$/.test(path) && !/\.[a-z]+$/.test(path)) req.url = `${path}/${query === undefined ? '' : `?${query}`}`;
  res.setHeader('x-request-id', requestId);
  for (const [name, value] of Object.entries(security)) res.setHeader(name, value);
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.hasHeader('content-security-policy')) {
      const headers = args.find((a) => a && typeof a === 'object');
      const named = headers && Object.keys(headers).some((k) => k.toLowerCase() === 'content-security-policy');
      if (!named) res.setHeader('content-security-policy', fallbackCsp);
    }
    return writeHead.apply(this, args);
  };
  res.on('finish', () => {
    // The path only: query strings can hold a booking's token.
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(
      `${JSON.stringify({ time: new Date().toISOString(), event: 'http', requestId, method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 })}\n`,
    );
  });
  const render = () =>
    compress(req, res, () => {
      holdLength(req, res);
      handler(req, res);
    });
  // Only addresses a built file can answer: a page's folder (trailing slash) or a file. The others
  // (/sv without its slash, /api/…) go to Astro, which redirects or renders them.
  const isFile = (req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/') && (path.endsWith('/') || extname(path) !== '');
  if (isFile) {
    pageHeadersOf(res, path);
    files(req, res, render);
  }
  else render();
});

server.listen(port, host, async () => {
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Touching /api/health applies pending migrations before the first resident arrives, and says whether the database answers.
  const health = await fetch(`${base}/api/health`).then((r) => r.json()).catch((error) => ({ status: 'unreachable', error: String(error) }));
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'server.ready', url: base, health })}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
