// `npm run bench:intake`: booking latency under an open-loop load, as residents arrive: requests are
// due at a fixed rate whether or not earlier ones have been answered, and each latency counts from
// when its request was due, so a server that falls behind shows it (no coordinated omission).
// Rates of 50, 200 and 500 bookings/s for BENCH_SECONDS (default 20) each, then a burst of
// BENCH_BURST (default 500) bookings due at the same instant; on SQLite, on PostgreSQL
// (TEST_DATABASE_URL, a fresh schema) and on a bare node:http server that does no work, each in a
// process of its own. Every booking is real (a 201 with a durable row): the portal is built in a
// scratch copy whose job centres have a benchmark schedule with seats for every request.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseCatalog } from '../src/catalog/index.ts';
import { addDays, stockholmDate } from '../src/intake/calendar.ts';
import { slotsBetween } from '../src/intake/slots.ts';
import { freePort } from './free-port.ts';

const RATES = [50, 200, 500];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BURST = Number(process.env.BENCH_BURST ?? 500);
// BENCH_DATABASES=sqlite skips PostgreSQL (a quicker comparison of two SQLite builds).
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((d) => d.trim());
const unknown = DATABASES.filter((d) => d !== 'sqlite' && d !== 'postgres');
if (unknown.length > 0) throw new Error(`BENCH_DATABASES names ${unknown.join(', ')}: it takes sqlite, postgres or both`);
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Every weekday, a meeting every quarter of an hour from 08:00 to 16:45 with twenty seats, for every meeting type a centre offers. */
function benchLocations(locations) {
  const times = Array.from({ length: 36 }, (_, i) => `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
  return locations.map((l) => ({
    ...l,
    exampleConfiguration: {
      ...l.exampleConfiguration,
      booking: {
        ...l.exampleConfiguration.booking,
        schedule: l.meetingTypes.map((type) => ({ type, weekdays: [1, 2, 3, 4, 5], times, minutes: 15, capacity: 20 })),
      },
    },
  }));
}

/** The portal as built from this checkout, except for the benchmark schedule, in a scratch folder. */
function buildBenchPortal() {
  const root = mkdtempSync(join(tmpdir(), 'bench-intake-portal-'));
  for (const entry of ['src', 'content', 'locales', 'public', 'scripts', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(entry, join(root, entry), { recursive: true });
  }
  symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'), 'dir');
  const file = join(root, 'content/catalog/locations.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.locations = benchLocations(json.locations);
  const { locations } = parseCatalog({ ...catalogFiles(root), locations: json.locations });
  writeFileSync(file, JSON.stringify(json, null, 2));
  console.log(`Building the portal with the benchmark schedule in ${root} …`);
  const built = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error('the benchmark build failed');
  }
  return { root, locations };
}

function catalogFiles(root) {
  const read = (name) => JSON.parse(readFileSync(join(root, 'content/catalog', `${name}.json`), 'utf8'))[name];
  return { groups: read('groups'), services: read('services'), paths: read('paths') };
}

async function waitForReady(child, name) {
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  while (!out.includes('ready')) {
    if (child.exitCode !== null) throw new Error(`${name} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // The server's per-request log goes to a pipe nobody reads; drain it so it never blocks.
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  return () => new Promise((resolve) => child.once('exit', resolve) && child.kill('SIGTERM'));
}

function startPortal(root, port, env) {
  // BENCH_CPU_PROFILE=<folder>: each portal writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, 'scripts/server.mjs'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), BOOKING_RATE_LIMIT: '1000000000', DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-data-')), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return waitForReady(child, 'the portal');
}

/** A node:http server that reads the body and answers 201 with a small JSON, in a process of its own like the portal. */
function startBare(port) {
  const source = `
    const server = require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end('{"reference":"JT-BARE00"}');
      });
    });
    server.listen(${port}, '127.0.0.1', () => console.log('ready'));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));`;
  return waitForReady(spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] }), 'the bare server');
}

/** Every free seat in the benchmark schedule, one slot id per seat, spread over days and centres. */
function seats(locations) {
  const now = new Date();
  const today = stockholmDate(now);
  const ids = [];
  for (const location of locations) {
    for (const type of location.meetingTypes) {
      for (const slot of slotsBetween(location, type, addDays(today, 2), addDays(today, 27), now, [])) {
        for (let i = 0; i < slot.capacity; i += 1) ids.push(slot.id);
      }
    }
  }
  // Shuffled, so that concurrent bookings share slots and the seat count is checked under contention.
  for (let i = ids.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function post(port, slotId) {
  const body = JSON.stringify({ slotId, name: 'Bench Mark', email: 'bench@example.se', language: 'sv', consent: true });
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/bookings', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': randomUUID() } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', (error) => resolve(error.code ?? 'error'));
    req.end(body);
  });
}

/**
 * Sends `count` requests, the i-th due at start + i / rate (all at once for a burst), from a timer that
 * wakes every millisecond and sends whatever has come due. Latency is answer time minus due time.
 */
async function openLoop(port, slotIds, rate, count) {
  const latencies = [];
  const statuses = {};
  const pending = [];
  const start = performance.now() + 50;
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < count && (rate === Infinity || start + (sent * 1000) / rate <= now)) {
        const due = rate === Infinity ? start : start + (sent * 1000) / rate;
        const slotId = slotIds.pop();
        sent += 1;
        pending.push(
          post(port, slotId).then((status) => {
            latencies.push(performance.now() - due);
            statuses[status] = (statuses[status] ?? 0) + 1;
          }),
        );
      }
      if (sent < count) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 50);
  });
  await Promise.all(pending);
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const errors = Object.entries(statuses).filter(([s]) => s !== '201').reduce((n, [, c]) => n + c, 0);
  return { requests: count, achieved: Math.round(count / seconds), p50: pct(50), p99: pct(99), max: latencies.at(-1), errors, statuses };
}

/** The machine's 1-minute load average when a phase ends: other work on a shared machine shows in every figure. */
const machineLoad = () => loadavg()[0].toFixed(1);

async function phases(port, slotIds) {
  const out = [];
  for (const rate of RATES) out.push({ load: `${rate}/s for ${SECONDS} s`, ...(await openLoop(port, slotIds, rate, rate * SECONDS)), machine: machineLoad() });
  out.push({ load: `burst of ${BURST}`, ...(await openLoop(port, slotIds, Infinity, BURST)), machine: machineLoad() });
  return out;
}

const needed = RATES.reduce((n, r) => n + r * SECONDS, BURST);
const { root, locations } = buildBenchPortal();
const results = [];
try {
  const all = seats(locations);
  if (all.length < needed) throw new Error(`the benchmark schedule has ${all.length} seats, ${needed} are needed`);
  console.log(`${all.length} seats in the benchmark schedule, ${needed} bookings per server`);

  if (DATABASES.includes('sqlite')) {
    const port = await freePort();
    const stopSqlite = await startPortal(root, port, {});
    results.push(...(await phases(port, [...all])).map((r) => ({ server: 'portal, SQLite', ...r })));
    await stopSqlite();
  }

  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const pgUp = DATABASES.includes('postgres') && (await client.connect().then(() => client.query(`CREATE SCHEMA ${schema}`)).then(() => true, () => false));
  if (pgUp) {
    const port = await freePort();
    const stopPg = await startPortal(root, port, { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema });
    results.push(...(await phases(port, [...all])).map((r) => ({ server: 'portal, PostgreSQL', ...r })));
    await stopPg();
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
  } else if (DATABASES.includes('postgres')) {
    console.warn(`PostgreSQL at ${postgresUrl} does not answer: its rows are missing.`);
  }
  await client.end().catch(() => {});

  const barePort = await freePort();
  const stopBare = await startBare(barePort);
  results.push(...(await phases(barePort, [...all])).map((r) => ({ server: 'bare node:http (no work)', ...r })));
  await stopBare();
} finally {
  agent.destroy();
  rmSync(root, { recursive: true, force: true });
}

const bare = Object.fromEntries(results.filter((r) => r.server.startsWith('bare')).map((r) => [r.load, r]));
const ms = (n) => n.toFixed(1);
console.log('Open loop: latency from when each booking was due to its answer (ms)');
console.table(
  results.map((r) => ({
    server: r.server,
    load: r.load,
    'achieved/s': r.achieved,
    'p50 ms': ms(r.p50),
    'p99 ms': ms(r.p99),
    'max ms': ms(r.max),
    errors: r.errors,
    'p99 ÷ bare': (r.p99 / bare[r.load].p99).toFixed(1),
    statuses: JSON.stringify(r.statuses),
    'machine load': r.machine,
  })),
);
