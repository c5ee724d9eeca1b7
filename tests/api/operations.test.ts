import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLocation } from '../../src/catalog';
import { bookingRequest } from '../../src/intake/booking-schema';
import { newReference, requestHash } from '../../src/intake/booking';
import { openStore } from '../../src/intake/db';
import { Keyring, newKeyFile } from '../../src/intake/keyring';
import { purgeExpired } from '../../src/intake/purge';
import { addDays, stockholmDate } from '../../src/intake/calendar';
import { slotsBetween } from '../../src/intake/slots';
import type { IntakeStore } from '../../src/intake/store';
import { legacyPostgres, legacySqlite } from './legacy-schema';
import { freshSchema, postgresUrl } from './postgres';
import { foundInPostgresDump, foundInSqliteFiles } from './raw';
import { freePort, startServer, type TestServer } from './server';

describe('operations', () => {
  let limited: TestServer;
  let broken: TestServer;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    [limited, broken] = await Promise.all([
      startServer({ BOOKING_RATE_LIMIT: '3', METRICS_PORT: String(metricsPort), TRUST_PROXY: 'loopback' }),
      // Nothing listens on port 9: the database is "down" from the first request.
      startServer({ DATABASE_URL: 'postgres://postgres@127.0.0.1:9/test', BOOKING_RATE_LIMIT: '3' }),
    ]);
  });
  afterAll(async () => Promise.all([limited?.stop(), broken?.stop()]));

  const post = (server: TestServer, body: unknown) =>
    fetch(`${server.url}/api/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers 429 with Retry-After when one client exceeds BOOKING_RATE_LIMIT in ten minutes', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post(limited, { slotId: 'x' })).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const res = await post(limited, {});
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(600);
  });

  it('answers liveness and readiness apart, and Prometheus metrics on their own port only, without references', async () => {
    expect((await fetch(`${limited.url}/api/live`)).status).toBe(200);
    expect(await (await fetch(`${limited.url}/api/ready`)).json()).toEqual({ status: 'ready' });
    // The database down: alive, not ready.
    expect((await fetch(`${broken.url}/api/live`)).status).toBe(200);
    expect(await (await fetch(`${broken.url}/api/ready`)).json()).toEqual({ status: 'db_unavailable' });
    expect((await fetch(`${broken.url}/api/ready`)).status).toBe(503);
    const now = new Date();
    const slot = slotsBetween(findLocation('kista')!, 'intro', stockholmDate(now), addDays(stockholmDate(now), 14), now, [])[0]!;
    // Another client than the rate-limit test's (the test is the trusted proxy on loopback).
    const booked = await fetch(`${limited.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1' },
      body: JSON.stringify({ slotId: slot.id, name: 'Mätbar', email: 'm@example.se', language: 'sv', consent: true }),
    });
    expect(booked.status).toBe(201);
    const { reference } = (await booked.json()) as { reference: string };
    expect((await fetch(`${limited.url}/metrics`)).status).toBe(404);
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/bookings",status="201"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/bookings"\} \d+/);
    expect(text).toContain('jobbtorg_bookings{state="active"} 1');
    // An API booking that asked for no messages owes none: every state is there, at zero.
    for (const state of ['queued', 'sent', 'failed', 'dead', 'dropped']) expect(text).toContain(`jobbtorg_messages{state="${state}"} 0`);
    expect(text).toMatch(new RegExp(`jobbtorg_seats_left\\{location="kista",date="${stockholmDate(slot.start)}"\\} \\d+`));
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
    expect(text).not.toContain(reference);
  });

  it('sends the security headers on pages too: a CSP with hashes and no unsafe-inline, HSTS, nosniff', async () => {
    for (const path of ['/sv/', '/ar/insatser/praktik/', '/sv/finns-inte/']) {
      const res = await fetch(`${limited.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')*;/);
      expect(csp, path).not.toContain('unsafe-inline');
      for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"]) expect(csp, path).toContain(directive);
      expect(res.headers.get('strict-transport-security'), path).toMatch(/max-age=\d{8,}/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
    }
  });

  it('opens the staff API to no bearer but an integration key (STAFF_TOKEN grants nothing any more)', async () => {
    const res = await fetch(`${limited.url}/api/staff/bookings?location=kista&date=2026-12-01`, { headers: { authorization: 'Bearer anything' } });
    expect(res.status).toBe(401);
  });

  it('says 503 when the database cannot be reached, for health, slots and bookings, without internals', async () => {
    const health = await fetch(`${broken.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ error: { code: 'db_unavailable', db: 'postgres' } });
    const slots = await fetch(`${broken.url}/api/slots?location=kista&type=intro`);
    expect(slots.status).toBe(503);
    const now = new Date();
    const slot = slotsBetween(findLocation('kista')!, 'intro', stockholmDate(now), addDays(stockholmDate(now), 14), now, [])[0]!;
    const booking = await post(broken, { slotId: slot.id, name: 'A', email: 'a@example.se', language: 'sv', consent: true });
    expect(booking.status).toBe(503);
    expect(booking.headers.get('retry-after')).toBe('30');
    const text = JSON.stringify(await booking.json());
    expect(text).not.toMatch(/ECONNREFUSED|stack|at .*\.js/);
    expect(broken.log()).not.toMatch(/ECONNREFUSED.*\n.*at /);
  });

  it('keeps the rate limit while the database is down, counting in memory (the 503 above was the first attempt)', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(broken, { slotId: 'x', name: 'A', email: 'a@example.se', language: 'sv', consent: true })).status);
    expect(statuses).toEqual([503, 503, 429]);
  });
});

/** A booking whose meeting ended `daysAgo` days before `now`, straight into the store. */
async function seed(store: IntakeStore, now: Date, daysAgo: number) {
  const location = findLocation('kista')!;
  const end = new Date(now.getTime() - daysAgo * 86_400_000);
  const request = bookingRequest.parse({ slotId: `kista.intro.past${daysAgo}`, name: 'Arkiv', email: 'a@example.se', language: 'sv', consent: true });
  const result = await store.book({
    reference: newReference(),
    cancelTokenHash: 'x',
    request,
    slot: () => ({ id: `kista.intro.past${daysAgo}`, location: location.id, type: 'intro', start: new Date(end.getTime() - 45 * 60_000), end, capacity: 1 }),
    idempotencyKey: undefined,
    requestHash: requestHash(request),
    now,
    outbox: { reminderHours: 24 },
  });
  if (result.kind !== 'created') throw new Error(result.kind);
  return result.booking.reference;
}

async function retention(open: () => Promise<IntakeStore | undefined>) {
  const store = await open();
  if (!store) return;
  try {
    await store.migrate();
    await store.migrate(); // start-up twice: migrations apply once
    const now = new Date('2026-12-15T12:00:00Z');
    const kept = await seed(store, now, 29);
    const gone = await seed(store, now, 31);
    expect(await purgeExpired(store, 30, now)).toBe(1);
    expect(await store.find(kept)).toBeDefined();
    expect(await store.find(gone)).toBeUndefined();
  } finally {
    await store.close();
  }
}

const keyring = new Keyring(newKeyFile());
const sqliteStore = (dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-'))) => openStore({ databaseUrl: undefined, databaseSchema: undefined, dataDir }, keyring);
const postgresStore = (schema: string) => openStore({ databaseUrl: postgresUrl, databaseSchema: schema, dataDir: '' }, keyring);

/** A PostgreSQL schema of its own, or undefined (and a warning; a failure under CI=true) without a server. */
async function postgresSchema(what: string): Promise<string | undefined> {
  const schema = await freshSchema();
  if (!schema && process.env.CI === 'true') throw new Error('PostgreSQL is required under CI=true');
  if (!schema) console.warn(`PostgreSQL not reachable: ${what} on PostgreSQL skipped`);
  return schema;
}

describe('retention (npm run intake:purge)', () => {
  it('keeps a booking whose meeting ended 29 days ago and deletes one from 31 days ago: SQLite', () => retention(async () => sqliteStore()));

  it('keeps a booking whose meeting ended 29 days ago and deletes one from 31 days ago: PostgreSQL', async () => {
    const schema = await postgresSchema('retention');
    await retention(async () => (schema ? postgresStore(schema) : undefined));
  });
});

/** The legacy row's details, which the migration must seal. */
const legacySecrets = ['Legacy Person', 'legacy@example.se'];

/** A database made by the builds before Kysely: the migrator adopts it, every row kept (its details sealed), and booking goes on. */
async function adoption(store: IntakeStore, raw: () => string[]) {
  try {
    await store.migrate();
    expect(raw()).toEqual([]);
    const kept = await store.find('JT-AB2345');
    expect(kept).toMatchObject({
      name: 'Legacy Person',
      email: 'legacy@example.se',
      interpreter: true,
      interpreterLanguage: 'arabiska',
      start: new Date('2026-11-25T08:00:00.000Z'),
      cancelledAt: null,
    });
    // The secret stays, so cancel links already sent keep working.
    expect(await store.tokenSecret()).toBe('legacy-secret');
    expect(await store.taken(['kista.intro.20261125T0900'])).toEqual(new Map([['kista.intro.20261125T0900', 1]]));
    expect(await store.cancel('JT-AB2345', new Date(), { kind: 'cancelled', actor: 'resident' }, { reminderHours: 24 })).toBe('cancelled');
    expect(await store.taken(['kista.intro.20261125T0900'])).toEqual(new Map([['kista.intro.20261125T0900', 0]]));
    const now = new Date('2026-12-15T12:00:00Z');
    await seed(store, now, 1);
    // Found by its e-mail through the keyed hash the migration added.
    expect((await store.bookingsByContact('email', ' Legacy@Example.se')).map((b) => b.reference)).toContain('JT-AB2345');
  } finally {
    await store.close();
  }
}

describe('adopting a database made before Kysely', () => {
  it('keeps its rows and secret, seals the details, and applies nothing twice: SQLite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-'));
    legacySqlite(dataDir);
    await adoption(sqliteStore(dataDir), () => foundInSqliteFiles(dataDir, legacySecrets));
  });

  it('keeps its rows and secret, seals the details, and applies nothing twice: PostgreSQL', async () => {
    const schema = await postgresSchema('adoption');
    if (!schema) return;
    await legacyPostgres(postgresUrl, schema);
    await adoption(postgresStore(schema), () => foundInPostgresDump(schema, legacySecrets));
  });
});

/**
 * A double click, straight at the store so the requests truly overlap: ten
 * bookings with one key for a slot's last seat. Each must get the one booking
 * back; none may find the seat taken by its own twin.
 */
async function oneKeyRace(store: IntakeStore) {
  try {
    await store.migrate();
    const request = bookingRequest.parse({ slotId: 'kista.intro.race', name: 'Dubbel', email: 'd@example.se', language: 'sv', consent: true });
    const slot = { id: 'kista.intro.race', location: 'kista', type: 'intro' as const, start: new Date(), end: new Date(), capacity: 1 };
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.book({ reference: newReference(), cancelTokenHash: 'x', request, slot: () => slot, idempotencyKey: key, requestHash: requestHash(request), now: new Date(), outbox: { reminderHours: 24 } }),
      ),
    );
    expect(results.map((r) => r.kind).sort()).toEqual(['created', ...Array<string>(9).fill('replayed')]);
    expect(new Set(results.map((r) => ('booking' in r ? r.booking.reference : r.kind))).size).toBe(1);
  } finally {
    await store.close();
  }
}

describe('one idempotency key, ten requests at once', () => {
  it('books once and answers each with that booking: SQLite', () => oneKeyRace(sqliteStore()));

  it('books once and answers each with that booking: PostgreSQL', async () => {
    const schema = await postgresSchema('the key race');
    if (schema) await oneKeyRace(postgresStore(schema));
  });
});
