import { z } from 'zod';
import { Role, StepStatus } from '../../generated/prisma/enums';

const isoDate = z.iso.date();

export const stepListQuery = z.object({
  view: z.enum(['due-soon', 'overdue', 'past-statutory-limit']).meta({
    description:
      'due-soon: open and due within `withinDays`; overdue: the step is late; past-statutory-limit: the procedure’s own limit has passed',
  }),
  jurisdictionId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: 'Only this unit and the units under it' }),
  agencyId: z.string().min(1).max(64).optional().meta({ description: 'Only steps this agency owns' }),
  procedure: z.string().min(1).max(64).optional(),
  minDaysLate: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(0)
    .meta({ description: 'overdue / past-statutory-limit: at least this many days late' }),
  withinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(60)
    .default(3)
    .meta({ description: 'due-soon: due within this many days' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const sentNotificationView = z.object({
  kind: z.enum(['REMINDER', 'ESCALATION', 'STATUTORY_LIMIT', 'CASE_MOVED']),
  rung: z.number().int(),
  recipientAgencyId: z.string(),
  recipientRole: z.enum(Role),
  scheduledAt: z.iso.datetime(),
  firedAt: z.iso.datetime(),
});

export const stepRowView = z
  .object({
    stepId: z.string(),
    caseRef: z.string().meta({ description: 'The case’s business reference; no personal data' }),
    reportId: z
      .string()
      .nullable()
      .meta({ description: 'A periodic report task: the report to open (`GET /reports/{reportId}`); null for a case’s step' }),
    procedure: z.string(),
    stepKey: z.string(),
    titleVi: z.string(),
    titleEn: z.string(),
    jurisdictionId: z.string(),
    owner: z.object({
      agencyId: z.string(),
      agencyNameVi: z.string(),
      agencyNameEn: z.string(),
      role: z.enum(Role),
    }),
    status: z.enum(StepStatus),
    dueDate: isoDate,
    dueAt: z.iso.datetime(),
    daysLate: z.number().int().meta({ description: 'Days past the step’s due date (negative: days left)' }),
    statutoryDueDate: isoDate.nullable(),
    daysPastStatutoryLimit: z.number().int().nullable(),
    howComputed: z.object({
      summaryVi: z.string(),
      summaryEn: z.string(),
      ruleKey: z.string(),
      source: z.object({ document: z.string(), article: z.string().optional(), url: z.string().optional() }),
      confidence: z.enum(['CONFIRMED', 'UNCONFIRMED']),
    }),
    escalationsSent: z.array(sentNotificationView),
  })
  .meta({ id: 'StepDeadlineRow' });

export const stepListView = z
  .object({
    view: z.string(),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    items: z.array(stepRowView),
  })
  .meta({ id: 'StepDeadlineList' });

export const stepIdParams = z.object({ id: z.string().min(1).max(300) });

export const stepDetailView = stepRowView
  .extend({
    explanation: z
      .unknown()
      .meta({ description: 'Rule, legal source, start event, skipped days, suspensions and extensions' }),
    plannedNotifications: z.array(
      z.object({
        key: z.string(),
        kind: z.string(),
        rung: z.number().int(),
        at: z.iso.datetime(),
        recipient: z.object({ agencyId: z.string(), role: z.string() }),
      }),
    ),
    ledger: z.array(
      z.object({
        revision: z.number().int(),
        kind: z.string(),
        occurredAt: z.iso.datetime(),
        details: z.unknown(),
      }),
    ),
    notificationsSent: z.array(sentNotificationView),
  })
  .meta({ id: 'StepDeadlineDetail' });
