import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Days left or late, coloured as the board's columns are. */
export function DueLabel({ daysLate, status, pastLimit }: { daysLate: number; status: string; pastLimit?: boolean }) {
  const { t } = useTranslation();
  if (status === 'SUSPENDED') return <Badge color="gray" variant="light">{t('bucket_suspended')}</Badge>;
  if (pastLimit) return <Badge color="grape">{t('bucket_pastStatutoryLimit')} · {t('daysLate', { count: daysLate })}</Badge>;
  if (daysLate > 0) return <Badge color="red">{t('daysLate', { count: daysLate })}</Badge>;
  if (daysLate === 0) return <Badge color="orange">{t('dueToday')}</Badge>;
  return (
    <Badge color={daysLate >= -3 ? 'yellow' : 'teal'} variant="light" c={daysLate >= -3 ? 'dark' : undefined}>
      {t('daysLeft', { count: -daysLate })}
    </Badge>
  );
}
