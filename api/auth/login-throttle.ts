import { createHmac } from 'node:crypto';
import type { Db } from '../../db/client';

export interface LoginDelaySettings {
  /** Failed attempts allowed without any wait (3). */
  freeAttempts: number;
  /** The first wait after the free attempts, doubled after each further failure (1 s). */
  baseMs: number;
  /** The longest wait (60 s): a stranger can slow an account down, never lock it. */
  maxMs: number;
}

export const DEFAULT_LOGIN_DELAY: LoginDelaySettings = { freeAttempts: 3, baseMs: 1000, maxMs: 60_000 };

/** Whose attempts are counted: a real account, or an unknown name (by an HMAC of it, never the name). */
export type LoginTarget = { userId: string } | { unknownName: string };

/**
 * The per-account growing delay between login attempts (beside the per-address rate limit).
 * Every attempt is counted as a failure when it is claimed, atomically in PostgreSQL, so parallel
 * attempts cannot slip through together and the state survives restarts and is shared by every API
 * instance; a success resets the count. After `freeAttempts` failures the next attempt must wait
 * baseMs · 2^(failures − freeAttempts), at most maxMs, after the previous one. Nothing is ever locked:
 * once the wait is over, a correct password works.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly settings: LoginDelaySettings,
    private readonly hmacKey: string,
  ) {}

  /** 0 when the attempt may go ahead (and is now counted), otherwise the milliseconds still to wait. */
  async claim(target: LoginTarget): Promise<number> {
    const { freeAttempts: free, baseMs: base, maxMs: max } = this.settings;
    if ('userId' in target) {
      const claimed = await this.db.$queryRaw<unknown[]>`
        UPDATE "users" SET "failed_logins" = "failed_logins" + 1, "last_failed_login_at" = now()
        WHERE "id" = ${target.userId}::uuid
          AND ("failed_logins" < ${free}::int OR "last_failed_login_at" IS NULL
               OR "last_failed_login_at" + least(${base}::float8 * power(2, least("failed_logins" - ${free}::int, 30)), ${max}::float8) * interval '1 millisecond' <= now())
        RETURNING "id"`;
      if (claimed.length > 0) return 0;
      const rows = await this.db.$queryRaw<{ wait: number }[]>`
        SELECT greatest(0, extract(epoch FROM "last_failed_login_at"
                 + least(${base}::float8 * power(2, least("failed_logins" - ${free}::int, 30)), ${max}::float8) * interval '1 millisecond'
                 - now()) * 1000)::float8 AS "wait"
        FROM "users" WHERE "id" = ${target.userId}::uuid`;
      return Math.max(1, Math.ceil(rows[0]?.wait ?? 1));
    }
    const key = this.keyOf(target.unknownName);
    if (Math.random() < 0.02) {
      await this.db.$executeRaw`DELETE FROM "unknown_login_failures" WHERE "last_failed_login_at" < now() - interval '1 day'`;
    }
    const claimed = await this.db.$queryRaw<unknown[]>`
      INSERT INTO "unknown_login_failures" AS f ("key", "failed_logins", "last_failed_login_at") VALUES (${key}, 1, now())
      ON CONFLICT ("key") DO UPDATE SET "failed_logins" = f."failed_logins" + 1, "last_failed_login_at" = now()
      WHERE f."failed_logins" < ${free}::int OR f."last_failed_login_at" IS NULL
         OR f."last_failed_login_at" + least(${base}::float8 * power(2, least(f."failed_logins" - ${free}::int, 30)), ${max}::float8) * interval '1 millisecond' <= now()
      RETURNING f."key"`;
    if (claimed.length > 0) return 0;
    const rows = await this.db.$queryRaw<{ wait: number }[]>`
      SELECT greatest(0, extract(epoch FROM "last_failed_login_at"
               + least(${base}::float8 * power(2, least("failed_logins" - ${free}::int, 30)), ${max}::float8) * interval '1 millisecond'
               - now()) * 1000)::float8 AS "wait"
      FROM "unknown_login_failures" WHERE "key" = ${key}`;
    return Math.max(1, Math.ceil(rows[0]?.wait ?? 1));
  }

  /** A correct password: the count starts again. */
  async succeeded(userId: string): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: { failedLogins: 0, lastFailedLoginAt: null } });
  }

  private keyOf(name: string): string {
    return createHmac('sha256', this.hmacKey).update(`unknown-login:${name}`).digest('hex');
  }
}
