// The production server: Astro's handler (static pages, assets, API) behind the
// headers every response must carry, a request id, and one JSON log line per request.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
process.env.ASTRO_NODE_LOGGING = 'disabled';
const { handler } = await import(new URL('../dist/server/entry.mjs', import.meta.url).href);

const security = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};
// Pages carry Astro's CSP with script and style hashes (astro.config.mjs); everything else gets this one.
const fallbackCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

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
  handler(req, res);
});

server.listen(port, host, async () => {
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Touching /api/health applies pending migrations before the first resident arrives, and says whether the database answers.
  const health = await fetch(`${base}/api/health`).then((r) => r.json()).catch((error) => ({ status: 'unreachable', error: String(error) }));
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'server.ready', url: base, health })}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
