import { z } from 'zod';
import type { Db } from '../../db/client';
import { Role } from '../../generated/prisma/enums';
import { ANY_ROLE } from '../auth/roles';
import { problems } from '../http/problem';
import type { ApiRoutes } from '../http/routes';

const inboxQuery = z.object({
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const inboxItemView = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['REMINDER', 'ESCALATION', 'STATUTORY_LIMIT', 'CASE_MOVED']),
    rung: z.number().int(),
    role: z.enum(Role),
    stepId: z.string(),
    titleVi: z.string(),
    titleEn: z.string(),
    bodyVi: z.string(),
    bodyEn: z.string(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'InboxItem' });

const inboxView = z
  .object({ total: z.number().int(), unread: z.number().int(), items: z.array(inboxItemView) })
  .meta({ id: 'Inbox' });

/** The in-app inbox: what reached the caller's agency for the roles the caller holds. */
export function registerInboxRoutes(routes: ApiRoutes, db: Db): void {
  routes.add({
    method: 'get',
    path: '/inbox',
    tag: 'Inbox',
    summary: 'Reminders, escalations and steps handed over with a moved case (CASE_MOVED), addressed to my agency and roles, newest first',
    access: { roles: ANY_ROLE },
    query: inboxQuery,
    responses: { 200: { description: 'One page of the inbox', schema: inboxView } },
    handler: async ({ principal, query }) => {
      const mine = { agencyId: principal.agencyId, role: { in: principal.roles } };
      const where = { ...mine, ...(query.unreadOnly ? { readAt: null } : {}) };
      const [total, unread, rows] = await Promise.all([
        db.inboxItem.count({ where }),
        db.inboxItem.count({ where: { ...mine, readAt: null } }),
        db.inboxItem.findMany({
          where,
          include: { notification: true },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
      ]);
      const items = rows.map((row) => ({
        id: row.id,
        kind: row.notification.kind,
        rung: row.notification.rung,
        role: row.role,
        stepId: row.notification.stepId,
        titleVi: row.notification.titleVi,
        titleEn: row.notification.titleEn,
        bodyVi: row.notification.bodyVi,
        bodyEn: row.notification.bodyEn,
        createdAt: row.createdAt.toISOString(),
        readAt: row.readAt?.toISOString() ?? null,
      }));
      return { status: 200, body: { total, unread, items } };
    },
  });

  routes.add({
    method: 'post',
    path: '/inbox/:id/read',
    tag: 'Inbox',
    summary: 'Mark an inbox item read (idempotent)',
    access: { roles: ANY_ROLE },
    params: z.object({ id: z.string().uuid() }),
    responses: { 204: { description: 'Marked read' }, 404: { description: 'No such item in my inbox' } },
    handler: async ({ principal, params }) => {
      const item = await db.inboxItem.findFirst({
        where: { id: params.id, agencyId: principal.agencyId, role: { in: principal.roles } },
      });
      // Another agency's item answers 404 too: its existence is not the caller's business.
      if (!item)
        throw problems.notFound({
          vi: 'Không có thông báo này trong hộp thư của bạn.',
          en: 'No such item in your inbox.',
        });
      if (!item.readAt)
        await db.inboxItem.update({
          where: { id: item.id },
          data: { readAt: new Date(), readBy: principal.userId },
        });
      return { status: 204 };
    },
  });
}
