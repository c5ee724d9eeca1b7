import { z } from 'zod';
import raw from '../../content/booking/bring.json' with { type: 'json' };
import { meetingTypeIds } from '../catalog/schema.ts';

export const bringItems = ['id', 'papers', 'glasses', 'idea'] as const;

/** What to bring to each kind of meeting: operational configuration, not from the seeds. */
export const bring = z
  .object({
    example: z.boolean(),
    bring: z.record(z.enum(meetingTypeIds), z.array(z.enum(bringItems)).min(1)),
  })
  .parse(raw);
