import { randomBytes, randomUUID } from 'node:crypto';
import { sha256 } from '../intake/booking.ts';
import type { StaffKey, StaffStore } from '../intake/staff-store.ts';

/**
 * Integration keys for the JSON/CSV read-out (replacing the one STAFF_TOKEN).
 * 256 random bits, so a plain SHA-256 is enough to store them: there is
 * nothing to guess, unlike a password. The prefix tells a leaked key apart in
 * secret scanners.
 */
const PREFIX = 'jtk_';

export async function createKey(staff: StaffStore, input: { name: string; centres: readonly string[]; createdBy: string }, now: Date): Promise<{ id: string; key: string }> {
  const key = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  await staff.addKey({ id, name: input.name, centres: input.centres, keyHash: sha256(key), createdBy: input.createdBy, now });
  return { id, key };
}

/** The live key a bearer token is, or undefined (unknown, revoked, or not a key at all). */
export async function keyFor(staff: StaffStore, bearer: string | undefined): Promise<StaffKey | undefined> {
  if (!bearer?.startsWith(PREFIX)) return undefined;
  const key = await staff.keyByHash(sha256(bearer));
  return key && !key.revokedAt ? key : undefined;
}
