import { z } from 'astro/zod';
import raw from '../../content/site.json';

const siteSchema = z.object({
  contact: z.object({
    /** While true, every page marks the contact details as example values. */
    example: z.boolean(),
    phone: z.string().regex(/^[0-9 +-]{6,20}$/),
    email: z.email(),
  }),
  /** The other public doors residents are pointed to: the state agencies, the districts, adult education, business advice. */
  otherDoors: z.object({
    arbetsformedlingen: z.url(),
    forsakringskassan: z.url(),
    district: z.url(),
    /** Vuxenutbildning Stockholm, where SFI and komvux are applied for. */
    vuxenutbildning: z.url(),
    /** Ordinary advice for new businesses: outside the seeds, shown with a note that the city is to confirm it. */
    businessAdvice: z.url(),
  }),
});

export const site = siteSchema.parse(raw);

/** `tel:` form of a Swedish phone number as people write it ("08-508 000 00"). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  return `tel:${digits.startsWith('0') ? `+46${digits.slice(1)}` : digits}`;
}

/**
 * A phone number inside translated text: Unicode isolates (LRI … PDI) keep its
 * digit groups in order inside Arabic, Persian and Dari sentences, as <bdi> would.
 */
export function isolateLtr(text: string): string {
  return `\u2066${text}\u2069`;
}
