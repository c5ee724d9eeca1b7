import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Role } from '../intake/staff-store.ts';
import { roles } from './access.ts';

/**
 * Groups from the identity provider's claim, mapped to a role and centres by a
 * config file (content/staff/oidc-groups.json, example configuration).
 */
const groupsFile = z.object({
  groups: z.record(
    z.string().min(1),
    z.object({
      /** The role the group gives. */
      role: z.enum(roles),
      /** Job centre ids; empty for admin, who sees every centre. */
      centres: z.array(z.string()),
    }),
  ),
});
export type GroupMap = z.infer<typeof groupsFile>['groups'];

export function readGroupMap(file: string): GroupMap {
  return groupsFile.parse(JSON.parse(readFileSync(file, 'utf8'))).groups;
}

const rank: Record<Role, number> = { reception: 1, caseworker: 2, admin: 3 };

/** The highest role among the person's groups and the centres of every group with that role; undefined: no role here. */
export function roleFromGroups(groups: readonly string[], map: GroupMap): { role: Role; centres: string[] } | undefined {
  const granted = groups.flatMap((g) => (map[g] ? [map[g]!] : []));
  if (granted.length === 0) return undefined;
  const role = granted.reduce((best, g) => (rank[g.role] > rank[best] ? g.role : best), granted[0]!.role);
  const centres = role === 'admin' ? [] : [...new Set(granted.filter((g) => g.role === role).flatMap((g) => g.centres))];
  return { role, centres };
}
