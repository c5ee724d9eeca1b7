import { describe, expect, it } from 'vitest';
import { bookableTypes, catalog, parseCatalog } from '../../src/catalog';

const clone = () => structuredClone(catalog);

describe('catalog', () => {
  it('covers every service the seeds list, at least 18', () => {
    expect(catalog.services.length).toBeGreaterThanOrEqual(18);
  });

  it('has the seven target groups, the five guides and the seven job centres', () => {
    expect(catalog.groups.map((g) => g.id).sort()).toEqual(
      ['forsorjningsstod', 'funktionsnedsattning', 'kaa', 'kvinnor', 'nyanlanda', 'romsk-inkludering', 'unga-vuxna'],
    );
    expect(catalog.paths.map((p) => p.id).sort()).toEqual(['jobbtorg-unga', 'sfi', 'starta-eget', 'vagen-till-jobbtorg', 'vuxenutbildning']);
    expect(catalog.locations.map((l) => l.id)).toEqual(['kista', 'vantor', 'skarholmen', 'kungsholmen', 'vallingby', 'jobbtorg-unga', 'jobbstart']);
  });

  it('offers residents only meeting types a centre offers: the SFI test is applied for at Vuxenutbildning, not booked here', () => {
    expect(bookableTypes).toEqual(['intro', 'youth', 'guidance', 'jobbstart']);
  });

  it('rejects a service that names a group that does not exist', () => {
    const broken = clone();
    broken.services[0]!.groups.push('pensionarer');
    expect(() => parseCatalog(broken)).toThrow(/service kartlaggning refers to group "pensionarer"/);
  });

  it('rejects a related service that does not exist', () => {
    const broken = clone();
    broken.services[1]!.related.push('trollkurs');
    expect(() => parseCatalog(broken)).toThrow(/related service "trollkurs"/);
  });

  it('rejects a booking door for a meeting type no location offers', () => {
    const broken = clone();
    broken.locations = broken.locations.filter((l) => l.id !== 'jobbstart');
    expect(() => parseCatalog(broken)).toThrow(/service jobbstart refers to a location offering "jobbstart"/);
  });

  it('rejects a location that offers a meeting type without a schedule for it', () => {
    const broken = clone();
    broken.locations[3]!.meetingTypes.push('sfi-test');
    expect(() => parseCatalog(broken)).toThrow(/kungsholmen offers sfi-test but has no schedule/);
  });

  it('keeps every operational fact marked as example configuration', () => {
    for (const l of catalog.locations) expect(l.exampleConfiguration.example).toBe(true);
  });
});
