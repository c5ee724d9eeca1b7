import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';
import { integrationKey, signedInStaff } from '../staff-client';

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface SlotJson {
  id: string;
  start: string;
  end: string;
  location: string;
  type: string;
  remaining: number;
}

/** The whole HTTP contract, run against one database kind. */
export function intakeSuite(db: 'sqlite' | 'postgres', env: () => Promise<Record<string, string>>) {
  describe(`intake API on ${db}`, () => {
    let server: TestServer;
    /** An integration key for every centre, made by an admin in the staff workspace. */
    let staffKey: string;
    const taken = new Set<string>();
    const person = {
      name: `Testperson ${randomUUID().slice(0, 8)}`,
      email: `resident-${randomUUID().slice(0, 8)}@example.se`,
      phone: '070-555 12 34',
      needs: `Rullstol ${randomUUID().slice(0, 8)}`,
    };

    beforeAll(async () => {
      const dbEnv = { DATA_DIR: mkdtempSync(join(tmpdir(), 'jobbtorg-')), ...(await env()) };
      server = await startServer({ BOOKING_RATE_LIMIT: '100000', ...dbEnv });
      const admin = await signedInStaff(server.url, dbEnv, `admin-${randomUUID().slice(0, 8)}@stad.example`, 'admin');
      staffKey = await integrationKey(admin, 'API tests', ['kista', 'vantor', 'skarholmen', 'kungsholmen', 'vallingby', 'jobbtorg-unga', 'jobbstart']);
    });
    afterAll(async () => server?.stop());

    const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      api(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const slots = async (location: string, type: string): Promise<SlotJson[]> => {
      const res = await api(`/api/slots?location=${location}&type=${type}&from=${today()}&to=${plusDays(today(), 40)}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { slots: SlotJson[] }).slots;
    };
    /** A free slot no other test in this run has used. */
    const freeSlot = async (location: string, type: string) => {
      const slot = (await slots(location, type)).find((s) => s.remaining > 0 && !taken.has(s.id));
      if (!slot) throw new Error(`no free ${type} slot at ${location}`);
      taken.add(slot.id);
      return slot;
    };
    const booking = (slotId: string, extra: Record<string, unknown> = {}) => ({
      slotId,
      name: person.name,
      email: person.email,
      phone: person.phone,
      language: 'ar',
      interpreter: true,
      interpreterLanguage: 'arabiska',
      needs: person.needs,
      consent: true,
      website: '',
      ...extra,
    });
    const staff = (location: string, date: string, headers: Record<string, string> = {}) =>
      api(`/api/staff/bookings?location=${location}&date=${date}`, { headers: { authorization: `Bearer ${staffKey}`, ...headers } });

    it('reports its database and health', async () => {
      const res = await api('/api/health');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', db });
    });

    it('sends no-store and the security headers on every API response', async () => {
      for (const res of [await api('/api/health'), await api('/api/slots?location=nowhere&type=intro'), await post('/api/bookings', {})]) {
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(Number(/max-age=(\d+)/.exec(res.headers.get('strict-transport-security') ?? '')?.[1])).toBeGreaterThanOrEqual(31_536_000);
      }
    });

    it('lists slots from the schedule, in Stockholm time with offset', async () => {
      const list = await slots('kista', 'intro');
      expect(list.length).toBeGreaterThan(10);
      expect(list[0]).toMatchObject({ location: 'kista', type: 'intro', remaining: 1 });
      expect(list[0]!.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/);
      expect(Date.parse(list[0]!.start)).toBeGreaterThan(Date.now() + 24 * 3_600_000 - 60_000);
    });

    it.each([
      ['unknown location', 'location=nowhere&type=intro'],
      ['unknown type', 'location=kista&type=massage'],
      ['type the centre does not offer', 'location=kungsholmen&type=youth'],
      ['bad date', 'location=kista&type=intro&from=2026-02-30&to=2026-03-02'],
      ['range over 62 days', 'location=kista&type=intro&from=2027-01-01&to=2027-03-05'],
      ['to before from', 'location=kista&type=intro&from=2027-01-10&to=2027-01-01'],
    ])('refuses a slot query with %s', async (_case, query) => {
      const res = await api(`/api/slots?${query}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid_query' } });
    });

    it('books a slot: a readable reference, the slot, a calendar file and a cancel link with a token', async () => {
      const slot = await freeSlot('kista', 'intro');
      const res = await post('/api/bookings', booking(slot.id));
      expect(res.status).toBe(201);
      const body = (await res.json()) as Record<string, string> & { slot: SlotJson };
      expect(body.reference).toMatch(/^JT-[2-9A-HJKMNP-TV-Z]{6}$/);
      expect(body.slot).toMatchObject({ id: slot.id, start: slot.start, end: slot.end, location: 'kista', type: 'intro' });
      expect(body.cancelUrl).toMatch(new RegExp(`^/ar/boka/avboka/\\?ref=${body.reference}&token=[\\w-]{22}$`));
      expect(body.icsUrl).toMatch(new RegExp(`^/api/bookings/${body.reference}\\.ics\\?token=[\\w-]{22}$`));
      expect((await slots('kista', 'intro')).find((s) => s.id === slot.id)?.remaining ?? 0).toBe(0);
    });

    it('gives 100 concurrent bookings of a one-seat slot exactly one seat', async () => {
      const slot = await freeSlot('kungsholmen', 'intro');
      const results = await Promise.all(Array.from({ length: 100 }, () => post('/api/bookings', booking(slot.id))));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(99);
      expect(await results.find((r) => r.status === 409)!.json()).toEqual({ error: { code: 'slot_full' } });
      const rows = (await (await staff('kungsholmen', slot.start.slice(0, 10))).json()) as { bookings: { start: string }[] };
      expect(rows.bookings.filter((b) => b.start === slot.start)).toHaveLength(1);
    });

    it('gives a twelve-seat group slot exactly twelve bookings under concurrency', async () => {
      const slot = await freeSlot('jobbstart', 'jobbstart');
      expect(slot.remaining).toBe(12);
      const results = await Promise.all(Array.from({ length: 40 }, () => post('/api/bookings', booking(slot.id))));
      expect(results.filter((r) => r.status === 201)).toHaveLength(12);
      expect(results.filter((r) => r.status === 409)).toHaveLength(28);
    });

    it('frees the seat on cancel, so the slot can be booked again; a second cancel is harmless', async () => {
      const slot = await freeSlot('vantor', 'intro');
      const first = (await (await post('/api/bookings', booking(slot.id))).json()) as { reference: string; cancelUrl: string };
      const token = new URL(first.cancelUrl, server.url).searchParams.get('token')!;
      expect((await post('/api/bookings', booking(slot.id))).status).toBe(409);
      expect((await post(`/api/bookings/${first.reference}/cancel`, { token: 'wrong' })).status).toBe(403);
      expect((await post('/api/bookings/JT-222222/cancel', { token })).status).toBe(404);
      const cancelled = await post(`/api/bookings/${first.reference}/cancel`, { token });
      expect(cancelled.status).toBe(200);
      expect(await cancelled.json()).toEqual({ reference: first.reference, status: 'cancelled' });
      expect((await post(`/api/bookings/${first.reference}/cancel`, { token })).status).toBe(200);
      expect((await slots('vantor', 'intro')).find((s) => s.id === slot.id)?.remaining).toBe(1);
      expect((await post('/api/bookings', booking(slot.id))).status).toBe(201);
      // A form post without JavaScript cancels too.
      const form = await api(`/api/bookings/${first.reference}/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      });
      expect(form.status).toBe(200);
    });

    it('moves a booking atomically: the old seat freed, old links show the new time; concurrent moves never double-book', async () => {
      const [a, b, target] = [await freeSlot('vantor', 'intro'), await freeSlot('vantor', 'intro'), await freeSlot('vantor', 'intro')];
      const book = async (slotId: string) => {
        const body = (await (await post('/api/bookings', booking(slotId))).json()) as { reference: string; icsUrl: string };
        return { ...body, token: new URL(body.icsUrl, server.url).searchParams.get('token')! };
      };
      const [first, second] = [await book(a.id), await book(b.id)];
      expect((await post(`/api/bookings/${first.reference}/move`, { token: 'wrong', slotId: target.id })).status).toBe(403);
      // Another job centre or meeting is not a move.
      expect((await post(`/api/bookings/${first.reference}/move`, { token: first.token, slotId: (await freeSlot('kista', 'intro')).id })).status).toBe(409);
      // Both residents want the last seat at once: one gets it, the other keeps their booking.
      const answers = await Promise.all([first, second].map((x) => post(`/api/bookings/${x.reference}/move`, { token: x.token, slotId: target.id })));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = answers[0]!.status === 200 ? first : second;
      const loser = winner === first ? second : first;
      const remaining = new Map((await slots('vantor', 'intro')).map((s) => [s.id, s.remaining]));
      expect(remaining.get(target.id) ?? 0).toBe(0);
      expect(remaining.get(winner === first ? a.id : b.id)).toBe(1);
      expect(remaining.get(loser === first ? a.id : b.id) ?? 0).toBe(0);
      // The link from the first confirmation now gives the new time.
      const ics = new ICAL.Component(ICAL.parse(await (await api(winner.icsUrl)).text())).getFirstSubcomponent('vevent')!;
      expect((ics.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(new Date(target.start).toISOString());
      // Moving where it already is changes nothing.
      expect((await post(`/api/bookings/${winner.reference}/move`, { token: winner.token, slotId: target.id })).status).toBe(200);
    });

    it('moves a booking without JavaScript: the page lists the free times, a form post moves it and shows the new confirmation; a lost time offers the nearest', async () => {
      const book = async (slotId: string) => {
        const body = (await (await post('/api/bookings', booking(slotId))).json()) as { reference: string; icsUrl: string };
        return { ...body, token: new URL(body.icsUrl, server.url).searchParams.get('token')! };
      };
      const [a, b] = [await freeSlot('kungsholmen', 'intro'), await freeSlot('kungsholmen', 'intro')];
      const [mine, other] = [await book(a.id), await book(b.id)];
      const page = `/sv/boka/flytta/?ref=${mine.reference}&token=${mine.token}`;
      const form = (fields: Record<string, string>) =>
        api('/sv/boka/flytta/', { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

      const shown = await api(page);
      expect(shown.status).toBe(200);
      const html = await shown.text();
      expect(html).toContain('Byt tid för ditt möte');
      // Nothing personal beyond what the confirmation shows.
      for (const value of [person.name, person.email, person.needs]) expect(html).not.toContain(value);
      const listed = [...html.matchAll(/name="tid" value="([^"]+)"/g)].map((m) => m[1]!);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed).not.toContain(a.id);
      expect(listed.every((id) => id.startsWith('kungsholmen.intro.'))).toBe(true);
      const target = listed.find((id) => !taken.has(id))!;
      taken.add(target);

      // No time chosen: an error, the booking as it was.
      const none = await form({ ref: mine.reference, token: mine.token });
      expect(none.status).toBe(400);
      expect(await none.text()).toContain('Välj en tid');
      expect((await api(`/sv/boka/flytta/?ref=${mine.reference}&token=wrong`)).status).toBe(404);
      expect((await form({ ref: mine.reference, token: 'wrong', tid: target })).status).toBe(404);

      const moved = await form({ ref: mine.reference, token: mine.token, tid: target });
      expect(moved.status).toBe(303);
      const confirmation = moved.headers.get('location')!;
      expect(confirmation).toBe(`/sv/boka/bekraftelse/?ref=${mine.reference}&token=${mine.token}&flyttad=1`);
      const done = await (await api(confirmation)).text();
      expect(done).toContain('Din nya tid är bokad');
      expect(done).toContain(`/sv/boka/flytta/?ref=${mine.reference}&amp;token=${mine.token}`);
      const remaining = new Map((await slots('kungsholmen', 'intro')).map((s) => [s.id, s.remaining]));
      expect(remaining.get(a.id)).toBe(1);
      expect(remaining.get(target) ?? 0).toBe(0);

      // Someone else took the time meanwhile: a clear error and the nearest free times, the booking unchanged.
      const lost = await form({ ref: other.reference, token: other.token, tid: target });
      expect(lost.status).toBe(409);
      const lostHtml = await lost.text();
      expect(lostHtml).toContain('är inte längre ledig');
      expect(lostHtml).toContain('De närmaste lediga tiderna');
      expect([...lostHtml.matchAll(/name="tid" value="([^"]+)"/g)].length).toBeGreaterThan(0);
      expect((await slots('kungsholmen', 'intro')).find((s) => s.id === b.id)?.remaining ?? 0).toBe(0);

      // A cancelled booking says so and offers to book anew.
      expect((await post(`/api/bookings/${other.reference}/cancel`, { token: other.token })).status).toBe(200);
      const cancelled = await (await api(`/sv/boka/flytta/?ref=${other.reference}&token=${other.token}`)).text();
      expect(cancelled).toContain('Mötet är avbokat, så det går inte att byta tid');
      expect(cancelled).not.toContain('name="tid"');
      expect((await form({ ref: other.reference, token: other.token, tid: b.id })).status).toBe(200);
    });

    it('replays an idempotent request with the same reference and no new row; another body under the key is refused', async () => {
      const slot = await freeSlot('skarholmen', 'intro');
      const key = randomUUID();
      const first = await post('/api/bookings', booking(slot.id), { 'idempotency-key': key });
      const again = await post('/api/bookings', booking(slot.id), { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect([200, 201]).toContain(again.status);
      const a = (await first.json()) as { reference: string; cancelUrl: string; icsUrl: string };
      const b = (await again.json()) as { reference: string; cancelUrl: string; icsUrl: string };
      expect(b.reference).toBe(a.reference);
      // The replay's links work: whoever lost the first answer (a double click) can still cancel.
      expect(b.cancelUrl).toBe(a.cancelUrl);
      expect((await api(b.icsUrl)).status).toBe(200);
      const other = await post('/api/bookings', booking(slot.id, { name: 'Någon annan' }), { 'idempotency-key': key });
      expect(other.status).toBe(422);
      const rows = (await (await staff('skarholmen', slot.start.slice(0, 10))).json()) as { bookings: { reference: string }[] };
      expect(rows.bookings.filter((r) => r.reference === a.reference)).toHaveLength(1);
      expect((await post('/api/bookings', booking(slot.id), { 'idempotency-key': 'not-a-uuid' })).status).toBe(400);
    });

    it('books once when ten requests with one key arrive at once, and gives each the same answer, even for the last seat', async () => {
      const slot = await freeSlot('vantor', 'intro');
      expect(slot.remaining).toBe(1);
      const key = randomUUID();
      const results = await Promise.all(Array.from({ length: 10 }, () => post('/api/bookings', booking(slot.id), { 'idempotency-key': key })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const references = new Set(await Promise.all(results.map(async (r) => ((await r.json()) as { reference: string }).reference)));
      expect(references.size).toBe(1);
      expect((await slots('vantor', 'intro')).find((s) => s.id === slot.id)?.remaining ?? 0).toBe(0);
    });

    it('explains bad input field by field and rejects unknown fields and a filled honeypot', async () => {
      const slot = await freeSlot('kista', 'guidance');
      const res = await post('/api/bookings', { ...booking(slot.id), name: '', email: 'x@', phone: '', consent: false, personnummer: '199001011234' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: { code: 'invalid', fields: { name: 'required', email: 'invalid_email', consent: 'consent_required', personnummer: 'unknown_field' } },
      });
      const bot = await post('/api/bookings', booking(slot.id, { website: 'https://spam.example' }));
      expect(bot.status).toBe(400);
      const control = await post('/api/bookings', booking(slot.id, { name: 'A\u0007B' }));
      expect(((await control.json()) as { error: { fields: object } }).error.fields).toEqual({ name: 'control_characters' });
      expect((await post('/api/bookings', '{not json', {})).status).toBe(400);
      expect((await slots('kista', 'guidance')).find((s) => s.id === slot.id)?.remaining).toBe(1);
    });

    it('answers 409 slot_unavailable for a past, unknown or too-soon slot', async () => {
      const soon = (await api(`/api/slots?location=kista&type=intro&from=${today()}&to=${today()}`).then((r) => r.json())) as { slots: SlotJson[] };
      expect(soon.slots).toEqual([]);
      for (const slotId of ['kista.intro.20200106T0900', 'kista.intro.20991231T0900', 'kista.intro.nonsense', `kista.intro.${today().replaceAll('-', '')}T0900`]) {
        const res = await post('/api/bookings', booking(slotId));
        expect(res.status, slotId).toBe(409);
        expect(await res.json()).toEqual({ error: { code: 'slot_unavailable' } });
      }
    });

    it('refuses a body over 16 KB (413), another content type (415) and a cross-site post (403)', async () => {
      const slot = await freeSlot('kista', 'guidance');
      expect((await post('/api/bookings', booking(slot.id, { needs: 'x'.repeat(17_000) }))).status).toBe(413);
      const text = await api('/api/bookings', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
      expect(text.status).toBe(415);
      const cross = await post('/api/bookings', booking(slot.id), { origin: 'https://evil.example' });
      expect(cross.status).toBe(403);
      const same = await post('/api/bookings', booking(slot.id), { origin: server.url });
      expect(same.status).toBe(201);
    });

    it('takes JSON only: without JavaScript, residents book through the booking page', async () => {
      const slot = await freeSlot('jobbtorg-unga', 'youth');
      const form = new URLSearchParams({ slotId: slot.id, name: person.name, phone: person.phone, language: 'ti', consent: 'true', website: '' });
      const res = await api('/api/bookings', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(415);
      expect((await slots('jobbtorg-unga', 'youth')).find((s) => s.id === slot.id)?.remaining).toBe(1);
    });

    it('books through the booking page without JavaScript: once per one-time key, never cross-site, nothing personal on the confirmation', async () => {
      const slot = await freeSlot('kungsholmen', 'guidance');
      const draft = { typ: 'guidance', plats: 'kungsholmen', tid: slot.id, name: person.name, email: person.email, phone: '', language: 'so', interpreter: '', interpreterLanguage: '', needs: person.needs };
      const page = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
        api('/sv/boka/', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams(fields).toString(),
          redirect: 'manual',
        });
      const review = await page({ ...draft, steg: 'granska' });
      expect(review.status).toBe(200);
      const html = await review.text();
      expect(html).toContain(person.name);
      const key = /name="nyckel" value="([0-9a-f-]{36})"/.exec(html)?.[1];
      expect(key).toBeDefined();
      const confirm = { ...draft, nyckel: key!, steg: 'skicka', consent: 'true' };
      expect((await page(confirm, { origin: 'https://elsewhere.example' })).status).toBe(403);
      const [first, second] = await Promise.all([page(confirm), page(confirm)]);
      expect([first.status, second.status]).toEqual([303, 303]);
      const location = first.headers.get('location')!;
      expect(second.headers.get('location')).toBe(location);
      expect(location).toMatch(/^\/sv\/boka\/bekraftelse\/\?ref=JT-[2-9A-Z]{6}&token=[\w-]{22}$/);
      const reference = new URL(location, server.url).searchParams.get('ref')!;
      const rows = (await (await staff('kungsholmen', slot.start.slice(0, 10))).json()) as { bookings: { reference: string }[] };
      expect(rows.bookings.filter((r) => r.reference === reference)).toHaveLength(1);
      const confirmation = await api(location);
      expect(confirmation.status).toBe(200);
      const shown = await confirmation.text();
      expect(shown).toContain(reference);
      for (const secret of [person.name, person.email, person.needs]) expect(shown).not.toContain(secret);
      // Without the token the link shows nothing.
      expect((await api(`/sv/boka/bekraftelse/?ref=${reference}&token=wrong`)).status).toBe(404);
    });

    it('serves a calendar file in the booking’s language, at the right instant, only with the token', async () => {
      const slot = await freeSlot('jobbstart', 'jobbstart');
      const made = (await (await post('/api/bookings', booking(slot.id, { language: 'ar' }))).json()) as { reference: string; icsUrl: string };
      const res = await api(made.icsUrl);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const ics = (await res.text()).replace(/\r\n[ \t]/g, '');
      expect(ics).toMatch(/BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*END:VEVENT[\s\S]*END:VCALENDAR/);
      expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      const dtstart = /DTSTART:(\d{8}T\d{6}Z)/.exec(ics)?.[1];
      const expected = new Date(slot.start).toISOString().replace(/[-:]/g, '').replace('.000', '');
      expect(dtstart).toBe(expected);
      const arabic = JSON.parse(readFileSync('locales/ar/content.json', 'utf8')) as Record<string, string>;
      // What a calendar app reads: parsed by Mozilla's ical.js, not by eye.
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
      expect(event.startDate.toJSDate().getTime()).toBe(Date.parse(slot.start));
      expect(event.endDate.toJSDate().getTime()).toBe(Date.parse(slot.end));
      expect(event.summary).toBe(arabic['meeting.jobbstart']);
      expect(event.location).toContain('Jobbstart');
      // The address is example configuration: the file says so, as the pages do.
      expect(event.description).toContain(arabic['locations.exampleNotice']);
      expect(event.uid).toBe(`${made.reference}@127.0.0.1`);
      expect(ics).toContain('Jobbstart');
      expect((await api(made.icsUrl.replace(/token=.*/, 'token=wrong'))).status).toBe(403);
      expect((await api('/api/bookings/JT-222222.ics?token=x')).status).toBe(404);
    });

    it('lets an integration read a day’s bookings with its key, as JSON or CSV; no key, no data', async () => {
      const slot = await freeSlot('kista', 'guidance');
      const made = (await (await post('/api/bookings', booking(slot.id, { needs: '=HYPERLINK("x")' }))).json()) as { reference: string; cancelUrl: string };
      const date = slot.start.slice(0, 10);
      expect((await api(`/api/staff/bookings?location=kista&date=${date}`)).status).toBe(401);
      expect((await staff('kista', date, { authorization: 'Bearer wrong' })).status).toBe(401);
      const json = (await (await staff('kista', date)).json()) as { bookings: Record<string, unknown>[] };
      const row = json.bookings.find((b) => b.reference === made.reference)!;
      expect(row).toMatchObject({ name: person.name, email: person.email, phone: '+46705551234', language: 'ar', interpreter: true, cancelledAt: null, bookedBy: 'online', channel: null, attendance: null });
      const token = new URL(made.cancelUrl, server.url).searchParams.get('token')!;
      await post(`/api/bookings/${made.reference}/cancel`, { token });
      const csv = await (await staff('kista', date, { accept: 'text/csv' })).text();
      const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
      expect(lines[0]).toBe('reference,start,end,location,type,name,email,phone,language,interpreter,interpreterLanguage,needs,createdAt,cancelledAt,bookedBy,channel,attendance');
      const line = lines.find((l) => l.startsWith(made.reference))!;
      expect(line).toContain(`"'=HYPERLINK(""x"")"`);
      expect(line).toMatch(/,\d{4}-\d{2}-\d{2}T[\d:.]+\+0[12]:00,online,,$/); // cancelled, and still listed
      expect((await api(`/api/staff/bookings?location=nowhere&date=${date}`, { headers: { authorization: `Bearer ${staffKey}` } })).status).toBe(400);
    });

    it('never writes a resident’s personal data to the log', async () => {
      const log = server.log();
      expect(log).toContain('"event":"booking.created"');
      for (const secret of [person.name, person.email, person.needs, '705551234', '555 12 34']) expect(log).not.toContain(secret);
      for (const line of log.trim().split('\n')) {
        const entry = JSON.parse(line) as { time: string; event: string };
        expect(entry.time).toMatch(/Z$/);
        // Start-up lines (the key file made, ready) belong to no request.
        if (!['server.ready', 'keys.created'].includes(entry.event)) expect(entry).toHaveProperty('requestId');
      }
      expect(log).not.toMatch(/token=/);
    });
  });
}
