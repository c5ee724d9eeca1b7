// The server's operations side: Prometheus metrics (prom-client) and the route names they use.
// Nothing personal: routes are templates (never a reference or token), labels are ids and counts.
import http from 'node:http';
import client from 'prom-client';

/** The bundle's database operations (src/intake/runtime.ts registers them when it first loads). */
export const intake = () => globalThis[Symbol.for('jobbtorg.intake.operations')];

/** A path as a route template, so a metric's labels stay few and carry no reference or token. */
export function routeOf(method, path) {
  if (path === '/api/bookings' || path === '/api/bookings/') return '/api/bookings';
  if (/^\/api\/bookings\/[^/]+\.ics\/?$/.test(path)) return '/api/bookings/{reference}.ics';
  if (/^\/api\/bookings\/[^/]+\/cancel\/?$/.test(path)) return '/api/bookings/{reference}/cancel';
  for (const known of ['/api/slots', '/api/staff/bookings', '/api/health', '/api/ready', '/api/live']) if (path.replace(/\/$/, '') === known) return known;
  if (path.startsWith('/api/')) return '/api/other';
  if (/^\/[a-z-]+\/boka\/(avboka\/|bekraftelse\/)?$/.test(path)) return `/{locale}/boka/${path.split('/')[3] ? `${path.split('/')[3]}/` : ''}`;
  if (path.startsWith('/_astro/')) return 'asset';
  return method === 'GET' || method === 'HEAD' ? 'page' : 'other';
}

export function createMetrics() {
  const registry = new client.Registry();
  // Process figures, event-loop lag among them (nodejs_eventloop_lag_seconds and its percentiles).
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new client.Gauge({
    name: 'jobbtorg_bookings',
    help: 'Bookings stored, by state (active, cancelled; erased counts those whose details were erased on request)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await intake()?.bookings().catch(() => undefined);
      if (!counts) return;
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  new client.Gauge({
    name: 'jobbtorg_seats_left',
    help: 'Bookable seats still free per job centre and day, every meeting type together, for the next 14 days',
    labelNames: ['location', 'date'],
    registers: [registry],
    async collect() {
      const days = await intake()?.seatsLeft().catch(() => undefined);
      if (!days) return;
      this.reset();
      for (const { location, date, seats } of days) this.set({ location, date }, seats);
    },
  });
  new client.Gauge({
    name: 'jobbtorg_messages',
    help: 'Messages to residents in the outbox, by delivery state (queued, sent, failed, dead, dropped)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await intake()?.messages().catch(() => undefined);
      if (!counts) return;
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  return {
    registry,
    observe(method, path, status, seconds) {
      const route = routeOf(method, path);
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
  };
}

/** The metrics on a port of their own (METRICS_PORT), away from the public one: GET /metrics. */
export function serveMetrics(registry, port, host) {
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(500).end();
    }
  });
  server.listen(port, host);
  return server;
}
