// Import attributes and .ts extensions keep this module runnable by plain Node (the purge and bench scripts) as well as by Vite.
import groupsFile from '../../content/catalog/groups.json' with { type: 'json' };
import locationsFile from '../../content/catalog/locations.json' with { type: 'json' };
import pathsFile from '../../content/catalog/paths.json' with { type: 'json' };
import servicesFile from '../../content/catalog/services.json' with { type: 'json' };
import { catalog as catalogSchema, meetingTypeIds, type Catalog, type Location, type MeetingType } from './schema.ts';

/** Parses the catalog files; throws with every broken reference listed, which fails the build. */
export function parseCatalog(input: unknown): Catalog {
  const result = catalogSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`content/catalog is invalid:\n${problems}`);
  }
  return result.data;
}

export const catalog: Catalog = parseCatalog({
  groups: groupsFile.groups,
  services: servicesFile.services,
  paths: pathsFile.paths,
  locations: locationsFile.locations,
});

/** A job centre's address on one line: "Exempelgatan 1, 164 40 Kista". */
export function addressLine(address: Location['exampleConfiguration']['address']): string {
  return `${address.street}, ${address.postcode} ${address.city}`;
}

/**
 * The meeting types a resident can book: those some job centre offers. A type no
 * centre offers any longer (the SFI test is booked through Jobbtorg's staff)
 * stays a known id, so bookings made before still show and cancel.
 */
export const bookableTypes: MeetingType[] = meetingTypeIds.filter((type) => catalog.locations.some((l) => l.meetingTypes.includes(type)));

export function findLocation(id: string): Location | undefined {
  return catalog.locations.find((l) => l.id === id);
}

export { meetingTypeIds, serviceCategories, type Catalog, type Door, type Location, type MeetingType } from './schema.ts';
