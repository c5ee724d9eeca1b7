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
import { createMetrics, intake, serveMetrics } from './server-operations.mjs';

// Settings that must hold before the first request: the data key (in production, start-up stops without
// one; elsewhere the key file is made and logged) and TRUST_PROXY. The intake modules run here by Node's
// type stripping, as in `npm run intake:purge`.
{
  const { readConfig } = await import('../src/intake/config.ts');
  const { openKeyring } = await import('../src/intake/keyring.ts');
  const { trustedProxies } = await import('../src/intake/client-address.ts');
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
const metricsPort = process.env.METRICS_PORT ? Number(process.env.METRICS_PORT) : undefined;
// After SIGTERM, how long readiness says 503 while everything else is still served, so that the load
// balancer stops sending before the listener closes.
const drainSeconds = Number(process.env.SHUTDOWN_DRAIN_SECONDS ?? 5);
// The longest a shutdown waits for requests in flight before it gives up on them.
const shutdownTimeoutSeconds = Number(process.env.SHUTDOWN_TIMEOUT_SECONDS ?? 30);

const metrics = createMetrics();
let draining = false;
const logLine = (event, fields = {}) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
const answer = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
};

/**
 * Liveness (/api/live): the process answers. Readiness (/api/ready): it should get traffic, that is it
 * is not draining and its database answers. /api/health stays as it was (the database check alone).
 */
async function probe(path, res) {
  if (path === '/api/live') return answer(res, 200, { status: 'live' });
  if (draining) return answer(res, 503, { status: 'draining' });
  const ops = intake();
  if (!ops) return answer(res, 503, { status: 'starting' });
  try {
    await ops.ping();
    answer(res, 200, { status: 'ready' });
  } catch {
    answer(res, 503, { status: 'db_unavailable' });
  }
}

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
  // Draining: each answer closes its connection, so that keep-alive clients reconnect elsewhere.
  if (draining) res.setHeader('connection', 'close');
  // 'close' comes after every answer, finished or cut off (one cut off never 'finish'es), so each
  // request gets exactly one line.
  res.once('close', () => {
    // The path only: query strings can hold a booking's token.
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    metrics.observe(req.method, path, res.statusCode, ms / 1000);
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
  if (path === '/api/live' || path === '/api/ready') return void probe(path, res);
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

const metricsServer = metricsPort === undefined ? undefined : serveMetrics(metrics.registry, metricsPort, host);

/**
 * Graceful shutdown: readiness turns 503 at once; after SHUTDOWN_DRAIN_SECONDS the listener closes
 * (no new connections) and idle keep-alive ones with it; requests in flight finish; then the
 * database pool closes and the process ends. A second signal, or SHUTDOWN_TIMEOUT_SECONDS, ends
 * it at once.
 */
async function shutdown(signal) {
  if (draining) {
    logLine('server.stop_forced', { signal });
    process.exit(1);
  }
  draining = true;
  logLine('server.draining', { signal, drainSeconds });
  setTimeout(() => {
    logLine('server.stop_timeout', { shutdownTimeoutSeconds });
    process.exit(1);
  }, (drainSeconds + shutdownTimeoutSeconds) * 1000).unref();
  await new Promise((resolve) => setTimeout(resolve, drainSeconds * 1000));
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeIdleConnections();
  });
  // Issue 17: await the outbox worker's stop() here, so that sends in flight finish before the pool closes.
  await intake()?.close().catch(() => {});
  metricsServer?.close();
  logLine('server.stopped', { signal });
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void shutdown(signal));
