import { randomBytes, randomUUID } from 'node:crypto';
import { sha256 } from '../intake/booking.ts';
import type { Role, StaffAccount, StaffStore } from '../intake/staff-store.ts';
import { newTotpSecret } from './totp.ts';

/**
 * Local accounts, as `npm run staff` and the pages use them. Each new or reset
 * account gets a one-time set-up link, valid 24 hours, where the person sets
 * a password and enrols a TOTP app.
 */
export const SETUP_HOURS = 24;
export const setupPath = (token: string) => `/personal/konto/aktivera/?token=${token}`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type AddResult = { kind: 'added'; token: string } | { kind: 'exists' } | { kind: 'invalid'; problem: 'email' | 'centre' };

function setupLink(now: Date) {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + SETUP_HOURS * 3_600_000) };
}

export async function addAccount(staff: StaffStore, input: { email: string; role: Role; centres: readonly string[] }, knownCentres: readonly string[], now: Date): Promise<AddResult> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) return { kind: 'invalid', problem: 'email' };
  // An admin sees every centre; the others need at least one real one.
  const centres = input.role === 'admin' ? [] : [...new Set(input.centres)];
  if (input.role !== 'admin' && (centres.length === 0 || centres.some((c) => !knownCentres.includes(c)))) return { kind: 'invalid', problem: 'centre' };
  const link = setupLink(now);
  const added = await staff.addAccount({ id: randomUUID(), email, role: input.role, centres, source: 'local', totpSecret: newTotpSecret(), setupTokenHash: link.tokenHash, setupExpiresAt: link.expiresAt, now });
  return added ? { kind: 'added', token: link.token } : { kind: 'exists' };
}

/** A new link and second factor; the old password stops working and every session ends. */
export async function resetAccount(staff: StaffStore, account: StaffAccount, now: Date): Promise<string> {
  const link = setupLink(now);
  await staff.resetAccount(account.id, newTotpSecret(), link.tokenHash, link.expiresAt);
  return link.token;
}

export type AccountStatus = 'active' | 'awaiting_setup' | 'setup_expired' | 'locked' | 'disabled';

export function accountStatus(a: StaffAccount, now: Date): AccountStatus {
  if (a.disabledAt) return 'disabled';
  if (a.lockedUntil && a.lockedUntil.getTime() > now.getTime()) return 'locked';
  if (a.source === 'local' && !a.passwordHash) return a.setupExpiresAt && a.setupExpiresAt.getTime() > now.getTime() ? 'awaiting_setup' : 'setup_expired';
  return 'active';
}
