import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';
import { integrationKey, signedInStaff, type StaffClient } from '../staff-client';
import { testDb, type TestDb } from './staff-db';

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Staff acting on bookings (book for a caller, cancel, move, attendance, overview) over real HTTP, against one database kind. */
export function staffActionsSuite(db: 'sqlite' | 'postgres', env: () => Promise<Record<string, string>>) {
  describe(`staff actions on ${db}`, () => {
    let server: TestServer;
    let dbEnv: Record<string, string>;
    let sql: TestDb;
    let admin: StaffClient;
    let kista: StaffClient;
    let vallingby: StaffClient;
    const run = randomUUID().slice(0, 6);
    const email = (who: string) => `${who}-${run}@stad.example`;
    const taken = new Set<string>();

    beforeAll(async () => {
      dbEnv = { DATA_DIR: mkdtempSync(join(tmpdir(), 'jobbtorg-actions-')), ...(await env()) };
      // No worker: the messages a change queues stay queued, for the test to read.
      server = await startServer({ ...dbEnv, BOOKING_RATE_LIMIT: '100000', OUTBOX_WORKER: 'off' });
      sql = testDb(dbEnv);
      [admin, kista, vallingby] = await Promise.all([
        signedInStaff(server.url, dbEnv, email('admin'), 'admin'),
        signedInStaff(server.url, dbEnv, email('kista'), 'caseworker', 'kista'),
        signedInStaff(server.url, dbEnv, email('vallingby'), 'caseworker', 'vallingby'),
      ]);
    });
    afterAll(async () => {
      await sql?.close();
      await server?.stop();
    });

    const accountId = async (who: string) => String((await sql.query('select id from staff_accounts where email = ?', [email(who)]))[0]!.id);
    const slotsAt = async (location: string, type = 'intro') =>
      ((await (await fetch(`${server.url}/api/slots?location=${location}&type=${type}&from=${today()}&to=${plusDays(today(), 40)}`)).json()) as { slots: { id: string; start: string; remaining: number }[] }).slots;
    /** A free time at a centre that no other test here has taken. */
    async function freeSlot(location: string, type = 'intro') {
      const slot = (await slotsAt(location, type)).find((s) => s.remaining > 0 && !taken.has(s.id))!;
      taken.add(slot.id);
      return slot;
    }
    /** A resident's booking through the public API, asking for e-mail. */
    async function residentBooks(location: string, slotId?: string) {
      const id = slotId ?? (await freeSlot(location)).id;
      const made = await fetch(`${server.url}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slotId: id, name: `Invånare ${randomUUID().slice(0, 8)}`, email: `${randomUUID().slice(0, 8)}@example.se`, notifyEmail: true, language: 'sv', consent: true, website: '' }),
      });
      expect(made.status).toBe(201);
      return { reference: ((await made.json()) as { reference: string }).reference, slotId: id };
    }
    const bookingRow = async (reference: string) => (await sql.query('select * from bookings where reference = ?', [reference]))[0]!;
    const eventsOf = (reference: string) => sql.query('select * from booking_events where reference = ? order by id', [reference]);
    const auditOf = (res: Response) => sql.query('select * from staff_audit where request_id = ?', [res.headers.get('x-request-id')]);
    const seats = async (slotId: string) => Number((await sql.query('select booked from slot_seats where slot_id = ?', [slotId]))[0]?.booked ?? 0);
    const count = async (table: string) => Number((await sql.query(`select count(*) as n from ${table}`))[0]!.n);
    const post = async (client: StaffClient, path: string, fields: Record<string, string>) => client.post(path, { csrf: await client.csrf(), ...fields });
    /** A meeting that has started: its times moved into the past behind the API's back. */
    const started = (reference: string, start: Date) =>
      sql.query('update bookings set starts_at = ?, ends_at = ? where reference = ?', [start.toISOString(), new Date(start.getTime() + 45 * 60_000).toISOString(), reference]);

    const caller = (slotId: string) => ({
      tid: slotId,
      key: randomUUID(),
      channel: 'phone',
      name: 'Amina Yusuf',
      email: 'amina.yusuf@example.se',
      notifyEmail: 'true',
      phone: '070-765 43 21',
      locale: 'ar',
      language: 'ar',
      interpreter: 'true',
      interpreterLanguage: 'arabiska',
      needs: '',
      consent: 'yes',
    });

    it('books for a caller: the resident’s rules, marked as this caseworker’s by phone, audited, in the history, confirmation queued in the chosen locale', async () => {
      const slot = await freeSlot('kista');
      const form = await kista.get(`/personal/boka/?tid=${slot.id}`);
      expect(form.status).toBe(200);
      expect(await form.text()).toMatch(new RegExp(`id="tid-${slot.id.replace(/\./g, '\\.')}"[^>]*checked`));

      const before = await count('bookings');
      const missing = await post(kista, '/personal/boka/', { ...caller(slot.id), name: '', consent: '' });
      expect(missing.status).toBe(400);
      const page = await missing.text();
      expect(page).toContain('class="error-summary"');
      expect(page).toContain('Skriv invånarens namn');
      expect(page).toContain('Bekräfta att du har berättat hur uppgifterna används');
      // What was typed stays on the form.
      expect(page).toContain('amina.yusuf@example.se');
      expect(await count('bookings')).toBe(before);

      const fields = caller(slot.id);
      const made = await post(kista, '/personal/boka/', fields);
      expect(made.status).toBe(303);
      const reference = /referens=(JT-[A-Z0-9]{6})/.exec(made.headers.get('location') ?? '')![1]!;
      // A second click with the same form makes no second booking.
      const again = await post(kista, '/personal/boka/', fields);
      expect(again.headers.get('location')).toBe(made.headers.get('location'));
      expect(await count('bookings')).toBe(before + 1);
      const done = await kista.get(made.headers.get('location')!);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain(reference);

      const me = await accountId('kista');
      expect(await bookingRow(reference)).toMatchObject({ made_by: me, channel: 'phone', location: 'kista', slot_id: slot.id, locale: 'ar' });
      expect(await auditOf(made)).toMatchObject([{ action: 'booking.create', actor_id: me, booking_refs: reference, location: 'kista', detail: 'phone' }]);
      expect(await eventsOf(reference)).toMatchObject([{ kind: 'booked', actor: 'staff', actor_account: me, channel: 'phone' }]);
      const messages = await sql.query('select kind, channel, locale, state from messages where reference = ? order by kind', [reference]);
      expect(messages).toContainEqual({ kind: 'confirmation', channel: 'email', locale: 'ar', state: 'queued' });
      const detail = await (await kista.get(`/personal/bokning/${reference}/`)).text();
      expect(detail).toContain(`Bokad av ${email('kista')} åt invånaren (Telefon), till `);
    });

    it('refuses a taken time with the error summary and books nothing', async () => {
      const { slotId } = await residentBooks('kista');
      const before = await count('bookings');
      const res = await post(kista, '/personal/boka/', caller(slotId));
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('Tiden hann bli bokad av någon annan');
      expect(await count('bookings')).toBe(before);
    });

    it('cancels with each reason: the seat freed, the reason and channel in the history, the message mapped onto the staff templates; “other” needs words, kept sealed', async () => {
      const bookings = await Promise.all([1, 2, 3, 4].map(() => residentBooks('kista')));
      const [asked, closed, duplicate, other] = bookings.map((b) => b!);
      const path = (b: { reference: string }) => `/personal/bokning/${b.reference}/avboka/`;

      const noReason = await post(kista, path(asked!), { channel: 'phone' });
      expect(noReason.status).toBe(400);
      expect(await noReason.text()).toContain('Välj varför mötet avbokas');
      const noWords = await post(kista, path(other!), { reason: 'other', channel: 'email', note: '  ' });
      expect(noWords.status).toBe(400);
      expect(await noWords.text()).toContain('Beskriv skälet');
      for (const b of [asked!, other!]) {
        expect((await bookingRow(b.reference)).cancelled_at).toBeNull();
        expect(await seats(b.slotId)).toBe(1);
      }
      // Preselected from the needs-review list's link.
      expect(await (await kista.get(`${path(closed!)}?orsak=closed`)).text()).toMatch(/id="reason-closed"[^>]*checked/);

      const note = `Ringde och sa att hon flyttat till Malmö ${run}`;
      const cases = [
        { b: asked!, reason: 'resident', channel: 'phone', actor: 'resident', messageReason: null },
        { b: closed!, reason: 'closed', channel: 'none', actor: 'staff', messageReason: 'closed' },
        { b: duplicate!, reason: 'duplicate', channel: 'in_person', actor: 'staff', messageReason: 'other' },
        { b: other!, reason: 'other', channel: 'email', actor: 'staff', messageReason: 'other' },
      ];
      const me = await accountId('kista');
      for (const c of cases) {
        const res = await post(kista, path(c.b), { reason: c.reason, channel: c.channel, note: c.reason === 'other' ? note : '' });
        expect(res.status).toBe(303);
        expect((await bookingRow(c.b.reference)).cancelled_at).not.toBeNull();
        expect(await seats(c.b.slotId)).toBe(0);
        expect((await eventsOf(c.b.reference)).at(-1)).toMatchObject({ kind: 'cancelled', actor: 'staff', actor_account: me, channel: c.channel, reason: c.reason });
        expect(await sql.query("select actor, reason from messages where reference = ? and kind = 'cancelled'", [c.b.reference])).toEqual([{ actor: c.actor, reason: c.messageReason }]);
        const audit = await auditOf(res);
        expect(audit).toMatchObject([{ action: 'booking.cancel', booking_refs: c.b.reference, detail: `${c.reason} ${c.channel}` }]);
      }
      // Staff's words: sealed at rest, shown to staff on the booking, nowhere in the audit trail or a message.
      const stored = String((await eventsOf(other!.reference)).at(-1)!.note);
      expect(stored).toMatch(/^jt1\./);
      expect(stored).not.toContain('Malmö');
      expect(JSON.stringify(await sql.query('select * from staff_audit'))).not.toContain('Malmö');
      expect(JSON.stringify(await sql.query('select * from messages'))).not.toContain('Malmö');
      const detail = await (await kista.get(`/personal/bokning/${other!.reference}/`)).text();
      expect(detail).toContain(`Avbokad av ${email('kista')} (E-post). Skäl: Annat skäl`);
      expect(detail).toContain(note);
      // The resident's copy of their data holds them, with how the booking was made.
      const copy = await admin.post('/personal/registerutdrag/', { csrf: await admin.csrf(), kind: 'reference', reference: other!.reference });
      const exported = ((await copy.json()) as { bookings: { staffNotes: unknown[]; bookedBy: unknown }[] }).bookings[0]!;
      expect(exported.bookedBy).toEqual({ by: 'online' });
      expect(exported.staffNotes).toEqual([{ at: expect.any(String), kind: 'cancelled', note }]);
      // The erasure clears them with the rest of the details.
      expect((await admin.post(`/personal/bokning/${other!.reference}/radera/`, { csrf: await admin.csrf() })).status).toBe(303);
      expect((await eventsOf(other!.reference)).at(-1)!.note).toBeNull();
      expect(await (await admin.get(`/personal/bokning/${other!.reference}/`)).text()).not.toContain(note);
    });

    it('moves a booking to a free time in one step, and of ten moves at once into one free seat exactly one wins', async () => {
      const one = await residentBooks('kista');
      const to = await freeSlot('kista');
      const moved = await post(kista, `/personal/bokning/${one.reference}/flytta/`, { tid: to.id, channel: 'phone' });
      expect(moved.status).toBe(303);
      expect(await bookingRow(one.reference)).toMatchObject({ slot_id: to.id });
      expect([await seats(one.slotId), await seats(to.id)]).toEqual([0, 1]);
      expect((await eventsOf(one.reference)).at(-1)).toMatchObject({ kind: 'moved', actor: 'staff', actor_account: await accountId('kista'), channel: 'phone' });
      expect(await sql.query("select actor from messages where reference = ? and kind = 'changed'", [one.reference])).toEqual([{ actor: 'staff' }]);
      expect(await auditOf(moved)).toMatchObject([{ action: 'booking.move', booking_refs: one.reference }]);

      // A time already taken: the error summary, nothing changes.
      const other = await residentBooks('kista');
      const refused = await post(kista, `/personal/bokning/${one.reference}/flytta/`, { tid: other.slotId, channel: 'phone' });
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain('Tiden hann bli bokad av någon annan');
      expect(await bookingRow(one.reference)).toMatchObject({ slot_id: to.id });

      const ten = await Promise.all(Array.from({ length: 10 }, () => residentBooks('vallingby')));
      const seat = await freeSlot('vallingby');
      const csrf = await admin.csrf();
      const answers = await Promise.all(ten.map((b) => admin.post(`/personal/bokning/${b.reference}/flytta/`, { csrf, tid: seat.id, channel: 'phone' })));
      expect(answers.map((r) => r.status).sort()).toEqual([303, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      expect(await seats(seat.id)).toBe(1);
      const winners = [];
      for (const b of ten) {
        const row = await bookingRow(b.reference);
        if (row.slot_id === seat.id) winners.push(b);
        // Whoever lost keeps their seat; the winner's old one is free.
        expect(await seats(b.slotId)).toBe(row.slot_id === seat.id ? 0 : 1);
      }
      expect(winners).toHaveLength(1);
    });

    it('refuses attendance for a meeting that has not started; records it once started, and a correction keeps both in the history', async () => {
      const b = await residentBooks('kista');
      const early = await post(kista, '/personal/narvaro/', { reference: b.reference, attendance: 'attended' });
      expect(early.status).toBe(409);
      expect(await early.text()).toContain('Mötet har inte börjat');
      expect((await bookingRow(b.reference)).attendance).toBeNull();
      expect(await eventsOf(b.reference)).toHaveLength(1);

      const start = new Date(Date.now() - 3_600_000);
      await started(b.reference, start);
      const came = await post(kista, '/personal/narvaro/', { reference: b.reference, attendance: 'attended' });
      expect(came.status).toBe(303);
      expect(came.headers.get('location')).toMatch(new RegExp(`^/personal/dag/\\?plats=kista&datum=\\d{4}-\\d{2}-\\d{2}#narvaro-${b.reference}$`));
      expect(await auditOf(came)).toMatchObject([{ action: 'booking.attendance', booking_refs: b.reference, detail: 'attended' }]);
      expect((await post(kista, '/personal/narvaro/', { reference: b.reference, attendance: 'no_show' })).status).toBe(303);
      expect((await bookingRow(b.reference)).attendance).toBe('no_show');
      expect((await eventsOf(b.reference)).slice(1)).toMatchObject([
        { kind: 'attendance', attendance: 'attended', actor: 'staff' },
        { kind: 'attendance', attendance: 'no_show', actor: 'staff' },
      ]);
      const detail = await (await kista.get(`/personal/bokning/${b.reference}/`)).text();
      expect(detail).toMatch(new RegExp(`${email('kista')} registrerade närvaro: Kom\\s*</li>`));
      expect(detail).toMatch(new RegExp(`${email('kista')} registrerade närvaro: Kom inte\\s*</li>`));
    });

    it('tells an integration reading the day who booked (and how the caller reached staff) and the attendance, as codes', async () => {
      const key = await integrationKey(admin, `närvaro-${run}`, ['kista']);
      const slot = await freeSlot('kista');
      const made = await post(kista, '/personal/boka/', caller(slot.id));
      const byStaff = /referens=(JT-[A-Z0-9]{6})/.exec(made.headers.get('location') ?? '')![1]!;
      const online = await residentBooks('kista', (await freeSlot('kista')).id);
      // Both meetings moved to one day that has begun, so attendance can be recorded and the day read.
      const start = new Date(Date.now() - 3_600_000);
      for (const reference of [byStaff, online.reference]) await started(reference, start);
      expect((await post(kista, '/personal/narvaro/', { reference: byStaff, attendance: 'attended' })).status).toBe(303);
      const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(start);
      const read = await fetch(`${server.url}/api/staff/bookings?location=kista&date=${day}`, { headers: { authorization: `Bearer ${key}` } });
      expect(read.status).toBe(200);
      const rows = ((await read.json()) as { bookings: Record<string, unknown>[] }).bookings;
      expect(rows.find((r) => r.reference === byStaff)).toMatchObject({ bookedBy: 'staff', channel: 'phone', attendance: 'attended' });
      expect(rows.find((r) => r.reference === online.reference)).toMatchObject({ bookedBy: 'online', channel: null, attendance: null });
      // Which account booked stays in the workspace.
      expect(JSON.stringify(rows)).not.toContain(await accountId('kista'));
      const csv = await (await fetch(`${server.url}/api/staff/bookings?location=kista&date=${day}`, { headers: { authorization: `Bearer ${key}`, accept: 'text/csv' } })).text();
      expect(csv.split('\n').find((l) => l.startsWith(byStaff))).toMatch(/,staff,phone,attended\r?$/);
    });

    it('gives a caseworker of another centre 403 on booking, cancelling, moving and attendance there, and changes nothing', async () => {
      const b = await residentBooks('kista');
      await started(b.reference, new Date(Date.now() - 3_600_000));
      const free = await freeSlot('kista');
      const before = await count('bookings');
      const answers = [
        await post(vallingby, '/personal/boka/', caller(free.id)),
        await post(vallingby, `/personal/bokning/${b.reference}/avboka/`, { reason: 'resident', channel: 'phone' }),
        await post(vallingby, `/personal/bokning/${b.reference}/flytta/`, { tid: free.id, channel: 'phone' }),
        await post(vallingby, '/personal/narvaro/', { reference: b.reference, attendance: 'no_show' }),
      ];
      expect(answers.map((r) => r.status)).toEqual([403, 403, 403, 403]);
      expect(await count('bookings')).toBe(before);
      expect(await bookingRow(b.reference)).toMatchObject({ slot_id: b.slotId, cancelled_at: null, attendance: null });
      expect(await seats(free.id)).toBe(0);
      expect(await eventsOf(b.reference)).toHaveLength(1);
      for (const r of answers) expect(await auditOf(r)).toEqual([]);
      // Reception may not act anywhere, not even at its own centre.
      const desk = await signedInStaff(server.url, dbEnv, email('desk'), 'reception', 'kista');
      expect((await desk.get(`/personal/boka/?tid=${free.id}`)).status).toBe(403);
      expect((await post(desk, '/personal/narvaro/', { reference: b.reference, attendance: 'attended' })).status).toBe(403);
      expect((await desk.get('/personal/oversikt/')).status).toBe(403);
    });

    it('neither offers nor takes a session an exception closed, to book for a caller or to move into', async () => {
      const closed = await freeSlot('skarholmen');
      const b = await residentBooks('skarholmen');
      const closure = await admin.post('/personal/schema/', {
        csrf: await admin.csrf(),
        action: 'add',
        plats: 'skarholmen',
        datum: closed.start.slice(0, 10),
        andring: 'closed_session',
        typ: 'intro',
        tid: closed.start.slice(11, 16),
        orsak: 'illness',
        bekrafta: 'ja',
      });
      expect(closure.status).toBe(303);
      expect(await (await admin.get('/personal/boka/?plats=skarholmen&typ=intro')).text()).not.toContain(`value="${closed.id}"`);
      const before = await count('bookings');
      for (const refused of [await post(admin, '/personal/boka/', caller(closed.id)), await post(admin, `/personal/bokning/${b.reference}/flytta/`, { tid: closed.id, channel: 'phone' })]) {
        expect(refused.status).toBe(409);
        expect(await refused.text()).toContain('Den tiden går inte att boka längre');
      }
      expect(await count('bookings')).toBe(before);
      expect(await bookingRow(b.reference)).toMatchObject({ slot_id: b.slotId });
      expect(await seats(closed.id)).toBe(0);
    });

    it('changes nothing when the audit row cannot be written, and says so without personal data', async () => {
      const b = await residentBooks('kista');
      const free = await freeSlot('kista');
      // A trigger that refuses every new audit row: the trail is down.
      if (db === 'postgres') await sql.query("CREATE OR REPLACE FUNCTION test_block_actions() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'blocked'; END $$");
      const blocker =
        db === 'sqlite'
          ? ["CREATE TRIGGER test_block_actions BEFORE INSERT ON staff_audit BEGIN SELECT RAISE(ABORT, 'blocked'); END", 'DROP TRIGGER test_block_actions']
          : ['CREATE TRIGGER test_block_actions BEFORE INSERT ON staff_audit FOR EACH ROW EXECUTE FUNCTION test_block_actions()', 'DROP TRIGGER test_block_actions ON staff_audit'];
      const before = await count('bookings');
      const messages = await count('messages');
      await sql.query(blocker[0]!);
      try {
        const answers = [
          await post(kista, '/personal/boka/', caller(free.id)),
          await post(kista, `/personal/bokning/${b.reference}/avboka/`, { reason: 'resident', channel: 'phone' }),
          await post(kista, `/personal/bokning/${b.reference}/flytta/`, { tid: free.id, channel: 'phone' }),
        ];
        expect(answers.map((r) => r.status)).toEqual([503, 503, 503]);
        for (const r of answers) {
          const html = await r.text();
          expect(html).not.toContain('Amina');
          expect(html).toContain('Varje ändring loggas, och loggen svarar inte just nu. Ingenting har ändrats.');
        }
      } finally {
        await sql.query(blocker[1]!);
      }
      expect(await count('bookings')).toBe(before);
      expect(await count('messages')).toBe(messages);
      expect(await bookingRow(b.reference)).toMatchObject({ slot_id: b.slotId, cancelled_at: null });
      expect([await seats(b.slotId), await seats(free.id)]).toEqual([1, 0]);
      expect(await eventsOf(b.reference)).toHaveLength(1);
    });

    it('says a change was not saved, not that the trail is down, when the change itself fails; nothing changes and no row claims it', async () => {
      const b = await residentBooks('kista');
      const free = await freeSlot('kista');
      // A trigger that refuses every new history row: the change fails, the audit trail is fine.
      if (db === 'postgres') await sql.query("CREATE OR REPLACE FUNCTION test_block_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'down'; END $$");
      const [block, unblock] =
        db === 'sqlite'
          ? ["CREATE TRIGGER test_block_history BEFORE INSERT ON booking_events BEGIN SELECT RAISE(ABORT, 'down'); END", 'DROP TRIGGER test_block_history']
          : ['CREATE TRIGGER test_block_history BEFORE INSERT ON booking_events FOR EACH ROW EXECUTE FUNCTION test_block_history()', 'DROP TRIGGER test_block_history ON booking_events'];
      const audit = await count('staff_audit');
      await sql.query(block);
      try {
        const answers = [
          await post(kista, `/personal/bokning/${b.reference}/avboka/`, { reason: 'resident', channel: 'phone' }),
          await post(kista, `/personal/bokning/${b.reference}/flytta/`, { tid: free.id, channel: 'phone' }),
        ];
        expect(answers.map((r) => r.status)).toEqual([503, 503]);
        for (const r of answers) {
          const html = await r.text();
          expect(html).toContain('Något gick fel när ändringen skulle sparas. Ingenting har ändrats.');
          expect(html).not.toContain('loggen svarar inte');
        }
      } finally {
        await sql.query(unblock);
      }
      expect(await bookingRow(b.reference)).toMatchObject({ slot_id: b.slotId, cancelled_at: null });
      expect([await seats(b.slotId), await seats(free.id)]).toEqual([1, 0]);
      // The audit rows were in the failed transactions: none says the booking was cancelled or moved.
      expect(await count('staff_audit')).toBe(audit);
    });

    it('counts a week and its month on the overview after a known set of actions, with nothing personal on it', async () => {
      // Four bookings at Vantör, their meetings put in ISO week 10 of 2026 (2–8 March, no holiday).
      const made = await Promise.all([1, 2, 3, 4].map(() => residentBooks('vantor')));
      const [came, away, cancelled, late] = made.map((b) => b!);
      for (const [i, b] of made.entries()) await started(b.reference, new Date(Date.UTC(2026, 2, 2 + i, 9)));
      for (const [b, attendance] of [[came!, 'attended'], [away!, 'no_show'], [late!, 'late_cancel']] as const) {
        expect((await post(admin, '/personal/narvaro/', { reference: b.reference, attendance })).status).toBe(303);
      }
      expect((await post(admin, `/personal/bokning/${cancelled!.reference}/avboka/`, { reason: 'duplicate', channel: 'none' })).status).toBe(303);

      const cells = (html: string, type: string) =>
        [...(new RegExp(`<tr data-type="${type}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '').matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
      const week = await (await admin.get('/personal/oversikt/?plats=vantor&period=2026-W10')).text();
      // Bookings, came, did not come, cancelled late, cancelled, seats used of the week's (Mon–Thu, five times a day).
      expect(cells(week, 'intro')).toEqual(['4', '1', '1', '1', '1', '3 av 20']);
      expect(cells(week, 'guidance')).toEqual(['0', '0', '0', '0', '0', '0 av 6']);
      expect(week).not.toContain('Invånare ');
      const month = await (await admin.get('/personal/oversikt/?plats=vantor&period=2026-03')).text();
      expect(cells(month, 'intro')?.slice(0, 5)).toEqual(['4', '1', '1', '1', '1']);
      // All of an admin's centres together: per meeting type, and per centre.
      const all = await (await admin.get('/personal/oversikt/?plats=alla&period=2026-W10')).text();
      expect(all).toContain('<option value="alla" selected>Alla mina jobbtorg</option>');
      expect(cells(all, 'intro')?.slice(0, 5)).toEqual(['4', '1', '1', '1', '1']);
      const centre = (html: string, id: string) =>
        [...(new RegExp(`<tr data-centre="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '').matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
      expect(centre(all, 'vantor')).toEqual(['4', '1', '1', '1', '1', '3 av 26']);
      expect(centre(all, 'kista')?.slice(0, 5)).toEqual(['0', '0', '0', '0', '0']);
      expect(all).not.toContain('Invånare ');
      // A caseworker sees their own centres only (one here: "all" is that one).
      const one = await kista.get('/personal/oversikt/?plats=alla&period=2026-W10');
      expect(one.status).toBe(200);
      expect(await one.text()).not.toContain('Alla mina jobbtorg');
      expect((await kista.get('/personal/oversikt/?plats=vantor&period=2026-W10')).status).toBe(403);
      expect((await kista.get('/personal/oversikt/?plats=kista&period=2026-W10')).status).toBe(200);
    });
  });
}
