import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contactKey } from '../../src/intake/booking-schema';
import { clientAddress, trustedProxies } from '../../src/intake/client-address';
import { Keyring, loadKeyring, newKeyFile, sealedKeyId, withNewKey, writeKeyFile } from '../../src/intake/keyring';

describe('the keyring', () => {
  const keyring = new Keyring(newKeyFile());

  it('seals to an envelope naming its key, that opens only in its own context and never twice the same', () => {
    const sealed = keyring.seal('Sigrid Ek', 'bookings.name.JT-AB2345');
    expect(sealed).toMatch(/^jt1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('Sigrid');
    expect(sealedKeyId(sealed)).toBe(keyring.current);
    expect(keyring.seal('Sigrid Ek', 'bookings.name.JT-AB2345')).not.toBe(sealed);
    expect(keyring.open(sealed, 'bookings.name.JT-AB2345')).toBe('Sigrid Ek');
    // Moved to another booking or column: refused.
    expect(() => keyring.open(sealed, 'bookings.name.JT-CD6789')).toThrow();
    expect(() => keyring.open(sealed, 'bookings.needs.JT-AB2345')).toThrow();
  });

  it('refuses a tampered value and a value sealed under a key it does not hold', () => {
    const sealed = keyring.seal('070-123 45 67', 'c');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0]! ^= 1;
    expect(() => keyring.open([...parts.slice(0, 4), body.toString('base64url')].join('.'), 'c')).toThrow();
    expect(() => new Keyring(newKeyFile()).open(sealed, 'c')).toThrow(/not in the keyring/);
  });

  it('hashes e-mail and phone as people write them to one lookup value, apart per purpose', () => {
    expect(keyring.lookup('email', contactKey('email', ' Sigrid@Example.SE '))).toBe(keyring.lookup('email', contactKey('email', 'sigrid@example.se')));
    expect(keyring.lookup('phone', contactKey('phone', '070-123 45 67'))).toBe(keyring.lookup('phone', contactKey('phone', '+46 70 123 45 67')));
    expect(keyring.lookup('phone', '+46701234567')).not.toBe(keyring.lookup('email', '+46701234567'));
    expect(new Keyring(newKeyFile()).lookup('email', 'a@b.se')).not.toBe(keyring.lookup('email', 'a@b.se'));
  });

  it('follows a key file rotated by another process: opens values under the new key and keeps opening the old ones', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keys-')), 'data-key.json');
    const first = newKeyFile();
    writeKeyFile(path, first);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const running = Keyring.fromFile(path);
    const old = running.seal('Abdi', 'c');
    writeKeyFile(path, withNewKey(first));
    const rotator = Keyring.fromFile(path);
    const fresh = rotator.seal('Abdi', 'c');
    expect(sealedKeyId(fresh)).not.toBe(first.current);
    expect(running.open(fresh, 'c')).toBe('Abdi');
    expect(rotator.open(old, 'c')).toBe('Abdi');
  });

  it('makes a key file outside production and refuses to without a key in production', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keys-'));
    expect(() => loadKeyring({ dataKey: undefined, dataKeyFile: undefined, dataDir, production: true })).toThrow(/DATA_KEY/);
    const made = loadKeyring({ dataKey: undefined, dataKeyFile: undefined, dataDir, production: false });
    expect(made.source).toEqual({ kind: 'file', path: join(dataDir, 'data-key.json'), created: true });
    expect(loadKeyring({ dataKey: undefined, dataKeyFile: undefined, dataDir, production: true }).source).toMatchObject({ created: false });
    expect(() => loadKeyring({ dataKey: '{"version":1}', dataKeyFile: undefined, dataDir, production: true })).toThrow(/not a valid key file/);
  });
});

describe('the client address behind proxies', () => {
  const request = (xff?: string) => new Request('http://portal.test/api/bookings', { headers: xff ? { 'x-forwarded-for': xff } : {} });

  it('is the socket address when no proxy is trusted, whatever the client writes', () => {
    expect(clientAddress(request('1.2.3.4'), '203.0.113.9', trustedProxies(undefined))).toBe('203.0.113.9');
  });

  it('with a hop count, is the address the trusted proxy saw, never an entry the client wrote to its left', () => {
    const oneHop = trustedProxies('1');
    expect(clientAddress(request('198.51.100.7'), '10.0.0.2', oneHop)).toBe('198.51.100.7');
    expect(clientAddress(request('1.2.3.4, 198.51.100.7'), '10.0.0.2', oneHop)).toBe('198.51.100.7');
    expect(clientAddress(request('1.2.3.4, 198.51.100.7'), '10.0.0.2', trustedProxies('true'))).toBe('198.51.100.7');
  });

  it('with a CIDR list, is the right-most address not in the list', () => {
    const ours = trustedProxies('10.0.0.0/8, 127.0.0.1');
    expect(clientAddress(request('5.6.7.8, 198.51.100.7, 10.1.1.1'), '127.0.0.1', ours)).toBe('198.51.100.7');
    // A request that did not come through our proxy: the socket is the client.
    expect(clientAddress(request('5.6.7.8'), '198.51.100.20', ours)).toBe('198.51.100.20');
  });
});
