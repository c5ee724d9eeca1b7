import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog';
import { bookingRequest } from '../../src/intake/booking-schema';
import { openStore } from '../../src/intake/db';
import { Keyring, newKeyFile } from '../../src/intake/keyring';
import { resolveSlot } from '../../src/intake/slots';
import { freePort, startServer, type TestServer } from './server';
import { signedInStaff, type StaffClient } from '../staff-client';
import { testDb, type TestDb } from './staff-db';

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface SlotJson {
  id: string;
  start: string;
  remaining: number;
}

/**
 * Schedule exceptions over real HTTP, against one database kind: admins close
 * a day or a session, change a capacity, add an extra session; residents'
 * slot lists and bookings follow at once; bookings a closure catches go to
 * the needs-review list.
 */
export function scheduleSuite(db: 'sqlite' | 'postgres', env: () => Promise<Record<string, string>>) {
  describe(`schedule exceptions on ${db}`, () => {
    let server: TestServer;
    let dbEnv: Record<string, string>;
    let sql: TestDb;
    let admin: StaffClient;
    let metricsPort: number;
    const run = randomUUID().slice(0, 6);
    const email = (who: string) => `${who}-${run}@stad.example`;

    beforeAll(async () => {
      // Every instance of a deployment shares the data key; the two-instance test below starts a second one.
      dbEnv = { DATA_DIR: mkdtempSync(join(tmpdir(), 'jobbtorg-schedule-')), DATA_KEY: JSON.stringify(newKeyFile()), ...(await env()) };
      metricsPort = await freePort();
      server = await startServer({ ...dbEnv, BOOKING_RATE_LIMIT: '100000', METRICS_PORT: String(metricsPort) });
      sql = testDb(dbEnv);
      admin = await signedInStaff(server.url, dbEnv, email('admin'), 'admin');
    }, 120_000);
    afterAll(async () => {
      await sql?.close();
      await server?.stop();
    });

    const slotsAt = async (base: string, location: string, type: string, date: string): Promise<SlotJson[]> => {
      const res = await fetch(`${base}/api/slots?location=${location}&type=${type}&from=${date}&to=${date}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { slots: SlotJson[] }).slots;
    };
    /** The first date (two days ahead or later) with bookable sessions of a type at a centre, and its sessions. */
    async function firstDay(location: string, type: string): Promise<{ date: string; slots: SlotJson[] }> {
      const from = plusDays(today(), 2);
      const res = await fetch(`${server.url}/api/slots?location=${location}&type=${type}&from=${from}&to=${plusDays(from, 20)}`);
      const all = ((await res.json()) as { slots: SlotJson[] }).slots;
      const date = all[0]!.start.slice(0, 10);
      return { date, slots: all.filter((s) => s.start.startsWith(date)) };
    }
    const book = (slotId: string, name = `Invånare ${randomUUID().slice(0, 8)}`, base = server.url) =>
      fetch(`${base}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slotId, name, phone: '070-123 45 67', language: 'sv', consent: true, website: '' }),
      });
    const timeOf = (slot: SlotJson) => slot.start.slice(11, 16);
    /** The schedule page's add form, as an admin (or anyone) sends it. */
    async function change(who: StaffClient, fields: Record<string, string>, base = '/personal/schema/') {
      return who.post(base, { csrf: await who.csrf('/personal/session/'), action: 'add', ...fields });
    }
    const seat = async (slotId: string) => (await sql.query('select booked, capacity, closed from slot_seats where slot_id = ?', [slotId]))[0];
    /** The occupancy metric: seats still free at a centre on a day. */
    const seatsLeft = async (location: string, date: string) => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return Number(new RegExp(`jobbtorg_seats_left\\{location="${location}",date="${date}"\\} (\\d+)`).exec(text)?.[1]);
    };
    const reviewPage = async (who: StaffClient, location: string) => who.get(`/personal/granska/?plats=${location}`);

    it('takes the closure of a day through a confirmation that counts its bookings, then lists them for review; removing it reopens the day', async () => {
      const { date, slots } = await firstDay('vallingby', 'intro');
      expect(slots.length).toBeGreaterThanOrEqual(3);
      const names = [`Stängd Ett ${run}`, `Stängd Två ${run}`];
      const made = await Promise.all([book(slots[0]!.id, names[0]), book(slots[1]!.id, names[1])]);
      expect(made.map((r) => r.status)).toEqual([201, 201]);
      const references = await Promise.all(made.map(async (r) => ((await r.json()) as { reference: string }).reference));

      const asked = await change(admin, { plats: 'vallingby', datum: date, andring: 'closed_day', orsak: 'illness' });
      expect(asked.status).toBe(200);
      const confirmation = await asked.text();
      expect(confirmation).toContain('data-affected="2"');
      expect(confirmation).toContain('Stängningen berör 2 bokningar.');
      // Nothing is closed until it is confirmed.
      expect(await slotsAt(server.url, 'vallingby', 'intro', date)).toHaveLength(slots.length);
      expect(await seatsLeft('vallingby', date)).toBeGreaterThanOrEqual(slots.length - 2);

      const confirmed = await change(admin, { plats: 'vallingby', datum: date, andring: 'closed_day', orsak: 'illness', bekrafta: 'ja' });
      expect(confirmed.status).toBe(303);
      expect(await slotsAt(server.url, 'vallingby', 'intro', date)).toEqual([]);
      expect((await book(slots[2]!.id)).status).toBe(409);
      expect(await seatsLeft('vallingby', date)).toBe(0);

      // The centre's caseworker sees both on the list, with the reason and the ways to move or cancel.
      const worker = await signedInStaff(server.url, dbEnv, email('vallingby'), 'caseworker', 'vallingby');
      const list = await reviewPage(worker, 'vallingby');
      expect(list.status).toBe(200);
      const html = await list.text();
      for (const shown of [...references, ...names, '+46701234567', 'Sjukdom']) expect(html).toContain(shown);
      expect(html).toContain(`/personal/bokning/${references[0]}/flytta/`);
      expect(html).toContain(`/personal/bokning/${references[0]}/avboka/?orsak=closed`);
      const viewed = await sql.query('select booking_refs from staff_audit where request_id = ?', [list.headers.get('x-request-id')]);
      expect(String(viewed[0]?.booking_refs).split(',').sort()).toEqual([...references].sort());
      // The day view shows the count and the closed sessions.
      const day = await (await worker.get(`/personal/dag/?plats=vallingby&datum=${date}`)).text();
      expect(day).toContain('2 bokningar på stängda mötestider behöver hanteras');
      expect(day).toContain('Stängd: Sjukdom');

      // A caseworker of another centre sees none of it.
      const other = await signedInStaff(server.url, dbEnv, email('kista-only'), 'caseworker', 'kista');
      const refused = await reviewPage(other, 'vallingby');
      expect(refused.status).toBe(403);
      const refusedHtml = await refused.text();
      for (const hidden of [...references, ...names]) expect(refusedHtml).not.toContain(hidden);

      // Removing the closure reopens the day; both changes are in the audit trail.
      const page = await (await admin.get('/personal/schema/?plats=vallingby')).text();
      const id = /name="id" value="([^"]+closed_day)"/.exec(page)![1]!;
      const removed = await admin.post('/personal/schema/', { csrf: await admin.csrf('/personal/session/'), action: 'remove', plats: 'vallingby', id });
      expect(removed.status).toBe(303);
      expect((await slotsAt(server.url, 'vallingby', 'intro', date)).map((s) => [s.id, s.remaining])).toEqual(slots.map((s, i) => [s.id, i < 2 ? 0 : 1]));
      expect(await (await reviewPage(worker, 'vallingby')).text()).not.toContain(references[0]!);
      const trail = await sql.query("select action, detail from staff_audit where location = ? and action like 'schedule.%' order by id", ['vallingby']);
      expect(trail.map((r) => r.action)).toEqual(['schedule.close', 'schedule.remove']);
      expect(String(trail[0]!.detail)).toMatch(/ illness affected=2$/);
    }, 120_000);

    it('changes no schedule whose audit row cannot be written: the closure, its seat rows and its row stand or fall together', async () => {
      const { date, slots } = await firstDay('kista', 'intro');
      const slot = slots[0]!;
      // An exception made while the trail works, to be removed while it does not.
      expect((await change(admin, { plats: 'kista', datum: date, andring: 'capacity', typ: 'intro', tid: timeOf(slots[1]!), platser: '7' })).status).toBe(303);
      const kept = `${slots[1]!.id}.capacity`;
      const before = await seat(slot.id);
      // A trigger that refuses every new audit row: the trail is down.
      if (db === 'postgres') await sql.query("CREATE OR REPLACE FUNCTION test_block_schedule() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'blocked'; END $$");
      const [block, unblock] =
        db === 'sqlite'
          ? ["CREATE TRIGGER test_block_schedule BEFORE INSERT ON staff_audit BEGIN SELECT RAISE(ABORT, 'blocked'); END", 'DROP TRIGGER test_block_schedule']
          : ['CREATE TRIGGER test_block_schedule BEFORE INSERT ON staff_audit FOR EACH ROW EXECUTE FUNCTION test_block_schedule()', 'DROP TRIGGER test_block_schedule ON staff_audit'];
      await sql.query(block);
      try {
        const refused = await change(admin, { plats: 'kista', datum: date, andring: 'closed_session', typ: 'intro', tid: timeOf(slot), orsak: 'training', bekrafta: 'ja' });
        expect(refused.status).toBe(503);
        expect(await refused.text()).toContain('Varje ändring loggas, och loggen svarar inte just nu. Ingenting har ändrats.');
        const removal = await admin.post('/personal/schema/', { csrf: await admin.csrf('/personal/session/'), action: 'remove', plats: 'kista', id: kept });
        expect(removal.status).toBe(503);
      } finally {
        await sql.query(unblock);
      }
      expect(await sql.query('select capacity from schedule_exceptions where id = ?', [kept])).toHaveLength(1);
      expect(await seat(slots[1]!.id)).toMatchObject({ capacity: 7 });
      expect(await sql.query('select id from schedule_exceptions where id = ?', [`${slot.id}.closed_session`])).toEqual([]);
      expect(await seat(slot.id)).toEqual(before);
      expect((await slotsAt(server.url, 'kista', 'intro', date)).map((s) => s.id)).toContain(slot.id);
    }, 60_000);

    it('leaves no booking in a closed session unaccounted for when residents book it during the closure', async () => {
      const { date, slots } = await firstDay('kista', 'intro');
      const slot = slots[0]!;
      const time = timeOf(slot);
      // Room for all of them: only the closure can refuse a booking.
      expect((await change(admin, { plats: 'kista', datum: date, andring: 'capacity', typ: 'intro', tid: time, platser: '30' })).status).toBe(303);
      expect((await slotsAt(server.url, 'kista', 'intro', date)).find((s) => s.id === slot.id)?.remaining).toBe(30);

      const fire = () => Array.from({ length: 10 }, () => book(slot.id));
      const before = fire();
      const closure = change(admin, { plats: 'kista', datum: date, andring: 'closed_session', typ: 'intro', tid: time, orsak: 'training', bekrafta: 'ja' });
      const after = fire();
      const answers = await Promise.all([...before, ...after]);
      expect((await closure).status).toBe(303);

      const accepted: string[] = [];
      for (const answer of answers) {
        if (answer.status === 201) accepted.push(((await answer.json()) as { reference: string }).reference);
        else {
          expect(answer.status).toBe(409);
          expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('slot_unavailable');
        }
      }
      // Once the closure has committed, nothing more is taken.
      expect((await book(slot.id)).status).toBe(409);
      expect(await slotsAt(server.url, 'kista', 'intro', date)).not.toContainEqual(expect.objectContaining({ id: slot.id }));
      const held = await seat(slot.id);
      expect(Number(held!.booked)).toBe(accepted.length);
      expect(Boolean(held!.closed)).toBe(true);
      const stored = await sql.query('select reference from bookings where slot_id = ? and cancelled_at is null', [slot.id]);
      expect(stored.map((r) => r.reference).sort()).toEqual([...accepted].sort());
      // Every one of them is on the list, however the race went.
      const html = await (await reviewPage(admin, 'kista')).text();
      for (const reference of accepted) expect(html).toContain(reference);
    }, 120_000);

    it('refuses a capacity below the seats taken, naming them, and changes nothing', async () => {
      const { date, slots } = await firstDay('skarholmen', 'intro');
      const slot = slots[0]!;
      const time = timeOf(slot);
      expect((await change(admin, { plats: 'skarholmen', datum: date, andring: 'capacity', typ: 'intro', tid: time, platser: '3' })).status).toBe(303);
      expect((await book(slot.id)).status).toBe(201);
      expect((await book(slot.id)).status).toBe(201);

      const refused = await change(admin, { plats: 'skarholmen', datum: date, andring: 'capacity', typ: 'intro', tid: time, platser: '1' });
      expect(refused.status).toBe(409);
      const html = await refused.text();
      const message = '2 platser är redan bokade. Ange minst 2 platser, eller stäng mötestiden och flytta bokningarna';
      expect(/<div role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1]).toContain(message);
      expect(html).toMatch(new RegExp(`<p class="error-message" id="platser-error">${message}</p>`));
      expect(html).toContain('value="1"');
      expect(await seat(slot.id)).toMatchObject({ capacity: 3 });
      expect((await slotsAt(server.url, 'skarholmen', 'intro', date)).find((s) => s.id === slot.id)?.remaining).toBe(1);
      const day = await (await admin.get(`/personal/dag/?plats=skarholmen&datum=${date}`)).text();
      expect(day).toMatch(new RegExp(`${time}–[^<]*:\\s*1 av 3 platser lediga\\s*\\(Ändrat antal platser\\)`));
      const rows = await sql.query('select capacity from schedule_exceptions where id = ?', [`${slot.id}.capacity`]);
      expect(rows.map((r) => Number(r.capacity))).toEqual([3]);
    }, 60_000);

    it('offers an extra session to residents through the slot list and books it', async () => {
      const { date } = await firstDay('kungsholmen', 'intro');
      expect((await change(admin, { plats: 'kungsholmen', datum: date, andring: 'extra', typ: 'intro', tid: '16:15', minuter: '30', platser: '2' })).status).toBe(303);
      const extra = (await slotsAt(server.url, 'kungsholmen', 'intro', date)).find((s) => timeOf(s) === '16:15');
      expect(extra).toMatchObject({ id: `kungsholmen.intro.${date.replaceAll('-', '')}T1615`, remaining: 2 });
      const made = await book(extra!.id);
      expect(made.status).toBe(201);
      expect(((await made.json()) as { slot: { end: string } }).slot.end.slice(11, 16)).toBe('16:45');
      expect((await slotsAt(server.url, 'kungsholmen', 'intro', date)).find((s) => s.id === extra!.id)?.remaining).toBe(1);
      // The staff day shows it as extra, with its seats.
      const day = await (await admin.get(`/personal/dag/?plats=kungsholmen&datum=${date}`)).text();
      expect(day).toMatch(/16:15–16:45 [^<]* \(Extra mötestid\):\s*1 av 2 platser lediga/);
      // With a booking in it, the extra session cannot simply be removed.
      const page = await (await admin.get('/personal/schema/?plats=kungsholmen')).text();
      const id = `${extra!.id}.extra`;
      expect(page).toContain(`value="${id}"`);
      const refused = await admin.post('/personal/schema/', { csrf: await admin.csrf('/personal/session/'), action: 'remove', plats: 'kungsholmen', id });
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain('Den extra mötestiden har 1 bokning. Flytta eller avboka den först');
    }, 60_000);

    it('takes a closed session out of the slot list and refuses a booking for it', async () => {
      const { date, slots } = await firstDay('vantor', 'guidance');
      const [closed, open] = slots;
      const asked = await change(admin, { plats: 'vantor', datum: date, andring: 'closed_session', typ: 'guidance', tid: timeOf(closed!), orsak: 'other' });
      expect(await asked.text()).toContain('Stängningen berör 0 bokningar.');
      // "Ändra" goes back to the form as it was filled in, with nothing closed.
      const back = await change(admin, { plats: 'vantor', datum: date, andring: 'closed_session', typ: 'guidance', tid: timeOf(closed!), orsak: 'other', bekrafta: 'andra' });
      expect(back.status).toBe(200);
      const form = await back.text();
      expect(form).toContain(`id="datum" name="datum" class="input" type="text" autocomplete="off" value="${date}"`);
      expect(form).toMatch(/value="closed_session" checked/);
      expect((await slotsAt(server.url, 'vantor', 'guidance', date)).map((s) => s.id)).toContain(closed!.id);
      expect((await change(admin, { plats: 'vantor', datum: date, andring: 'closed_session', typ: 'guidance', tid: timeOf(closed!), orsak: 'other', bekrafta: 'ja' })).status).toBe(303);
      const ids = (await slotsAt(server.url, 'vantor', 'guidance', date)).map((s) => s.id);
      expect(ids).not.toContain(closed!.id);
      if (open) expect(ids).toContain(open.id);
      const refused = await book(closed!.id);
      expect(refused.status).toBe(409);
      expect(await sql.query('select reference from bookings where slot_id = ?', [closed!.id])).toEqual([]);
    }, 60_000);

    it('lets no one but an admin add an exception: 403 and nothing changed', async () => {
      const { date, slots } = await firstDay('kista', 'guidance');
      const worker = await signedInStaff(server.url, dbEnv, email('kista-worker'), 'caseworker', 'kista');
      expect((await worker.get('/personal/schema/?plats=kista')).status).toBe(403);
      const refused = await change(worker, { plats: 'kista', datum: date, andring: 'closed_day', orsak: 'illness', bekrafta: 'ja' });
      expect(refused.status).toBe(403);
      expect(await sql.query('select id from schedule_exceptions where id = ?', [`kista.${date.replaceAll('-', '')}.closed_day`])).toEqual([]);
      expect((await slotsAt(server.url, 'kista', 'guidance', date)).map((s) => s.id)).toEqual(slots.map((s) => s.id));
      expect(await sql.query("select id from staff_audit where request_id = ? and action like 'schedule.%'", [refused.headers.get('x-request-id')])).toEqual([]);
    }, 60_000);

    it('holds a request that resolved its slot before an exception to the seat row: a lowered capacity and a closure stand', async () => {
      const { date, slots } = await firstDay('jobbstart', 'jobbstart');
      const slot = slots[0]!;
      // What a resident's request resolved just before the admin's change committed: the schedule's 12 seats, open.
      const stale = resolveSlot(slot.id, catalog.locations, new Date(), [])!;
      expect(stale.capacity).toBe(12);
      expect((await change(admin, { plats: 'jobbstart', datum: date, andring: 'capacity', typ: 'jobbstart', tid: timeOf(slot), platser: '2' })).status).toBe(303);
      const store = openStore({ databaseUrl: dbEnv.DATABASE_URL, databaseSchema: dbEnv.DATABASE_SCHEMA, dataDir: dbEnv.DATA_DIR! }, new Keyring(JSON.parse(dbEnv.DATA_KEY!)));
      try {
        const request = bookingRequest.parse({ slotId: slot.id, name: 'Sen Förfrågan', phone: '070-123 45 67', language: 'sv', consent: true });
        const bookStale = () =>
          store.book({ reference: `JT-${randomUUID().slice(0, 6).toUpperCase()}`, cancelTokenHash: randomUUID(), request, slot: () => stale, idempotencyKey: undefined, requestHash: randomUUID(), now: new Date(), outbox: { reminderHours: 24 } });
        expect((await bookStale()).kind).toBe('created');
        expect((await bookStale()).kind).toBe('created');
        expect((await bookStale()).kind).toBe('slot_full');
        expect(await seat(slot.id)).toMatchObject({ capacity: 2, booked: 2 });
        expect((await change(admin, { plats: 'jobbstart', datum: date, andring: 'closed_session', typ: 'jobbstart', tid: timeOf(slot), orsak: 'illness', bekrafta: 'ja' })).status).toBe(303);
        // Room for one more seat, so only the closure can refuse it.
        await sql.query('update slot_seats set capacity = 3 where slot_id = ?', [slot.id]);
        expect((await bookStale()).kind).toBe('slot_closed');
      } finally {
        await store.close();
      }
    }, 60_000);

    it.runIf(db === 'postgres')('shows an exception made through one instance at once in the other’s slot list', async () => {
      const second = await startServer({ ...dbEnv, BOOKING_RATE_LIMIT: '100000' });
      try {
        const { date, slots } = await firstDay('jobbtorg-unga', 'youth');
        const slot = slots[0]!;
        expect((await slotsAt(second.url, 'jobbtorg-unga', 'youth', date)).map((s) => s.id)).toContain(slot.id);
        expect((await change(admin, { plats: 'jobbtorg-unga', datum: date, andring: 'closed_session', typ: 'youth', tid: timeOf(slot), orsak: 'illness', bekrafta: 'ja' })).status).toBe(303);
        expect((await slotsAt(second.url, 'jobbtorg-unga', 'youth', date)).map((s) => s.id)).not.toContain(slot.id);
        expect((await book(slot.id, undefined, second.url)).status).toBe(409);
        // And a capacity changed through the first is the second's at once.
        const next = slots[1]!;
        expect((await change(admin, { plats: 'jobbtorg-unga', datum: date, andring: 'capacity', typ: 'youth', tid: timeOf(next), platser: '4' })).status).toBe(303);
        expect((await slotsAt(second.url, 'jobbtorg-unga', 'youth', date)).find((s) => s.id === next.id)?.remaining).toBe(4);
      } finally {
        await second.stop();
      }
    }, 120_000);
  });
}
