import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLocation } from '../../src/catalog';
import { bookingRequest } from '../../src/intake/booking-schema';
import { newReference, requestHash } from '../../src/intake/booking';
import { openStore } from '../../src/intake/db';
import { Keyring, newKeyFile, withNewKey } from '../../src/intake/keyring';

/**
 * Staff's note on a cancellation is sealed under the data keys like a
 * booking's details: a key rotation re-seals it, and a key is not free to
 * retire while a note still needs it.
 */
describe('history notes under key rotation', () => {
  it('counts a note under its key, re-seals it under the new one, and still opens it once the old key is gone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-notes-'));
    const first = newKeyFile();
    const open = (keys: ReturnType<typeof newKeyFile>) => openStore({ databaseUrl: undefined, databaseSchema: undefined, dataDir }, new Keyring(keys));
    const before = open(first);
    await before.migrate();
    const request = bookingRequest.parse({ slotId: 'kista.intro.20261208T0900', name: 'Amina', email: 'a@example.se', language: 'sv', consent: true });
    const start = new Date('2026-12-08T08:00:00Z');
    const booked = await before.book({
      reference: newReference(),
      cancelTokenHash: 'x',
      request,
      slot: () => ({ id: request.slotId, location: findLocation('kista')!.id, type: 'intro', start, end: new Date(start.getTime() + 45 * 60_000), capacity: 1 }),
      idempotencyKey: undefined,
      requestHash: requestHash(request),
      now: new Date('2026-12-01T10:00:00Z'),
      outbox: { reminderHours: 24 },
    });
    if (booked.kind !== 'created') throw new Error(booked.kind);
    const { reference } = booked.booking;
    await before.cancel(reference, new Date('2026-12-02T10:00:00Z'), { kind: 'cancelled', actor: 'staff', reason: 'other' }, { reminderHours: 24 }, { account: 'a1', channel: 'phone', reason: 'other', note: 'Har flyttat' });
    await before.close();

    const rotated = withNewKey(first);
    const during = open(rotated);
    // The booking's name and the note: two values under the first key.
    expect((await during.keyUse()).get(first.current)).toBe(2);
    expect(await during.reseal(100)).toBe(2);
    expect(await during.reseal(100)).toBe(0);
    expect((await during.keyUse()).get(first.current)).toBeUndefined();
    await during.close();

    const { [first.current]: _retired, ...keys } = rotated.keys;
    const after = open({ ...rotated, keys });
    expect((await after.history(reference)).at(-1)).toMatchObject({ kind: 'cancelled', note: 'Har flyttat', reason: 'other', channel: 'phone', actorAccount: 'a1' });
    await after.close();
  });
});
