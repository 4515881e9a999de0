import type { TFunction } from 'i18next';
import type { Schemas } from '../api/client';
import { enumLabel } from '../i18n/enum-labels';

type Rule = Schemas['EffectiveRule'];

/** A rule's time budget as officials say it: "5 ngày làm việc", "ngày 5 tháng cuối kỳ". */
export function budgetText(budget: Rule['budget'], t: TFunction): string {
  switch (budget.kind) {
    case 'WORKING_DAYS':
      return t('budget_WORKING_DAYS', { count: budget.days });
    case 'CALENDAR_DAYS':
      return t('budget_CALENDAR_DAYS', { count: budget.days });
    case 'MONTHS':
      return t('budget_MONTHS', { count: budget.months });
    case 'DAY_OF_LAST_MONTH':
      return t('budget_DAY_OF_LAST_MONTH', { count: budget.day });
    case 'HOURS':
      return t('budget_HOURS', { count: budget.hours });
    case 'ELAPSED':
      return t('budget_SECONDS', { count: budget.seconds });
  }
}

export function offsetText(offset: Rule['reminders'][number], t: TFunction): string {
  return t(`offset_${offset.unit}`, { count: offset.amount });
}

/** A reminder "2 working days before the due date", or "on the due date" for none. */
export function reminderText(offset: Rule['reminders'][number], t: TFunction): string {
  return offset.amount === 0 ? t('onDueDate') : t('beforeDue', { offset: offsetText(offset, t) });
}

export function responsibleText(responsible: Rule['responsible'], language: string): string {
  return `${enumLabel(responsible.agencyKind, language)} · ${enumLabel(responsible.role, language)}`;
}
