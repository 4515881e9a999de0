import type { CalendarSource } from '../../db/calendar-source';
import type { Db } from '../../db/client';
import { dateColumnToIso, isoToDateColumn } from '../../domain/time/legal-date';
import { Role } from '../../generated/prisma/enums';
import { requireNationalRoot } from '../admin/national-root';
import { ANY_ROLE } from '../auth/roles';
import { problems } from '../http/problem';
import type { ApiRoutes } from '../http/routes';
import {
  addWorkingDaysQuery,
  addWorkingDaysView,
  holidaysQuery,
  holidaysView,
  overrideBody,
  overrideDateParams,
  overrideList,
  overridesQuery,
  overrideView,
} from './calendar.schemas';

/**
 * The working-day calendar: public reads, and the override table (the government's announced day
 * swaps, one calendar for the country) that only the national administrator edits.
 */
export function registerCalendarRoutes(routes: ApiRoutes, db: Db, calendars: CalendarSource): void {
  routes.add({
    method: 'get',
    path: '/calendar/holidays',
    tag: 'Calendar',
    summary:
      'Non-working days of a year other than ordinary weekends: holidays, substitute days, announced swaps',
    access: { public: true },
    query: holidaysQuery,
    responses: {
      200: { description: 'The year’s non-working days, by date', schema: holidaysView },
      422: { description: 'Year outside the calendar’s coverage' },
    },
    handler: async ({ query }) => {
      const calendar = await calendars.current();
      return { status: 200, body: { year: query.year, items: calendar.nonWorkingDays(query.year) } };
    },
  });

  routes.add({
    method: 'get',
    path: '/calendar/add-working-days',
    tag: 'Calendar',
    summary: 'The date N working days after a date, and the non-working days skipped',
    description: 'Counting starts the day after `from` (the start event’s day is not counted).',
    access: { public: true },
    query: addWorkingDaysQuery,
    responses: {
      200: { description: 'The resulting date', schema: addWorkingDaysView },
      422: { description: 'Date outside the calendar’s coverage' },
    },
    handler: async ({ query }) => {
      const calendar = await calendars.current();
      const { date, skipped } = calendar.addWorkingDays(query.from, query.days);
      return { status: 200, body: { from: query.from, days: query.days, date, skipped } };
    },
  });

  routes.add({
    method: 'get',
    path: '/calendar/overrides',
    tag: 'Calendar',
    summary: 'Announced day swaps and corrections (nghỉ bù / làm bù)',
    access: { roles: ANY_ROLE },
    query: overridesQuery,
    responses: { 200: { description: 'Overrides by date', schema: overrideList } },
    handler: async ({ query }) => {
      const rows = await db.calendarOverride.findMany({
        where: query.year
          ? {
              date: {
                gte: isoToDateColumn(`${query.year}-01-01`),
                lte: isoToDateColumn(`${query.year}-12-31`),
              },
            }
          : {},
        orderBy: { date: 'asc' },
      });
      return {
        status: 200,
        body: { items: rows.map((row) => overrideView.parse({ ...row, date: dateColumnToIso(row.date) })) },
      };
    },
  });

  routes.add({
    method: 'put',
    path: '/calendar/overrides/:date',
    tag: 'Calendar',
    summary: 'Record an announced day off or working day; steps already open keep their due dates (the national administrator)',
    access: { roles: [Role.NATIONAL_ADMIN] },
    params: overrideDateParams,
    body: overrideBody,
    responses: {
      200: { description: 'The override as stored', schema: overrideView },
      422: { description: 'Date outside the calendar’s coverage' },
    },
    handler: async ({ principal, params, body, req }) => {
      await requireNationalRoot(db, principal);
      (await calendars.current()).isWorkingDay(params.date); // refuses a year the calendar does not cover
      const date = isoToDateColumn(params.date);
      await db.$transaction([
        db.calendarOverride.upsert({
          where: { date },
          create: { date, ...body, createdBy: principal.userId },
          update: { ...body, createdBy: principal.userId },
        }),
        db.auditEvent.create({
          data: {
            actorUserId: principal.userId,
            actorAgencyId: principal.agencyId,
            action: 'calendar.override_set',
            subjectType: 'calendar_override',
            subjectId: params.date,
            requestId: String(req.id ?? ''),
            details: body,
          },
        }),
      ]);
      calendars.invalidate();
      return { status: 200, body: { date: params.date, ...body } };
    },
  });

  routes.add({
    method: 'delete',
    path: '/calendar/overrides/:date',
    tag: 'Calendar',
    summary: 'Remove an override (the national administrator)',
    access: { roles: [Role.NATIONAL_ADMIN] },
    params: overrideDateParams,
    responses: { 204: { description: 'Removed' }, 404: { description: 'No override on that date' } },
    handler: async ({ principal, params, req }) => {
      await requireNationalRoot(db, principal);
      const date = isoToDateColumn(params.date);
      const existing = await db.calendarOverride.findUnique({ where: { date } });
      if (!existing)
        throw problems.notFound({
          vi: `Không có điều chỉnh lịch ngày ${params.date}.`,
          en: `No calendar override on ${params.date}.`,
        });
      await db.$transaction([
        db.calendarOverride.delete({ where: { date } }),
        db.auditEvent.create({
          data: {
            actorUserId: principal.userId,
            actorAgencyId: principal.agencyId,
            action: 'calendar.override_removed',
            subjectType: 'calendar_override',
            subjectId: params.date,
            requestId: String(req.id ?? ''),
          },
        }),
      ]);
      calendars.invalidate();
      return { status: 204 };
    },
  });
}
