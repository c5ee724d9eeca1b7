import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';
import { integrationKey, linkIn, signedInStaff, staffCommand, StaffClient } from '../staff-client';
import { testDb, type TestDb } from './staff-db';

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const PASSWORD = 'a long enough passphrase';

/** The staff workspace and the integration read-out over real HTTP, against one database kind. */
export function staffSuite(db: 'sqlite' | 'postgres', env: () => Promise<Record<string, string>>) {
  describe(`staff workspace on ${db}`, () => {
    let server: TestServer;
    let dbEnv: Record<string, string>;
    let sql: TestDb;
    let admin: StaffClient;
    const run = randomUUID().slice(0, 6);
    const email = (who: string) => `${who}-${run}@stad.example`;
    const taken = new Set<string>();

    beforeAll(async () => {
      dbEnv = { DATA_DIR: mkdtempSync(join(tmpdir(), 'jobbtorg-staff-')), ...(await env()) };
      // The old shared token is set on purpose: it must open nothing.
      server = await startServer({ ...dbEnv, STAFF_TOKEN: 'old-shared-token', BOOKING_RATE_LIMIT: '100000' });
      sql = testDb(dbEnv);
      admin = await signedInStaff(server.url, dbEnv, email('admin'), 'admin');
    });
    afterAll(async () => {
      await sql?.close();
      await server?.stop();
    });

    const slotsAt = async (location: string, from: string) =>
      ((await (await fetch(`${server.url}/api/slots?location=${location}&type=intro&from=${from}&to=${plusDays(from, 40)}`)).json()) as { slots: { id: string; start: string; remaining: number }[] }).slots;

    /** A free intro time at a centre (from `fromDays` ahead) that no other test here has taken. */
    async function freeSlot(location: string, fromDays = 0) {
      const slot = (await slotsAt(location, plusDays(today(), fromDays))).find((s) => s.remaining > 0 && !taken.has(s.id))!;
      taken.add(slot.id);
      return slot;
    }
    /** A resident's booking at a centre, through the public API, asking for e-mail; its reference, date, name, e-mail, slot and link token. */
    async function residentBooks(location: string, fromDays = 0) {
      const slot = await freeSlot(location, fromDays);
      const name = `Invånare ${randomUUID().slice(0, 8)}`;
      const mail = `${randomUUID().slice(0, 8)}@example.se`;
      const made = await fetch(`${server.url}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slotId: slot.id, name, email: mail, notifyEmail: true, phone: '070-123 45 67', language: 'ar', interpreter: true, interpreterLanguage: 'arabiska', needs: 'Kommer med rullstol', consent: true, website: '' }),
      });
      expect(made.status).toBe(201);
      const { reference, cancelUrl } = (await made.json()) as { reference: string; cancelUrl: string };
      return { reference, date: slot.start.slice(0, 10), name, email: mail, slotId: slot.id, token: new URL(cancelUrl, server.url).searchParams.get('token')! };
    }
    const auditOf = (requestId: string | null) => sql.query('select * from staff_audit where request_id = ?', [requestId]);

    it('takes a newcomer from the command’s link to today’s list: password and TOTP set, signed in', async () => {
      const made = await staffCommand(['add', email('new'), '--role', 'caseworker', '--centre', 'kista'], { ...dbEnv, SITE_URL: server.url });
      expect(made.out).toMatch(/valid 24 hours/);
      const link = linkIn(made.out);
      const person = new StaffClient(server.url);
      expect((await person.get('/personal/dag/')).headers.get('location')).toMatch(/^\/personal\/logga-in\//);
      const short = await person.post('/personal/konto/aktivera/', { token: new URL(link).searchParams.get('token')!, password: 'short', confirm: 'short', code: '000000' });
      expect(short.status).toBe(400);
      const done = await person.setUp(link, PASSWORD);
      expect(done.status).toBe(303);
      const session = person.cookies.get('jt_staff');
      expect(session).toBeDefined();
      expect(done.headers.getSetCookie().find((c) => c.startsWith('jt_staff='))).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/i);
      const day = await person.get('/personal/dag/');
      expect(day.status).toBe(200);
      expect(await day.text()).toContain('Jobbtorg Kista');
      // The link works once.
      expect((await new StaffClient(server.url).get(new URL(link).pathname + new URL(link).search)).status).toBe(404);
      const list = await staffCommand(['list'], dbEnv);
      expect(list.out).toMatch(new RegExp(`${email('new')}.*caseworker.*kista.*active`));
    });

    it('signs in with password and TOTP, refusing a wrong half alike, and locks after five failures', async () => {
      const person = await signedInStaff(server.url, dbEnv, email('signin'), 'caseworker', 'kista');
      await person.post('/personal/session/', { csrf: await person.csrf(), action: 'signout' });
      expect((await person.get('/personal/dag/')).status).toBe(303);
      const [wrongPassword, wrongCode, noAccount] = await Promise.all([
        new StaffClient(server.url).signIn(email('signin'), 'not the password', person.code(1)),
        new StaffClient(server.url).signIn(email('signin'), PASSWORD, '000000'),
        new StaffClient(server.url).signIn(email('nobody'), PASSWORD, person.code(1)),
      ]);
      expect([wrongPassword.status, wrongCode.status, noAccount.status]).toEqual([401, 401, 401]);
      const message = (html: string) => /<div role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1];
      const texts = await Promise.all([wrongPassword, wrongCode, noAccount].map(async (r) => message(await r.text())));
      expect(new Set(texts).size).toBe(1);
      const ok = await person.signIn(` ${email('signin').toUpperCase()} `, PASSWORD, person.code(1));
      expect(ok.status).toBe(303);
      expect((await person.get('/personal/dag/')).status).toBe(200);
      // The same code a second time is refused: it was used.
      expect((await new StaffClient(server.url).signIn(email('signin'), PASSWORD, person.code(1))).status).toBe(401);

      const victim = await signedInStaff(server.url, dbEnv, email('locked'), 'caseworker', 'kista');
      const guesses = await Promise.all([1, 2, 3, 4, 5].map(() => new StaffClient(server.url).signIn(email('locked'), 'guess', victim.code(1))));
      expect(guesses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
      expect((await new StaffClient(server.url).signIn(email('locked'), PASSWORD, victim.code(1))).status).toBe(401);
      expect((await staffCommand(['list'], dbEnv)).out).toMatch(new RegExp(`${email('locked')}.*locked`));
      // Each try costs a memory-hard password check on purpose; on a busy machine that adds up.
    }, 90_000);

    it('gives a caseworker at Kista the Kista day with every detail, and 403 without personal data for Vällingby', async () => {
      const kista = await residentBooks('kista');
      const vallingby = await residentBooks('vallingby');
      const worker = await signedInStaff(server.url, dbEnv, email('kista'), 'caseworker', 'kista');
      const day = await worker.get(`/personal/dag/?plats=kista&datum=${kista.date}`);
      expect(day.status).toBe(200);
      const html = await day.text();
      for (const shown of [kista.reference, kista.name, '+46701234567', 'arabiska', 'Kommer med rullstol']) expect(html).toContain(shown);
      const other = await worker.get(`/personal/dag/?plats=vallingby&datum=${vallingby.date}`);
      expect(other.status).toBe(403);
      expect(await other.text()).not.toContain(vallingby.name);
      const detail = await worker.get(`/personal/bokning/${vallingby.reference}/`);
      expect(detail.status).toBe(403);
      expect(await detail.text()).not.toContain(vallingby.name);
      const search = await worker.post('/personal/sok/', { csrf: await worker.csrf(), kind: 'reference', reference: vallingby.reference });
      expect(await search.text()).not.toContain(vallingby.name);
      // Refused requests leave no audit row; the day view left exactly one, naming the booking.
      expect(await auditOf(other.headers.get('x-request-id'))).toEqual([]);
      const rows = await auditOf(day.headers.get('x-request-id'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'day.view', actor_kind: 'staff', location: 'kista', detail: kista.date });
      expect(String(rows[0]!.booking_refs).split(',')).toContain(kista.reference);
    });

    it('leaves exactly one audit row per detail view and search, with no searched value in it', async () => {
      const booked = await residentBooks('skarholmen');
      const detail = await admin.get(`/personal/bokning/${booked.reference}/`);
      expect(detail.status).toBe(200);
      const page = await detail.text();
      expect(page).toContain(booked.name);
      expect(page).toContain('Kommer med rullstol');
      // The confirmation by e-mail is listed with its delivery state, whichever the worker has reached.
      expect(page).toContain('Meddelanden till invånaren');
      expect(page).toMatch(/<td>Bekräftelse<\/td>\s*<td>E-post<\/td>\s*<td>(Väntar|Skickat|Misslyckades, försöker igen)<\/td>\s*<td>\d+<\/td>/);
      expect(await auditOf(detail.headers.get('x-request-id'))).toMatchObject([{ action: 'booking.view', booking_refs: booked.reference }]);
      const search = await admin.post('/personal/sok/', { csrf: await admin.csrf(), kind: 'contact', contact: '070-123 45 67' });
      expect(await search.text()).toContain(booked.reference);
      const rows = await auditOf(search.headers.get('x-request-id'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'search.contact', detail: 'phone' });
      // The number in any written form (ids are random hex, so a bare "070" could appear in them by chance).
      expect(JSON.stringify(rows)).not.toMatch(/070-123|0701234567|46701234567|123 45 67/);
      // Nobody edits or deletes the trail, not even with the database's own tools.
      await expect(sql.query('update staff_audit set action = ?', ['x'])).rejects.toThrow(/append-only/);
      await expect(sql.query('delete from staff_audit')).rejects.toThrow(/append-only/);
    });

    it('shows a booking’s history in order: booked, moved by the resident (with the new time), cancelled', async () => {
      const booked = await residentBooks('kungsholmen');
      const later = await freeSlot('kungsholmen');
      const asResident = (path: string, body: unknown) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await asResident(`/api/bookings/${booked.reference}/move`, { token: booked.token, slotId: later.id })).status).toBe(200);
      expect((await asResident(`/api/bookings/${booked.reference}/cancel`, { token: booked.token })).status).toBe(200);
      const page = await (await admin.get(`/personal/bokning/${booked.reference}/`)).text();
      const history = [...page.matchAll(/<li><time[^>]*>[^<]*<\/time>:\s*([^<]+)<\/li>/g)].map((m) => m[1]!.trim());
      expect(history).toHaveLength(3);
      expect(history[0]).toMatch(/^Bokad av invånaren på webbplatsen, till /);
      expect(history[1]).toMatch(/^Flyttad av invånaren till /);
      expect(history[2]).toBe('Avbokad av invånaren');
      // The move's line names the new time, which is not the booked one.
      expect(history[1]!.replace(/^Flyttad av invånaren till /, '')).not.toBe(history[0]!.replace(/^Bokad av invånaren på webbplatsen, till /, ''));
    });

    it('shows reception today’s names and times only, and no other day', async () => {
      const desk = await signedInStaff(server.url, dbEnv, email('desk'), 'reception', 'kista');
      const day = await desk.get('/personal/dag/');
      expect(day.status).toBe(200);
      const html = await day.text();
      expect(html).not.toContain('Kontakt');
      expect(html).not.toContain('Föregående dag');
      expect((await desk.get(`/personal/dag/?plats=kista&datum=${plusDays(today(), 3)}`)).status).toBe(403);
      expect((await desk.get('/personal/sok/')).status).toBe(403);
    });

    it('refuses a staff POST without the session’s CSRF token or from another site', async () => {
      const person = await signedInStaff(server.url, dbEnv, email('csrf'), 'caseworker', 'kista');
      const csrf = await person.csrf();
      expect((await person.post('/personal/session/', { action: 'signout_everywhere' })).status).toBe(403);
      expect((await person.post('/personal/session/', { csrf: 'forged', action: 'signout_everywhere' })).status).toBe(403);
      expect((await person.post('/personal/session/', { csrf, action: 'signout_everywhere' }, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await person.get('/personal/dag/')).status).toBe(200);
      expect((await admin.post('/personal/nycklar/', { action: 'create', name: 'x', centres: 'kista' })).status).toBe(403);
    });

    it('ends a session after the idle timeout, and every session on sign out everywhere', async () => {
      const person = await signedInStaff(server.url, dbEnv, email('idle'), 'caseworker', 'kista');
      const page = await (await person.get('/personal/dag/')).text();
      expect(page).toMatch(/Du loggas ut klockan \d{2}:\d{2}/);
      expect(page).toContain('Fortsätt vara inloggad');
      // Idle for longer than the limit (20 minutes): the clock is moved, not waited for.
      const account = (await sql.query('select id from staff_accounts where email = ?', [email('idle')]))[0]!.id;
      await sql.query('update staff_sessions set last_seen_at = ? where account_id = ?', [db === 'sqlite' ? new Date(Date.now() - 21 * 60_000).toISOString() : new Date(Date.now() - 21 * 60_000), account]);
      expect((await person.get('/personal/dag/')).status).toBe(303);

      const laptop = await signedInStaff(server.url, dbEnv, email('twice'), 'caseworker', 'kista');
      const phone = new StaffClient(server.url);
      phone.secret = laptop.secret;
      expect((await phone.signIn(email('twice'), PASSWORD, phone.code(1))).status).toBe(303);
      expect((await laptop.post('/personal/session/', { csrf: await laptop.csrf(), action: 'signout_everywhere' })).status).toBe(303);
      expect((await phone.get('/personal/dag/')).status).toBe(303);
      expect((await laptop.get('/personal/dag/')).status).toBe(303);
    });

    it('reads bookings under an integration key scoped to centres, audits each use, refuses a revoked key and the old STAFF_TOKEN', async () => {
      const booked = await residentBooks('kista');
      const key = await integrationKey(admin, `Verksamhetssystem ${run}`, ['kista']);
      const read = (location: string, bearer: string, accept = 'application/json') =>
        fetch(`${server.url}/api/staff/bookings?location=${location}&date=${booked.date}`, { headers: { authorization: `Bearer ${bearer}`, accept } });
      const res = await read('kista', key);
      expect(res.status).toBe(200);
      const rows = ((await res.json()) as { bookings: { reference: string; name: string }[] }).bookings;
      expect(rows.find((b) => b.reference === booked.reference)?.name).toBe(booked.name);
      const audit = await auditOf(res.headers.get('x-request-id'));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_kind: 'key', action: 'api.read', location: 'kista' });
      expect(await (await read('kista', key, 'text/csv')).text()).toContain(booked.reference);
      expect((await read('vallingby', key)).status).toBe(403);
      expect((await read('kista', 'old-shared-token')).status).toBe(401);
      // Stored hashed: the key itself is nowhere in the database.
      expect(JSON.stringify(await sql.query('select * from staff_keys'))).not.toContain(key);
      const keys = await admin.get('/personal/nycklar/');
      const html = await keys.text();
      expect(html).not.toContain(key);
      const id = /name="id" value="([0-9a-f-]{36})"/.exec(html)![1]!;
      expect((await admin.post('/personal/nycklar/', { csrf: await admin.csrf(), action: 'revoke', id })).status).toBe(303);
      expect((await read('kista', key)).status).toBe(401);
    });

    it('gives admins the audit trail, filtered and as CSV (each read audited once), and nobody else', async () => {
      const booked = await residentBooks('vantor');
      await admin.get(`/personal/bokning/${booked.reference}/`);
      const page = await admin.get(`/personal/logg/?referens=${booked.reference}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Visade bokning');
      const csv = await admin.get(`/personal/logg/?referens=${booked.reference}&handelse=booking.view&format=csv`);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\n');
      expect(lines[0]).toBe('id,at,actorKind,actor,action,bookings,location,detail,requestId');
      expect(lines.slice(1)).toHaveLength(1);
      expect(lines[1]).toContain(`${email('admin')},booking.view,${booked.reference},vantor`);
      expect(await auditOf(csv.headers.get('x-request-id'))).toMatchObject([{ action: 'audit.export' }]);
      const worker = await signedInStaff(server.url, dbEnv, email('notadmin'), 'caseworker', 'vantor');
      for (const path of ['/personal/logg/', '/personal/nycklar/']) expect((await worker.get(path)).status).toBe(403);
    });

    it('gives an admin a resident’s copy as a file, by reference or exact e-mail, each audited once without the value looked up', async () => {
      const booked = await residentBooks('kista');
      const page = await admin.get('/personal/registerutdrag/');
      expect(page.status).toBe(200);
      const byEmail = await admin.post('/personal/registerutdrag/', { csrf: await admin.csrf(), kind: 'contact', contact: booked.email.toUpperCase() });
      expect(byEmail.status).toBe(200);
      expect(byEmail.headers.get('content-type')).toMatch(/^application\/json/);
      expect(byEmail.headers.get('content-disposition')).toMatch(/^attachment; filename="registerutdrag-\d{4}-\d{2}-\d{2}\.json"$/);
      expect(byEmail.headers.get('cache-control')).toBe('no-store');
      const file = (await byEmail.json()) as { lookup: string; bookings: { reference: string; name: string; email: string; needs: string; messages: { kind: string }[] }[] };
      expect(file.lookup).toBe('email');
      expect(file.bookings).toHaveLength(1);
      expect(file.bookings[0]).toMatchObject({ reference: booked.reference, name: booked.name, email: booked.email, needs: 'Kommer med rullstol' });
      expect(file.bookings[0]!.messages.map((m) => m.kind)).toContain('confirmation');
      const rows = await auditOf(byEmail.headers.get('x-request-id'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'rights.export', actor_kind: 'staff', detail: 'email', booking_refs: booked.reference });
      expect(JSON.stringify(rows)).not.toContain(booked.email.split('@')[0]);

      const byReference = await admin.post('/personal/registerutdrag/', { csrf: await admin.csrf(), kind: 'reference', reference: booked.reference });
      expect(((await byReference.json()) as typeof file).bookings.map((b) => b.reference)).toEqual([booked.reference]);
      expect(await auditOf(byReference.headers.get('x-request-id'))).toMatchObject([{ action: 'rights.export', detail: 'reference' }]);
      // Nobody stored under that address: the page says so, and no file goes out.
      const none = await admin.post('/personal/registerutdrag/', { csrf: await admin.csrf(), kind: 'contact', contact: `nobody-${run}@example.se` });
      expect(none.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await none.text()).toContain('Ingen bokning matchar');
    });

    it('erases a booking’s details for an admin after a confirmation: the seat stays, queued messages are dropped, one audit row', async () => {
      const booked = await residentBooks('vallingby', 3);
      const seatsBefore = (await slotsAt('vallingby', booked.date)).find((s) => s.id === booked.slotId)!.remaining;
      const queued = () => sql.query("select kind from messages where reference = ? and state in ('queued', 'failed')", [booked.reference]);
      expect((await queued()).map((m) => m.kind)).toContain('reminder');
      const before = (await sql.query('select name from bookings where reference = ?', [booked.reference]))[0]!;

      const detail = await (await admin.get(`/personal/bokning/${booked.reference}/`)).text();
      expect(detail).toContain(`/personal/bokning/${booked.reference}/radera/`);
      const confirm = await admin.get(`/personal/bokning/${booked.reference}/radera/`);
      expect(confirm.status).toBe(200);
      const question = await confirm.text();
      expect(question).toContain('Det här raderas');
      expect(question).toContain('Det här finns kvar');
      expect(question).not.toContain(booked.name);
      // Opening the question changes nothing and, showing no personal data, is not audited.
      expect(await auditOf(confirm.headers.get('x-request-id'))).toEqual([]);

      const erased = await admin.post(`/personal/bokning/${booked.reference}/radera/`, { csrf: await admin.csrf() });
      expect(erased.status).toBe(303);
      expect(erased.headers.get('location')).toBe(`/personal/bokning/${booked.reference}/`);
      const rows = await auditOf(erased.headers.get('x-request-id'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'rights.erase', actor_kind: 'staff', detail: 'reference', booking_refs: booked.reference });

      const after = await (await admin.get(`/personal/bokning/${booked.reference}/`)).text();
      expect(after).toContain('Personuppgifter raderade');
      for (const gone of [booked.name, booked.email, '+46701234567', 'arabiska', 'Kommer med rullstol']) expect(after).not.toContain(gone);
      expect(after).not.toContain('/radera/');
      const day = await (await admin.get(`/personal/dag/?plats=vallingby&datum=${booked.date}`)).text();
      expect(day).toContain('Personuppgifter raderade');
      expect(day).not.toContain(booked.name);
      // The raw row: no contact, language or needs left, sealed or not, nor their look-up hashes; the name sealed anew, empty.
      const raw = (await sql.query('select * from bookings where reference = ?', [booked.reference]))[0]!;
      expect(raw).toMatchObject({ email: null, phone: null, interpreter_language: null, needs: null, email_lookup: null, phone_lookup: null });
      expect(raw.name).not.toBe(before.name);
      expect(raw.erased_at).not.toBeNull();
      expect(await queued()).toEqual([]);
      expect(await sql.query("select kind from messages where reference = ? and kind = 'reminder' and state = 'dropped'", [booked.reference])).toHaveLength(1);
      expect((await slotsAt('vallingby', booked.date)).find((s) => s.id === booked.slotId)!.remaining).toBe(seatsBefore);
      // The copy now holds the booking without its details.
      const copy = await admin.post('/personal/registerutdrag/', { csrf: await admin.csrf(), kind: 'reference', reference: booked.reference });
      expect(((await copy.json()) as { bookings: { name: string; email: null; detailsErasedAt: string }[] }).bookings[0]).toMatchObject({ name: '', email: null, detailsErasedAt: expect.any(String) });
    });

    it('refuses resident rights to caseworkers (of another centre or their own) and to a POST without the CSRF token, acting on nothing', async () => {
      const booked = await residentBooks('skarholmen');
      const elsewhere = await signedInStaff(server.url, dbEnv, email('rights-other'), 'caseworker', 'kista');
      const own = await signedInStaff(server.url, dbEnv, email('rights-own'), 'caseworker', 'skarholmen');
      for (const worker of [elsewhere, own]) {
        const copy = await worker.post('/personal/registerutdrag/', { csrf: await worker.csrf(), kind: 'reference', reference: booked.reference });
        expect(copy.status).toBe(403);
        expect(await copy.text()).not.toContain(booked.name);
        expect(await auditOf(copy.headers.get('x-request-id'))).toEqual([]);
        expect((await worker.get(`/personal/bokning/${booked.reference}/radera/`)).status).toBe(403);
        const erase = await worker.post(`/personal/bokning/${booked.reference}/radera/`, { csrf: await worker.csrf() });
        expect(erase.status).toBe(403);
        expect(await auditOf(erase.headers.get('x-request-id'))).toEqual([]);
      }
      expect(await (await own.get(`/personal/bokning/${booked.reference}/`)).text()).not.toContain('/radera/');
      for (const forged of [{}, { csrf: 'forged' }]) {
        const copy = await admin.post('/personal/registerutdrag/', { ...forged, kind: 'reference', reference: booked.reference });
        expect(copy.status).toBe(403);
        expect(await copy.text()).not.toContain(booked.name);
        expect((await admin.post(`/personal/bokning/${booked.reference}/radera/`, forged)).status).toBe(403);
      }
      const raw = (await sql.query('select erased_at, needs from bookings where reference = ?', [booked.reference]))[0]!;
      expect(raw.erased_at).toBeNull();
      expect(raw.needs).not.toBeNull();
    });

    it('shows no personal data, and makes or revokes no integration key, when the audit row cannot be written', async () => {
      const booked = await residentBooks('kista');
      const live = await integrationKey(admin, `Levande ${run}`, ['kista']);
      const liveId = String((await sql.query('select id from staff_keys where name = ?', [`Levande ${run}`]))[0]!.id);
      const keys = Number((await sql.query('select count(*) as n from staff_keys'))[0]!.n);
      // A trigger that refuses every new audit row: the trail is down.
      if (db === 'postgres') await sql.query("CREATE OR REPLACE FUNCTION test_block() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'blocked'; END $$");
      const blocker =
        db === 'sqlite'
          ? ["CREATE TRIGGER test_block_audit BEFORE INSERT ON staff_audit BEGIN SELECT RAISE(ABORT, 'blocked'); END", 'DROP TRIGGER test_block_audit']
          : ['CREATE TRIGGER test_block_audit BEFORE INSERT ON staff_audit FOR EACH ROW EXECUTE FUNCTION test_block()', 'DROP TRIGGER test_block_audit ON staff_audit'];
      await sql.query(blocker[0]!);
      try {
        const day = await admin.get(`/personal/dag/?plats=kista&datum=${booked.date}`);
        expect(day.status).toBe(503);
        expect(await day.text()).not.toContain(booked.name);
        const detail = await admin.get(`/personal/bokning/${booked.reference}/`);
        expect(detail.status).toBe(503);
        expect(await detail.text()).not.toContain(booked.name);
        // Nor a copy handed out, nor anything erased.
        const copy = await admin.post('/personal/registerutdrag/', { csrf: await admin.csrf(), kind: 'reference', reference: booked.reference });
        expect(copy.status).toBe(503);
        expect(await copy.text()).not.toContain(booked.name);
        expect((await admin.post(`/personal/bokning/${booked.reference}/radera/`, { csrf: await admin.csrf() })).status).toBe(503);
        expect((await sql.query('select erased_at from bookings where reference = ?', [booked.reference]))[0]!.erased_at).toBeNull();
        // A key made or revoked with no row to say so would be a door nobody can account for.
        const made = await admin.post('/personal/nycklar/', { csrf: await admin.csrf('/personal/nycklar/'), action: 'create', name: `Blockerad ${run}`, centres: 'kista' });
        expect(made.status).toBe(503);
        expect(await made.text()).not.toMatch(/jtk_/);
        const revoked = await admin.post('/personal/nycklar/', { csrf: await admin.csrf('/personal/nycklar/'), action: 'revoke', id: liveId });
        expect(revoked.status).toBe(503);
      } finally {
        await sql.query(blocker[1]!);
      }
      expect(Number((await sql.query('select count(*) as n from staff_keys'))[0]!.n)).toBe(keys);
      expect((await sql.query('select revoked_at from staff_keys where id = ?', [liveId]))[0]!.revoked_at).toBeNull();
      expect((await fetch(`${server.url}/api/staff/bookings?location=kista&date=${booked.date}`, { headers: { authorization: `Bearer ${live}` } })).status).toBe(200);
    });
  });
}
