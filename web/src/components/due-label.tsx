import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Days left or late, coloured as the board's columns are. */
export function DueLabel({ daysLate, status, pastLimit, dueAt }: { daysLate: number; status: string; pastLimit?: boolean; dueAt?: string }) {
  const { t } = useTranslation();
  if (status === 'SUSPENDED') return <Badge color="gray.3">{t('bucket_suspended')}</Badge>;
  if (pastLimit) return <Badge color="grape.8">{t('bucket_pastStatutoryLimit')} · {t('daysLate', { count: daysLate })}</Badge>;
  if (daysLate > 0) return <Badge color="red.8">{t('daysLate', { count: daysLate })}</Badge>;
  // A step due within the day (a 24-hour rule) is late from its hour, not from tomorrow.
  if (daysLate === 0 && dueAt && Date.parse(dueAt) < Date.now()) return <Badge color="red.8">{t('lateToday')}</Badge>;
  if (daysLate === 0) return <Badge color="orange.3">{t('dueToday')}</Badge>;
  return (
    <Badge color={daysLate >= -3 ? 'yellow.3' : 'teal.2'}>
      {t('daysLeft', { count: -daysLate })}
    </Badge>
  );
}
