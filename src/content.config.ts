import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/**
 * Text in one language. Every collection below is one Markdown file per
 * locale, `content/<collection>/<locale>/<slug>.md`, with the id
 * `<locale>/<slug>`. Structure (groups, doors, related services, schedules)
 * lives once in content/catalog, so a translation carries only words.
 */
const text = z.object({
  /** The page's h1 and the first part of its <title>. */
  title: z.string().min(3),
  /** The meta description and, for services and groups, the one-sentence summary in lists. */
  description: z.string().min(40).max(260),
  /** Id of the Swedish source entry; absent only on the Swedish source itself. */
  translationOf: z
    .string()
    .regex(/^sv\/[a-z0-9-]+$/, 'translationOf names a Swedish entry, like sv/sfi')
    .optional(),
  /** True only when a person has reviewed this text; machine or unchecked work stays false. */
  reviewed: z.boolean(),
  /** When the content was last checked against the facts. */
  lastReviewed: z.coerce.date(),
});

const textCollection = (dir: string) =>
  defineCollection({ loader: glob({ pattern: '*/*.md', base: `./content/${dir}` }), schema: text });

export const collections = {
  /** Long-form pages: the guides (paths in the catalog), the accessibility statement, personal data. */
  pages: textCollection('pages'),
  /** What happens in each service (insats); the body is the "what happens" section. */
  services: textCollection('services'),
  /** Who each target group is, in plain words. */
  groups: textCollection('groups'),
  /** A short introduction to each job centre; its facts come from the catalog. */
  locations: textCollection('locations'),
};
