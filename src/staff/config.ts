/** The staff workspace's settings, read from the environment when the server starts (README lists them). */
export interface StaffConfig {
  /** Minutes without a request before a session ends (a warning comes first). */
  idleMinutes: number;
  /** Hours after sign-in when a session ends whatever happens. */
  sessionHours: number;
  /** Failed sign-ins in a row before an account is locked, and for how long. */
  lockoutAfter: number;
  lockoutMinutes: number;
  /** Sign-in attempts one client may make in 10 minutes before it is slowed down. */
  signInRateLimit: number;
  oidc: { issuer: string; clientId: string; clientSecret: string; groupsFile: string; claim: string } | undefined;
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export function readStaffConfig(env: NodeJS.ProcessEnv = process.env): StaffConfig {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  return {
    idleMinutes: positive(env.STAFF_IDLE_MINUTES, 20),
    sessionHours: positive(env.STAFF_SESSION_HOURS, 10),
    lockoutAfter: 5,
    lockoutMinutes: 15,
    signInRateLimit: positive(env.STAFF_SIGNIN_RATE_LIMIT, 20),
    oidc:
      issuer && clientId && clientSecret
        ? { issuer, clientId, clientSecret, groupsFile: env.OIDC_GROUPS_FILE || 'content/staff/oidc-groups.json', claim: env.OIDC_GROUPS_CLAIM || 'groups' }
        : undefined,
  };
}

/** When an idle session ends, and when it ends at the latest. */
export function sessionEnds(s: { createdAt: Date; lastSeenAt: Date }, config: Pick<StaffConfig, 'idleMinutes' | 'sessionHours'>): Date {
  const idle = s.lastSeenAt.getTime() + config.idleMinutes * 60_000;
  const absolute = s.createdAt.getTime() + config.sessionHours * 3_600_000;
  return new Date(Math.min(idle, absolute));
}
