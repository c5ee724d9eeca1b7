import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/intake/db';
import { Keyring, newKeyFile } from '../../src/intake/keyring';
import type { IntakeStore } from '../../src/intake/store';
import { freshSchema, postgresUrl } from './postgres';
import { startServer, type TestServer } from './server';

/**
 * Three instances on one PostgreSQL database, as a deployment behind a load
 * balancer runs them: each trusts the proxy on loopback (the test), so the
 * client is the right-most X-Forwarded-For address the proxy appended.
 */
const LIMIT = 5;
const schema = await freshSchema();
if (!schema && process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true and ${postgresUrl} does not answer`);
const keyFile = newKeyFile();

interface SlotJson {
  id: string;
  start: string;
  remaining: number;
}

describe.skipIf(!schema)('three instances on one PostgreSQL database', () => {
  let instances: TestServer[] = [];
  let store: IntakeStore;
  const tag = randomUUID().slice(0, 8);
  let next = 0;
  /** Round-robin over the instances still meant to take traffic. */
  const pick = () => instances[next++ % instances.length]!;
  let clientNo = 0;
  /** A client address of its own (TEST-NET-2), as the proxy would append it. */
  const newClient = () => `198.51.100.${(clientNo++ % 250) + 1}`;
  const book = (server: TestServer, slotId: string, client: string, extra: Record<string, string> = {}) =>
    fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client, ...extra },
      body: JSON.stringify({ slotId, name: `Flera Instanser ${tag}`, email: `many-${tag}@example.se`, language: 'sv', consent: true }),
    });
  const freeSlots = async (location: string, type: string): Promise<SlotJson[]> => {
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${pick().url}/api/slots?location=${location}&type=${type}&from=${from}&to=${to}`);
    return ((await res.json()) as { slots: SlotJson[] }).slots.filter((s) => s.remaining > 0);
  };

  beforeAll(async () => {
    const env = {
      DATABASE_URL: postgresUrl,
      DATABASE_SCHEMA: schema!,
      DATA_KEY: JSON.stringify(keyFile),
      BOOKING_RATE_LIMIT: String(LIMIT),
      TRUST_PROXY: '127.0.0.1',
    };
    instances = await Promise.all([startServer(env), startServer(env), startServer({ ...env, SHUTDOWN_DRAIN_SECONDS: '2' })]);
    store = openStore({ databaseUrl: postgresUrl, databaseSchema: schema!, dataDir: '' }, new Keyring(keyFile));
  }, 90_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await store?.close();
  });

  it('gives 100 concurrent bookings of a one-seat slot, spread over the three, exactly one seat', async () => {
    const [slot] = await freeSlots('kungsholmen', 'intro');
    const results = await Promise.all(Array.from({ length: 100 }, () => book(pick(), slot!.id, newClient())));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(await store.taken([slot!.id])).toEqual(new Map([[slot!.id, 1]]));
  });

  it('refuses a client over the limit on every instance, whatever X-Forwarded-For it writes itself', async () => {
    const client = '203.0.113.77';
    // The limit, spent across the three instances (invalid bodies count as attempts too).
    for (let i = 0; i < LIMIT; i += 1) expect((await book(pick(), 'no-such-slot', client)).status).toBe(409);
    for (const server of instances) {
      expect((await book(server, 'no-such-slot', client)).status).toBe(429);
      // The client writes addresses of its own; the proxy appends the real one, which is all that counts.
      const spoofed = await book(server, 'no-such-slot', `${newClient()}, 10.9.8.7, ${client}`);
      expect(spoofed.status).toBe(429);
      expect(Number(spoofed.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // A client whose own header names the limited address is not limited by it.
    expect((await book(pick(), 'no-such-slot', `${client}, ${newClient()}`)).status).toBe(409);
  });

  it('SIGTERM to one instance mid-load: readiness turns 503 first, every 201 is in the database whole, nothing else is', async () => {
    const slots = [...(await freeSlots('kista', 'intro')), ...(await freeSlots('vantor', 'intro')), ...(await freeSlots('skarholmen', 'intro'))].slice(0, 90);
    expect(slots.length).toBeGreaterThanOrEqual(60);
    const victim = instances[2]!;
    const accepted: string[] = [];
    const refused: number[] = [];
    let sent = 0;
    const readiness: number[] = [];
    let stopping: Promise<void> | undefined;
    const worker = async (server: TestServer) => {
      while (sent < slots.length) {
        const slot = slots[sent++]!;
        if (sent === 20) {
          // Mid-load: the victim is told to stop; its readiness is watched until it says 503.
          victim.signal('SIGTERM');
          stopping = (async () => {
            for (;;) {
              const status = await fetch(`${victim.url}/api/ready`).then((r) => r.status, () => 0);
              readiness.push(status);
              if (status !== 200) break;
            }
          })();
        }
        // The load balancer stops sending to the victim once its readiness says 503.
        const target = server === victim && readiness.includes(503) ? instances[sent % 2]! : server;
        try {
          const res = await book(target, slot.id, newClient());
          if (res.status === 201) accepted.push(((await res.json()) as { reference: string }).reference);
          else refused.push(res.status);
        } catch {
          refused.push(0); // sent as the victim's listener closed: not accepted, and nothing may be written
        }
      }
    };
    // Four clients on each instance, each its own sequence.
    await Promise.all(instances.flatMap((server) => Array.from({ length: 4 }, () => worker(server))));
    await stopping;
    expect(readiness.at(-1)).toBe(503);
    expect(await victim.exited).toBe(0);
    const log = victim.log();
    expect(log.indexOf('"server.draining"')).toBeGreaterThan(-1);
    expect(log.indexOf('"server.draining"')).toBeLessThan(log.indexOf('"server.stopped"'));
    expect(refused.every((s) => s === 0), `refused: ${refused.join(',')}`).toBe(true);
    // Every accepted booking is there, readable, with its seat counted; no booking was written without its 201.
    for (const reference of accepted) expect(await store.find(reference)).toMatchObject({ name: `Flera Instanser ${tag}` });
    const taken = await store.taken(slots.map((s) => s.id));
    expect([...taken.values()].reduce((a, b) => a + b, 0)).toBe(accepted.length);
    expect(accepted.length + refused.length).toBe(slots.length);
    instances = instances.slice(0, 2);
  });
});
