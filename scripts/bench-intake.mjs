// `npm run bench:intake`: booking throughput and latency with 50 concurrent clients, on SQLite and on
// PostgreSQL, next to a bare node:http server that does no work, in one run. Needs a build (npm run build).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { catalog } from '../src/catalog/index.ts';

const CLIENTS = 50;
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1000);
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function startPortal(port, env) {
  const child = spawn(process.execPath, ['scripts/server.mjs'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), BOOKING_RATE_LIMIT: '1000000', DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-')), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  while (!out.includes('server.ready')) await new Promise((r) => setTimeout(r, 50));
  // The server's per-request log goes to a pipe nobody reads; drain it so it never blocks.
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  return () => new Promise((resolve) => child.once('exit', resolve) && child.kill('SIGTERM'));
}

function startBare(port) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end('{"reference":"JT-BARE00"}');
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(() => new Promise((r) => server.close(r)))));
}

/** Every free seat the portal offers, one slot id per seat. */
async function seats(base) {
  const today = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const ids = [];
  for (const { id: location, meetingTypes } of catalog.locations) {
    for (const type of meetingTypes) {
      const { slots } = await (await fetch(`${base}/api/slots?location=${location}&type=${type}&from=${today}&to=${to}`)).json();
      for (const s of slots) for (let i = 0; i < s.remaining; i += 1) ids.push(s.id);
    }
  }
  return ids;
}

async function run(base, slotIds) {
  const latencies = [];
  const statuses = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < slotIds.length) {
        const slotId = slotIds[next++];
        const t = performance.now();
        const res = await fetch(`${base}/api/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ slotId, name: 'Bench Mark', email: 'bench@example.se', language: 'sv', consent: true }),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  return { requests: latencies.length, statuses, perSecond: Math.round(latencies.length / seconds), p50: pct(50), p99: pct(99) };
}

const results = [];
const sqliteStop = await startPortal(4461, {});
const slotIds = (await seats('http://127.0.0.1:4461')).slice(0, BOOKINGS);
results.push({ server: 'portal, SQLite', ...(await run('http://127.0.0.1:4461', slotIds)) });
await sqliteStop();

const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const pgUp = await client.connect().then(() => client.query(`CREATE SCHEMA ${schema}`)).then(() => true, () => false);
if (pgUp) {
  const pgStop = await startPortal(4462, { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema });
  results.push({ server: 'portal, PostgreSQL', ...(await run('http://127.0.0.1:4462', slotIds)) });
  await pgStop();
  await client.query(`DROP SCHEMA ${schema} CASCADE`);
} else {
  console.warn(`PostgreSQL at ${postgresUrl} does not answer: its row is missing.`);
}
await client.end().catch(() => {});

const bareStop = await startBare(4463);
const bare = await run('http://127.0.0.1:4463', slotIds);
results.push({ server: 'bare node:http (no work)', ...bare });
await bareStop();

console.log(`${slotIds.length} bookings, ${CLIENTS} concurrent clients, each to a distinct free seat`);
console.table(
  results.map((r) => ({
    server: r.server,
    'requests/s': r.perSecond,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'share of bare': `${((100 * r.perSecond) / bare.perSecond).toFixed(1)} %`,
    statuses: JSON.stringify(r.statuses),
  })),
);
