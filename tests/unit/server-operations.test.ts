import { describe, expect, it } from 'vitest';
import { routeOf } from '../../scripts/server-operations.mjs';

describe('metric route names', () => {
  it('are templates: no reference, token or other value of the request reaches a label', () => {
    expect(routeOf('POST', '/api/bookings/')).toBe('/api/bookings');
    expect(routeOf('GET', '/api/bookings/JT-AB2345.ics')).toBe('/api/bookings/{reference}.ics');
    expect(routeOf('POST', '/api/bookings/JT-AB2345/cancel/')).toBe('/api/bookings/{reference}/cancel');
    expect(routeOf('GET', '/api/slots/')).toBe('/api/slots');
    expect(routeOf('GET', '/api/anything/JT-AB2345')).toBe('/api/other');
    expect(routeOf('POST', '/ar/boka/')).toBe('/{locale}/boka/');
    expect(routeOf('GET', '/sv/boka/bekraftelse/')).toBe('/{locale}/boka/bekraftelse/');
    expect(routeOf('GET', '/_astro/app.1a2b3c.js')).toBe('asset');
    expect(routeOf('GET', '/sv/insatser/praktik/')).toBe('page');
    expect(routeOf('POST', '/sv/JT-AB2345')).toBe('other');
  });
});
