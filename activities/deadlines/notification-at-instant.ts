import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import type { FirePoint } from '../../domain/deadlines/deadline-types';
import type { notificationText } from './notification-text';

/** A notification prepared before its instant: its step's plan revision, its text, its channels. */
export interface PreparedNotification {
  stepId: string;
  /** The plan revision its workflow armed it under: a step changed before the instant wants it no more. */
  revision: number;
  point: FirePoint;
  text: ReturnType<typeof notificationText>;
  deliveries: { channel: 'EMAIL' | 'WEBHOOK'; target: string }[];
}

export type GuardedWrite =
  /** Written now, or found written by an earlier attempt: its deliveries still pending. */
  | { outcome: 'RECORDED'; notificationId: string; created: boolean; pendingDeliveryIds: string[] }
  /** The step changed (closed, stopped, re-timed, moved) before the instant, or was not as armed: nothing written. */
  | { outcome: 'STALE' }
  /** The database's clock has not reached the instant yet (another machine's clock ran ahead). */
  | { outcome: 'EARLY'; waitMs: number };

interface Row {
  key: string;
  live: boolean;
  waitMs: number;
  id: string | null;
  deliveryIds: string[];
}

/**
 * Writes notifications, their inbox items and their pending deliveries in one statement, each only
 * if its step was, at the point's instant, as its workflow armed it (the plan revision it was armed
 * under, in a status in which the point speaks: the procedure's own limit runs while the clock is
 * stopped), and only once the database's clock has reached its instant. A step changed since is
 * judged by its ledger: a change made before the instant (a completion, a stop, a new due date)
 * means nothing is written; a change made after it leaves the point due first, and it is written
 * however late its write comes (a worker lost while it waited, the database down at the instant).
 * The steps' rows are read FOR SHARE, so a change committing at the same moment is decided on its
 * ledger entry too. A notification's key makes a retry find the row an earlier attempt wrote.
 * Answers in the order given.
 */
export async function writeIfStillDue(db: Db, notifications: PreparedNotification[]): Promise<GuardedWrite[]> {
  const column = <T>(pick: (n: PreparedNotification) => T) => notifications.map(pick);
  const deliveries = notifications.flatMap((n) => n.deliveries.map((d) => ({ key: n.point.key, ...d })));
  const rows = await db.$queryRaw<Row[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${column(() => randomUUID())}::uuid[], ${column((n) => n.point.key)}::text[], ${column((n) => n.stepId)}::text[],
        ${column((n) => n.revision)}::int[], ${column((n) => n.point.kind)}::text[], ${column((n) => n.point.rung)}::int[],
        ${column((n) => n.point.recipient.agencyId)}::text[], ${column((n) => n.point.recipient.role)}::text[],
        ${column((n) => n.point.at)}::timestamptz[], ${column((n) => n.text.titleVi)}::text[], ${column((n) => n.text.titleEn)}::text[],
        ${column((n) => n.text.bodyVi)}::text[], ${column((n) => n.text.bodyEn)}::text[], ${column(() => randomUUID())}::uuid[]
      ) WITH ORDINALITY AS x(id, key, step_id, revision, kind, rung, agency_id, role, at, title_vi, title_en, body_vi, body_en, inbox_id, n)
    ), live AS (
      -- Still as armed, or changed only after its instant (the ledger's next entry is later): it was due first.
      SELECT x.key FROM input x
      JOIN steps s ON s.id = x.step_id
      LEFT JOIN step_events armed ON armed.step_id = s.id AND armed.revision = x.revision
      LEFT JOIN step_events changed ON changed.step_id = s.id AND changed.revision = x.revision + 1
      WHERE (s.revision = x.revision AND (s.status = 'OPEN' OR (x.kind = 'STATUTORY_LIMIT' AND s.status = 'SUSPENDED')))
         OR (s.revision > x.revision AND changed.occurred_at > x.at
             AND (armed.plan->>'status' = 'OPEN' OR (x.kind = 'STATUTORY_LIMIT' AND armed.plan->>'status' = 'SUSPENDED')))
      FOR SHARE OF s
    ), written AS (
      INSERT INTO notifications (id, key, step_id, kind, rung, recipient_agency_id, recipient_role, scheduled_at, title_vi, title_en, body_vi, body_en)
      SELECT x.id, x.key, x.step_id, x.kind::"NotificationKind", x.rung, x.agency_id, x.role::"Role", x.at, x.title_vi, x.title_en, x.body_vi, x.body_en
      FROM input x JOIN live USING (key)
      WHERE statement_timestamp() >= x.at
      ON CONFLICT (key) DO NOTHING
      RETURNING id, key
    ), inbox AS (
      INSERT INTO inbox_items (id, notification_id, agency_id, role)
      SELECT x.inbox_id, written.id, x.agency_id, x.role::"Role" FROM written JOIN input x USING (key)
    ), delivered AS (
      INSERT INTO notification_deliveries (id, notification_id, channel, target)
      SELECT gen_random_uuid(), written.id, d.channel::"DeliveryChannel", d.target
      FROM unnest(${deliveries.map((d) => d.key)}::text[], ${deliveries.map((d) => d.channel)}::text[], ${deliveries.map((d) => d.target)}::text[])
        AS d(key, channel, target)
      JOIN written USING (key)
      RETURNING id, notification_id
    )
    SELECT x.key, live.key IS NOT NULL AS live,
      ceil(extract(epoch FROM (x.at - statement_timestamp())) * 1000)::int AS "waitMs",
      written.id::text AS id,
      ARRAY(SELECT delivered.id::text FROM delivered WHERE delivered.notification_id = written.id) AS "deliveryIds"
    FROM input x LEFT JOIN live USING (key) LEFT JOIN written USING (key)
    ORDER BY x.n`;

  // Not written by this statement: an earlier attempt may have written them (a retry after a crash).
  const unwritten = rows.filter((row) => !row.id).map((row) => row.key);
  const earlier = unwritten.length
    ? await db.notification.findMany({
        where: { key: { in: unwritten } },
        select: { id: true, key: true, deliveries: { where: { status: 'PENDING' }, select: { id: true } } },
      })
    : [];
  const earlierByKey = new Map(earlier.map((row) => [row.key, row]));
  return rows.map((row): GuardedWrite => {
    if (row.id) return { outcome: 'RECORDED', notificationId: row.id, created: true, pendingDeliveryIds: row.deliveryIds };
    const found = earlierByKey.get(row.key);
    if (found) return { outcome: 'RECORDED', notificationId: found.id, created: false, pendingDeliveryIds: found.deliveries.map((d) => d.id) };
    if (!row.live) return { outcome: 'STALE' };
    return { outcome: 'EARLY', waitMs: Math.max(1, row.waitMs) };
  });
}
