import { z } from 'zod';
import { AgencyKind, Role } from '../generated/prisma/enums';

/**
 * The shape of the law as data (DESIGN.md decisions 3, 5, 6). A rule is one step's deadline in one
 * procedure; it has versions by date, because the law and the agencies changed in 2025 and 2026.
 * Province overrides are partial versions checked by the same schemas, so a bad row is refused
 * on write and never reaches a running step.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const count = (max: number) => z.number().int().min(0).max(max);

/** How long the step may take, from its start event. */
export const budgetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('WORKING_DAYS'), days: count(3650) }),
  z.object({
    kind: z.literal('CALENDAR_DAYS'),
    days: count(3650),
    /** When the last day is not a working day the period ends on the next one (UNCONFIRMED: Civil Code 2015 Art. 148). */
    rollForwardToWorkingDay: z.boolean(),
  }),
  /** A term in months (e.g. 12–24 months in a facility); the due date is the end of the default term. */
  z.object({
    kind: z.literal('MONTHS'),
    months: count(120),
    minMonths: count(120).optional(),
    maxMonths: count(120).optional(),
  }),
  /** A report due on a fixed day of the period's last month (e.g. the 5th); the start event is the period's first day. */
  z.object({
    kind: z.literal('DAY_OF_LAST_MONTH'),
    periodMonths: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]),
    day: z.number().int().min(1).max(28),
    rollForwardToWorkingDay: z.boolean(),
  }),
  /** Hours from the event (the 24-hour rules of Law 120/2025, from 1 July 2026): from the opening instant, or the end of the start day when recorded later. */
  z.object({ kind: z.literal('HOURS'), hours: z.number().int().min(1).max(24 * 30) }),
  /** Wall-clock seconds from opening: for demonstrations, tests and benchmarks configured per province, never for law. */
  z.object({
    kind: z.literal('ELAPSED'),
    seconds: z
      .number()
      .int()
      .min(1)
      .max(366 * 24 * 3600),
  }),
]);
export type Budget = z.infer<typeof budgetSchema>;

/**
 * When a reminder fires before the due date, or a rung after it. Working days fire at the start
 * of the office day (08:00 in Vietnam); seconds count from the due instant (for ELAPSED budgets).
 */
export const offsetSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('WORKING_DAYS'), amount: count(60) }),
  z.object({ unit: z.literal('SECONDS'), amount: count(366 * 24 * 3600) }),
]);
export type Offset = z.infer<typeof offsetSchema>;

export const responsibleSchema = z.object({
  agencyKind: z.enum(AgencyKind),
  role: z.enum(Role),
});
export type Responsible = z.infer<typeof responsibleSchema>;

/** One rung of the escalation ladder: after how long past the due date, to whom. */
export const escalationRungSchema = z.object({
  after: offsetSchema,
  to: responsibleSchema,
});
export type EscalationRung = z.infer<typeof escalationRungSchema>;

export const legalSourceSchema = z.object({
  document: z.string().min(1),
  article: z.string().optional(),
  url: z.string().url().optional(),
});
export type LegalSource = z.infer<typeof legalSourceSchema>;

export const startEventSchema = z.object({
  code: z.string().min(1),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
});
export type StartEvent = z.infer<typeof startEventSchema>;

export const ruleVersionSchema = z.object({
  effectiveFrom: isoDate,
  /** Last day the version applies to a new step; absent while in force. */
  effectiveTo: isoDate.optional(),
  startEvent: startEventSchema,
  budget: budgetSchema,
  responsible: responsibleSchema,
  reminders: z.array(offsetSchema).max(10),
  escalations: z.array(escalationRungSchema).max(10),
  source: legalSourceSchema,
  /** CONFIRMED: read in an official text. UNCONFIRMED: a sensible default a province may override. */
  confidence: z.enum(['CONFIRMED', 'UNCONFIRMED']),
  noteVi: z.string().optional(),
  noteEn: z.string().optional(),
});
export type RuleVersion = z.infer<typeof ruleVersionSchema>;

/** What a province may set for a rule; validated on write and again when a step opens. */
export const ruleOverrideParametersSchema = z
  .object({
    budget: budgetSchema.optional(),
    responsible: responsibleSchema.optional(),
    reminders: z.array(offsetSchema).max(10).optional(),
    escalations: z.array(escalationRungSchema).max(10).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'at least one parameter' });
export type RuleOverrideParameters = z.infer<typeof ruleOverrideParametersSchema>;

export interface StepRule {
  /** Stable key, e.g. "CRA.D2" (procedure D, step 2). */
  key: string;
  procedure: string;
  titleVi: string;
  titleEn: string;
  /** Ordered by effectiveFrom; consecutive, non-overlapping. */
  versions: readonly RuleVersion[];
}

/** A rule version as a step sees it: the law's version with the province's override folded in. */
export interface EffectiveRule extends RuleVersion {
  key: string;
  procedure: string;
  titleVi: string;
  titleEn: string;
  override?: { provinceId: string; effectiveFrom: string; reason: string; fields: string[] };
}
