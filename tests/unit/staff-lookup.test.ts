import { describe, expect, it } from 'vitest';
import { readLookup } from '../../src/staff/lookup';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('the staff look-up form', () => {
  it('reads a reference with or without its JT-, in any case, around spaces', () => {
    for (const typed of ['JT-ABC234', 'jt-abc234', ' abc234 ', 'ABC234']) {
      expect(readLookup(form({ kind: 'reference', reference: typed })).result).toEqual({ kind: 'subject', subject: { kind: 'reference', value: 'JT-ABC234' } });
    }
  });

  it('marks the reference field for a code that cannot be a reference (letters read aloud are excluded)', () => {
    for (const typed of ['', 'JT-ABC23', 'JT-ABC2340', 'JT-ABCI23', 'JT-ABC1O0']) {
      expect(readLookup(form({ kind: 'reference', reference: typed })).result).toEqual({ kind: 'error', field: 'reference' });
    }
  });

  it('reads an address as an e-mail and anything else as a phone number in its written forms', () => {
    expect(readLookup(form({ kind: 'contact', contact: ' ana@example.se ' })).result).toEqual({ kind: 'subject', subject: { kind: 'email', value: 'ana@example.se' } });
    const spaced = readLookup(form({ kind: 'contact', contact: '070-123 45 67' })).result;
    const plain = readLookup(form({ kind: 'contact', contact: '0701234567' })).result;
    expect(spaced).toMatchObject({ kind: 'subject', subject: { kind: 'phone' } });
    expect(spaced).toEqual(plain);
    expect(readLookup(form({ kind: 'contact', contact: 'not a number' })).result).toEqual({ kind: 'error', field: 'contact' });
  });

  it('keeps what was typed to show again, and knows no third kind of form', () => {
    const lookup = readLookup(form({ kind: 'name', reference: 'abc', contact: ' x ' }));
    expect(lookup.asked).toEqual({ reference: 'ABC', contact: 'x' });
    expect(lookup.result).toEqual({ kind: 'unknown' });
  });
});
