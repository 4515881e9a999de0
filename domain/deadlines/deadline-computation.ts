import type { SkippedDay, WorkingCalendar } from '../calendar';
import { vietnamDate } from '../time/legal-date';
import type { Budget, EffectiveRule, Offset } from '../../rules/rule-types';
import type {
  Adjustment,
  AdjustmentEffect,
  DeadlineComputation,
  DueDateExplanation,
  FirePoint,
  Recipient,
} from './deadline-types';

/**
 * Pure deadline arithmetic, run inside activities (DESIGN.md decision 4): the workflow only ever
 * sees the instants computed here, so a new holiday never changes how an old history replays.
 */

const DAY_MS = 24 * 3600 * 1000;

/** A legal day ends at midnight in Vietnam (UTC+7, no daylight saving): 17:00 UTC that day. */
export const endOfLegalDay = (date: string): string => `${date}T17:00:00.000Z`;
/** Offices open at 08:00 in Vietnam: 01:00 UTC. Reminders and rungs counted in days fire then. */
export const officeOpening = (date: string): string => `${date}T01:00:00.000Z`;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The day before the same date `months` later: a 12-month term from 10/01/2026 ends on 09/01/2027. */
export function endOfMonthsTerm(start: string, months: number): string {
  const [year, month, day] = start.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return addDays(target.toISOString().slice(0, 10), -1);
}

function workingDaysBefore(calendar: WorkingCalendar, date: string, count: number): string {
  let day = date;
  let remaining = count;
  while (remaining > 0) {
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) remaining -= 1;
  }
  return day;
}

interface BaseDue {
  dueDate: string;
  dueAt: string;
  skipped: SkippedDay[];
  rolledForwardFrom?: string;
}

function baseDue(budget: Budget, startDate: string, openedAt: string, calendar: WorkingCalendar): BaseDue {
  switch (budget.kind) {
    case 'WORKING_DAYS': {
      const { date, skipped } = calendar.addWorkingDays(startDate, budget.days);
      return { dueDate: date, dueAt: endOfLegalDay(date), skipped };
    }
    case 'CALENDAR_DAYS': {
      const result = calendar.addCalendarDays(startDate, budget.days, {
        rollForwardToWorkingDay: budget.rollForwardToWorkingDay,
      });
      return {
        dueDate: result.date,
        dueAt: endOfLegalDay(result.date),
        skipped: result.skipped,
        rolledForwardFrom: result.rolledForwardFrom,
      };
    }
    case 'MONTHS': {
      const date = endOfMonthsTerm(startDate, budget.months);
      calendar.isWorkingDay(date); // refuses a date beyond the calendar's years
      return { dueDate: date, dueAt: endOfLegalDay(date), skipped: [] };
    }
    case 'DAY_OF_LAST_MONTH': {
      // The period's last day falls in its last month; the report is due on a fixed day of that month.
      const lastMonth = endOfMonthsTerm(startDate, budget.periodMonths).slice(0, 7);
      const due = `${lastMonth}-${String(budget.day).padStart(2, '0')}`;
      if (budget.rollForwardToWorkingDay && !calendar.isWorkingDay(due)) {
        const rolled = calendar.addCalendarDays(addDays(due, -1), 1, { rollForwardToWorkingDay: true });
        return {
          dueDate: rolled.date,
          dueAt: endOfLegalDay(rolled.date),
          skipped: rolled.skipped,
          rolledForwardFrom: due,
        };
      }
      calendar.isWorkingDay(due); // refuses a date beyond the calendar's years
      return { dueDate: due, dueAt: endOfLegalDay(due), skipped: [] };
    }
    case 'ELAPSED': {
      const dueAt = new Date(Date.parse(openedAt) + budget.seconds * 1000).toISOString();
      return { dueDate: vietnamDate(new Date(dueAt)), dueAt, skipped: [] };
    }
    case 'HOURS': {
      // The hours run from the moment the step opens when it opens on its start date. Recorded
      // after the fact, the hour of the event is unknown: they run from the end of that day, so
      // the owner is never judged late by a guess.
      const from = vietnamDate(new Date(openedAt)) === startDate ? openedAt : endOfLegalDay(startDate);
      const dueAt = new Date(Date.parse(from) + budget.hours * 3600_000).toISOString();
      const dueDate = vietnamDate(new Date(dueAt));
      calendar.isWorkingDay(dueDate); // refuses a date beyond the calendar's years
      return { dueDate, dueAt, skipped: [] };
    }
  }
}

/** Moves a due date by an adjustment, in the budget's own unit. */
function applyAdjustment(
  budget: Budget,
  due: { dueDate: string; dueAt: string },
  adjustment: Adjustment,
  calendar: WorkingCalendar,
): AdjustmentEffect & { dueAt: string } {
  const unit =
    adjustment.kind === 'EXTENSION'
      ? adjustment.unit
      : budget.kind === 'ELAPSED' || budget.kind === 'HOURS'
        ? 'SECONDS'
        : budget.kind === 'WORKING_DAYS'
          ? 'WORKING_DAYS'
          : 'CALENDAR_DAYS';
  let amount: number;
  if (adjustment.kind === 'EXTENSION') amount = adjustment.amount;
  else if (unit === 'SECONDS')
    amount = Math.round((Date.parse(adjustment.toAt) - Date.parse(adjustment.fromAt)) / 1000);
  else if (unit === 'WORKING_DAYS')
    amount = calendar.workingDaysBetween(adjustment.fromDate, adjustment.toDate);
  else amount = Math.max(0, daysBetween(adjustment.fromDate, adjustment.toDate));

  if (unit === 'SECONDS') {
    const dueAt = new Date(Date.parse(due.dueAt) + amount * 1000).toISOString();
    return {
      adjustment,
      dueDateBefore: due.dueDate,
      dueDateAfter: vietnamDate(new Date(dueAt)),
      dueAt,
      shift: { amount, unit },
      skipped: [],
    };
  }
  const moved =
    unit === 'WORKING_DAYS'
      ? calendar.addWorkingDays(due.dueDate, amount)
      : calendar.addCalendarDays(due.dueDate, amount);
  return {
    adjustment,
    dueDateBefore: due.dueDate,
    dueDateAfter: moved.date,
    dueAt: endOfLegalDay(moved.date),
    shift: { amount, unit },
    skipped: moved.skipped,
  };
}

const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function budgetPhrase(budget: Budget): { vi: string; en: string } {
  switch (budget.kind) {
    case 'WORKING_DAYS':
      return { vi: `${budget.days} ngày làm việc`, en: `${budget.days} working days` };
    case 'CALENDAR_DAYS':
      return { vi: `${budget.days} ngày`, en: `${budget.days} calendar days` };
    case 'MONTHS':
      return { vi: `${budget.months} tháng`, en: `${budget.months} months` };
    case 'DAY_OF_LAST_MONTH':
      return {
        vi: `ngày ${budget.day} của tháng cuối kỳ`,
        en: `day ${budget.day} of the period's last month`,
      };
    case 'HOURS':
      return { vi: `${budget.hours} giờ`, en: `${budget.hours} hours` };
    case 'ELAPSED':
      return {
        vi: `${budget.seconds} giây (cấu hình thử nghiệm)`,
        en: `${budget.seconds} seconds (test configuration)`,
      };
  }
}

export interface DeadlineInput {
  rule: EffectiveRule;
  startDate: string;
  openedAt: string;
}

function summarise(
  rule: EffectiveRule,
  startDate: string,
  base: BaseDue,
  dueDate: string,
  adjustments: number,
): { summaryVi: string; summaryEn: string } {
  const phrase = budgetPhrase(rule.budget);
  const holidays = base.skipped.filter((day) => day.kind !== 'WEEKEND');
  const namesVi = [...new Set(holidays.map((d) => d.nameVi))].join(', ');
  const namesEn = [...new Set(holidays.map((d) => d.nameEn))].join(', ');
  const source = [rule.source.document, rule.source.article].filter(Boolean).join(', ');
  return {
    summaryVi:
      `Hạn ${vnDate(dueDate)}: ${phrase.vi} kể từ ngày ${vnDate(startDate)} (${rule.startEvent.nameVi}), theo ${source}` +
      (rule.confidence === 'UNCONFIRMED' ? ' (chưa xác minh)' : '') +
      (holidays.length ? `; đã bỏ qua ${holidays.length} ngày nghỉ lễ (${namesVi})` : '') +
      (adjustments ? `; điều chỉnh ${adjustments} lần (tạm dừng/gia hạn)` : '') +
      '.',
    summaryEn:
      `Due ${dueDate}: ${phrase.en} from ${startDate} (${rule.startEvent.nameEn}), under ${source}` +
      (rule.confidence === 'UNCONFIRMED' ? ' (unconfirmed)' : '') +
      (holidays.length ? `; skipped ${holidays.length} public holidays (${namesEn})` : '') +
      (adjustments ? `; adjusted ${adjustments} time(s) (suspension/extension)` : '') +
      '.',
  };
}

/** The due date when the step opens, with everything needed to explain it. */
export function computeDeadline(
  { rule, startDate, openedAt }: DeadlineInput,
  calendar: WorkingCalendar,
): DeadlineComputation {
  const base = baseDue(rule.budget, startDate, openedAt, calendar);
  const explanation: DueDateExplanation = {
    ...summarise(rule, startDate, base, base.dueDate, 0),
    rule: {
      key: rule.key,
      titleVi: rule.titleVi,
      titleEn: rule.titleEn,
      effectiveFrom: rule.effectiveFrom,
      source: rule.source,
      confidence: rule.confidence,
      ...(rule.noteVi ? { noteVi: rule.noteVi, noteEn: rule.noteEn } : {}),
      ...(rule.override ? { override: rule.override } : {}),
    },
    startEvent: { ...rule.startEvent, date: startDate },
    budget: rule.budget,
    baseDueDate: base.dueDate,
    skipped: base.skipped,
    ...(base.rolledForwardFrom ? { rolledForwardFrom: base.rolledForwardFrom } : {}),
    adjustments: [],
    dueDate: base.dueDate,
    dueAt: base.dueAt,
  };
  return { dueDate: base.dueDate, dueAt: base.dueAt, explanation };
}

/**
 * Moves an existing due date by a suspension or an extension. Only the new movement uses today's
 * calendar: the date computed when the step opened stays as it was (a later holiday override or
 * rule change never moves an open step behind its owner's back).
 */
export function adjustDeadline(
  rule: EffectiveRule,
  explanation: DueDateExplanation,
  adjustment: Adjustment,
  calendar: WorkingCalendar,
): DeadlineComputation {
  const { dueAt, ...effect } = applyAdjustment(
    rule.budget,
    { dueDate: explanation.dueDate, dueAt: explanation.dueAt },
    adjustment,
    calendar,
  );
  const adjustments = [...explanation.adjustments, effect];
  const base: BaseDue = {
    dueDate: explanation.baseDueDate,
    dueAt: explanation.dueAt,
    skipped: explanation.skipped,
  };
  const next: DueDateExplanation = {
    ...explanation,
    ...summarise(rule, explanation.startEvent.date, base, effect.dueDateAfter, adjustments.length),
    adjustments,
    dueDate: effect.dueDateAfter,
    dueAt,
  };
  return { dueDate: next.dueDate, dueAt, explanation: next };
}

function reminderAt(
  offset: Offset,
  due: { dueDate: string; dueAt: string },
  calendar: WorkingCalendar,
): string {
  if (offset.unit === 'SECONDS') return new Date(Date.parse(due.dueAt) - offset.amount * 1000).toISOString();
  return officeOpening(workingDaysBefore(calendar, due.dueDate, offset.amount));
}

function rungAt(offset: Offset, due: { dueDate: string; dueAt: string }, calendar: WorkingCalendar): string {
  if (offset.unit === 'SECONDS' || offset.amount === 0)
    return new Date(
      Date.parse(due.dueAt) + (offset.unit === 'SECONDS' ? offset.amount * 1000 : 0),
    ).toISOString();
  return officeOpening(calendar.addWorkingDays(due.dueDate, offset.amount).date);
}

export interface FirePlanInput {
  stepId: string;
  rule: EffectiveRule;
  due: { dueDate: string; dueAt: string };
  owner: Recipient;
  /** One recipient per escalation rung, in ladder order (resolved by the activity from the registry). */
  rungRecipients: readonly Recipient[];
}

/**
 * Reminders before the due instant and the ladder after it. A reminder's key carries the due
 * instant, so a moved deadline reminds again; a rung's key does not, so each rung fires once.
 */
export function planFirePoints(
  { stepId, rule, due, owner, rungRecipients }: FirePlanInput,
  calendar: WorkingCalendar,
): FirePoint[] {
  const reminders = rule.reminders.map<FirePoint>((offset, index) => ({
    key: `${stepId}:reminder:${index}:${due.dueAt}`,
    kind: 'REMINDER',
    rung: index,
    at: reminderAt(offset, due, calendar),
    recipient: owner,
  }));
  const rungs = rule.escalations.map<FirePoint>((rung, index) => ({
    key: `${stepId}:escalation:${index + 1}`,
    kind: 'ESCALATION',
    rung: index + 1,
    at: rungAt(rung.after, due, calendar),
    recipient: rungRecipients[index] ?? owner,
  }));
  return [...reminders, ...rungs].sort((a, b) => a.at.localeCompare(b.at) || a.rung - b.rung);
}

/** The procedure's own clock: its rungs fire as STATUTORY_LIMIT notifications under case-wide keys. */
export function planStatutoryFirePoints(
  caseKey: string,
  rule: EffectiveRule,
  due: { dueDate: string; dueAt: string },
  recipients: readonly Recipient[],
  calendar: WorkingCalendar,
): FirePoint[] {
  return rule.escalations.flatMap((rung, index) => {
    const recipient = recipients[index];
    if (!recipient) return [];
    return [
      {
        key: `${caseKey}:statutory-limit:${index + 1}`,
        kind: 'STATUTORY_LIMIT' as const,
        rung: index + 1,
        at: rungAt(rung.after, due, calendar),
        recipient,
      },
    ];
  });
}
