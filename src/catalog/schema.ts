import { z } from 'zod';

/**
 * The language-independent catalog: which services, target groups, guides and
 * job centres exist and how they connect. Text lives per locale in the content
 * collections; this holds only what must be the same in every language, so a
 * translation can never drift from the structure.
 */

/** Seed documents in ../shared/seeds, by their number: every fact must trace to one. */
export const sourceIds = ['000', '001', '002', '003', '004'] as const;
const sources = z.array(z.enum(sourceIds)).min(1, 'name at least one seed that supports this entry');

/** Meeting types a resident can book; the ids are part of the intake API contract. */
export const meetingTypeIds = ['intro', 'youth', 'guidance', 'sfi-test', 'jobbstart'] as const;
export type MeetingType = (typeof meetingTypeIds)[number];
const meetingType = z.enum(meetingTypeIds);

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case ASCII words joined by hyphens');

/**
 * How a resident gets a service: booking a first meeting here, Jobbtorg Unga,
 * a referral from the district office (income support is decided there, never
 * here), Arbetsförmedlingen (the state's door for job seekers and the newly
 * arrived), Försäkringskassan (sick leave), applying at Vuxenutbildning
 * Stockholm (SFI and komvux are the education board's), or ordinary business
 * advice (outside the seeds: the page says the city is to confirm it).
 */
export const door = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('book'), meetingType }),
  z.object({ kind: z.literal('youth') }),
  z.object({ kind: z.literal('district') }),
  z.object({ kind: z.literal('arbetsformedlingen') }),
  z.object({ kind: z.literal('forsakringskassan') }),
  z.object({ kind: z.literal('vuxenutbildning') }),
  z.object({ kind: z.literal('business-advice') }),
]);
export type Door = z.infer<typeof door>;

export const group = z.object({
  id: slug,
  door,
  sources,
});

/** How services are grouped on the overview page, in this order. */
export const serviceCategories = ['start', 'work', 'learn', 'support', 'business'] as const;

export const service = z.object({
  id: slug,
  category: z.enum(serviceCategories),
  /** Target groups it is for (ids in groups.json). */
  groups: z.array(slug).min(1),
  door,
  /** Other services a reader of this one should see (ids in services.json). */
  related: z.array(slug).max(4),
  sources,
});

/** A long-form guide; its text is a page in content/pages with the same slug. */
export const path = z.object({
  id: slug,
  door,
  related: z.array(slug).max(5),
  sources,
});

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'times are HH:MM, 24-hour, Stockholm time');
/** ISO weekday: 1 = Monday … 7 = Sunday. */
const weekday = z.number().int().min(1).max(7);

const scheduleRow = z
  .object({
    type: meetingType,
    weekdays: z.array(weekday).min(1),
    /** Start times of the meetings on those days. */
    times: z.array(time).min(1),
    /** Length of one meeting. */
    minutes: z.number().int().min(15).max(240),
    /** Seats per meeting: 1 for an individual meeting, more for a group meeting. */
    capacity: z.number().int().min(1).max(50),
  })
  .strict();

export const location = z
  .object({
    id: slug,
    /** Proper name, the same in every language. */
    name: z.string().min(3),
    kind: z.enum(['regional', 'youth', 'jobbstart']),
    /** The region the 2007 decision named (seed 002), for the regional job centres. */
    region: z.string().optional(),
    meetingTypes: z.array(meetingType).min(1),
    sources,
    /**
     * Operational facts the seeds do not give. The city replaces them; while
     * `example` is true every page that shows them says they are examples.
     */
    exampleConfiguration: z
      .object({
        example: z.boolean(),
        /** City districts (stadsdelsområden) this centre serves. */
        districts: z.array(z.string().min(2)).min(1),
        address: z.object({ street: z.string(), postcode: z.string().regex(/^\d{3} \d{2}$/), city: z.string() }),
        stepFree: z.boolean(),
        openingHours: z.array(z.object({ weekdays: z.array(weekday).min(1), opens: time, closes: time })).min(1),
        /** Times to walk in without booking, when the centre has them. */
        dropIn: z.array(z.object({ weekdays: z.array(weekday).min(1), opens: time, closes: time })),
        booking: z.object({
          /** How far ahead slots are offered. */
          horizonWeeks: z.number().int().min(1).max(12),
          /** A slot closes this many hours before it starts, so staff can prepare. */
          leadHours: z.number().int().min(0).max(168),
          schedule: z.array(scheduleRow).min(1),
        }),
      })
      .strict(),
  })
  .strict()
  .superRefine((loc, ctx) => {
    const scheduled = new Set(loc.exampleConfiguration.booking.schedule.map((row) => row.type));
    for (const type of loc.meetingTypes) {
      if (!scheduled.has(type)) ctx.addIssue({ code: 'custom', message: `${loc.id} offers ${type} but has no schedule for it` });
    }
    for (const type of scheduled) {
      if (!loc.meetingTypes.includes(type)) ctx.addIssue({ code: 'custom', message: `${loc.id} schedules ${type} but does not offer it` });
    }
  });
export type Location = z.infer<typeof location>;

function unique<T extends { id: string }>(kind: string) {
  return (rows: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.id)) ctx.addIssue({ code: 'custom', message: `${kind} ${row.id} is listed twice` });
      seen.add(row.id);
    }
  };
}

/**
 * The whole catalog. References between entries are checked here, so a
 * service that names a group, service or location that does not exist fails
 * the build with the entry's name in the message.
 */
export const catalog = z
  .object({
    groups: z.array(group).superRefine(unique('group')),
    services: z.array(service).min(18).superRefine(unique('service')),
    paths: z.array(path).superRefine(unique('path')),
    locations: z.array(location).superRefine(unique('location')),
  })
  .superRefine((cat, ctx) => {
    const groups = new Set(cat.groups.map((g) => g.id));
    const services = new Set(cat.services.map((s) => s.id));
    const offered = new Set(cat.locations.flatMap((l) => l.meetingTypes));
    const missing = (kind: string, owner: string, id: string) =>
      ctx.addIssue({ code: 'custom', message: `${owner} refers to ${kind} "${id}", which does not exist` });
    const checkDoor = (owner: string, d: Door) => {
      if (d.kind === 'book' && !offered.has(d.meetingType)) missing('a location offering', owner, d.meetingType);
    };
    for (const s of cat.services) {
      for (const g of s.groups) if (!groups.has(g)) missing('group', `service ${s.id}`, g);
      for (const r of s.related) if (!services.has(r) || r === s.id) missing('related service', `service ${s.id}`, r);
      checkDoor(`service ${s.id}`, s.door);
    }
    for (const p of cat.paths) {
      for (const r of p.related) if (!services.has(r)) missing('service', `path ${p.id}`, r);
      checkDoor(`path ${p.id}`, p.door);
    }
    for (const g of cat.groups) {
      checkDoor(`group ${g.id}`, g.door);
      if (!cat.services.some((s) => s.groups.includes(g.id))) ctx.addIssue({ code: 'custom', message: `group ${g.id} has no services` });
    }
  });
export type Catalog = z.infer<typeof catalog>;
