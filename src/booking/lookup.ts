import { REFERENCE, sha256 } from '../intake/booking.ts';
import { secretMatches } from '../intake/http.ts';
import { store } from '../intake/runtime.ts';
import type { Booking } from '../intake/store.ts';

export type Lookup = { kind: 'found'; booking: Booking } | { kind: 'not_found' } | { kind: 'unavailable' };

/**
 * A booking from the resident's link (reference and cancel token). A wrong
 * token looks the same as no booking: the link proves nothing else.
 */
export async function bookingFromLink(reference: string | null, token: string | null): Promise<Lookup> {
  if (!reference || !REFERENCE.test(reference) || !token) return { kind: 'not_found' };
  try {
    const found = await (await store()).find(reference);
    if (!found || !secretMatches(sha256(token), found.cancelTokenHash)) return { kind: 'not_found' };
    const { cancelTokenHash: _hash, ...booking } = found;
    return { kind: 'found', booking };
  } catch {
    return { kind: 'unavailable' };
  }
}
