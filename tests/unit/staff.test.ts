import { TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import en from '../../src/staff/locales/en.json';
import sv from '../../src/staff/locales/sv.json';
import { mayOpenCentre, mayOpenDay, seesDetails } from '../../src/staff/access';
import { sessionEnds } from '../../src/staff/config';
import { backTo } from '../../src/staff/page';
import { hashPassword, verifyPassword } from '../../src/staff/password';
import { readGroupMap, roleFromGroups } from '../../src/staff/oidc-groups';
import { groupedSecret, newTotpSecret, totpStep } from '../../src/staff/totp';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (value: string) => [...value.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('staff strings (sv and en only)', () => {
  it('have the same keys, no empty value and the same placeholders', () => {
    const keys = (s: Record<string, string>) => [...new Set(Object.keys(s).map((k) => k.replace(PLURAL, '')))].sort();
    expect(keys(en)).toEqual(keys(sv));
    for (const [key, value] of Object.entries(en)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders(value), key).toEqual(placeholders((sv as Record<string, string>)[key]!));
    }
  });

  it('are translated: few English values equal the Swedish ones', () => {
    // Some words are the same in both ("Status"); a copied file is not.
    const same = Object.entries(en).filter(([k, v]) => (sv as Record<string, string>)[k] === v && v.length > 2);
    expect(same.length / Object.keys(en).length).toBeLessThan(0.03);
  });
});

describe('staff access', () => {
  const worker = { id: 'a', role: 'caseworker' as const, centres: ['kista'] };
  const desk = { id: 'b', role: 'reception' as const, centres: ['kista'] };
  const admin = { id: 'c', role: 'admin' as const, centres: [] };

  it('keeps a caseworker to their centres, any day', () => {
    expect(mayOpenCentre(worker, 'kista')).toBe(true);
    expect(mayOpenCentre(worker, 'vallingby')).toBe(false);
    expect(mayOpenDay(worker, 'kista', '2027-01-04', '2026-12-07')).toBe(true);
  });

  it('keeps reception to today, names and times', () => {
    expect(mayOpenDay(desk, 'kista', '2026-12-07', '2026-12-07')).toBe(true);
    expect(mayOpenDay(desk, 'kista', '2026-12-08', '2026-12-07')).toBe(false);
    expect(seesDetails(desk)).toBe(false);
  });

  it('opens every centre to an admin', () => {
    expect(mayOpenCentre(admin, 'vallingby')).toBe(true);
  });
});

describe('staff sessions', () => {
  const config = { idleMinutes: 20, sessionHours: 10 };
  it('end after the idle time, or at the absolute limit, whichever comes first', () => {
    const created = new Date('2026-12-07T07:00:00Z');
    expect(sessionEnds({ createdAt: created, lastSeenAt: new Date('2026-12-07T08:00:00Z') }, config)).toEqual(new Date('2026-12-07T08:20:00Z'));
    expect(sessionEnds({ createdAt: created, lastSeenAt: new Date('2026-12-07T16:50:00Z') }, config)).toEqual(new Date('2026-12-07T17:00:00Z'));
  });

  it('go back only to staff pages after sign-in', () => {
    expect(backTo('/personal/dag/?plats=kista&datum=2026-12-07')).toBe('/personal/dag/?plats=kista&datum=2026-12-07');
    for (const evil of ['https://evil.example/', '//evil.example/personal/', '/sv/', null]) expect(backTo(evil)).toBe('/personal/');
  });
});

describe('staff credentials', () => {
  it('hashes a password with scrypt and checks it, refusing another', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
  });

  it('accepts a TOTP code of this step or a neighbour, and says which step it was', () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 11, 7, 8, 0, 10);
    const code = (at: number) => new TOTP({ secret }).generate({ timestamp: at });
    expect(totpStep(secret, code(now), now)).toBe(Math.floor(now / 30_000));
    expect(totpStep(secret, code(now - 30_000), now)).toBe(Math.floor(now / 30_000) - 1);
    expect(totpStep(secret, code(now - 120_000), now)).toBeNull();
    expect(totpStep(secret, 'abcdef', now)).toBeNull();
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});

describe('OIDC groups', () => {
  const map = readGroupMap('content/staff/oidc-groups.json');
  it('give the highest role among the groups, with the centres of every group with that role', () => {
    expect(roleFromGroups(['jobbtorg-kista-handlaggare', 'jobbtorg-vallingby-handlaggare', 'jobbtorg-kista-reception'], map)).toEqual({ role: 'caseworker', centres: ['kista', 'vallingby'] });
    expect(roleFromGroups(['jobbtorg-kista-reception', 'jobbtorg-admin'], map)).toEqual({ role: 'admin', centres: [] });
    expect(roleFromGroups(['unrelated'], map)).toBeUndefined();
  });
});
