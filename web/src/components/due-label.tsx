import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A badge's label is cut with an ellipsis by default; these are short and must be read whole. */
const WHOLE = { label: { overflow: 'visible' } } as const;

/** Days left or late, coloured as the board's columns are. */
export function DueLabel({ daysLate, status, pastLimit, dueAt }: { daysLate: number; status: string; pastLimit?: boolean; dueAt?: string }) {
  const { t } = useTranslation();
  if (status === 'SUSPENDED') return <Badge styles={WHOLE} color="gray.3">{t('bucket_suspended')}</Badge>;
  if (pastLimit) return <Badge styles={WHOLE} color="grape.8">{t('bucket_pastStatutoryLimit')} · {t('daysLate', { count: daysLate })}</Badge>;
  if (daysLate > 0) return <Badge styles={WHOLE} color="red.8">{t('daysLate', { count: daysLate })}</Badge>;
  // A step due within the day (a 24-hour rule) is late from its hour, not from tomorrow.
  if (daysLate === 0 && dueAt && Date.parse(dueAt) < Date.now()) return <Badge styles={WHOLE} color="red.8">{t('lateToday')}</Badge>;
  if (daysLate === 0) return <Badge styles={WHOLE} color="orange.3">{t('dueToday')}</Badge>;
  return (
    <Badge styles={WHOLE} color={daysLate >= -3 ? 'yellow.3' : 'teal.2'}>
      {t('daysLeft', { count: -daysLate })}
    </Badge>
  );
}
