import { Secret, TOTP } from 'otpauth';

/**
 * The second factor of local accounts: TOTP (RFC 6238) through otpauth, the
 * defaults every authenticator app reads (SHA-1, 6 digits, 30 s).
 */
const ISSUER = 'Jobbtorg Stockholm';

const totp = (secret: string, label = '') => new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret) });

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads (from a QR code, or typed). */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/**
 * The time step a code belongs to, or null. One step either side is accepted
 * for clock drift; the caller stores the step so the same code works once.
 */
export function totpStep(secret: string, code: string, now: number): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/** The secret in groups of four, easier to type and to read aloud by a screen reader. */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;
