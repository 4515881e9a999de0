import { DateInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const DDMMYYYY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A legal date typed or picked as dd/mm/yyyy and kept as YYYY-MM-DD (no time, no time zone). */
export function LegalDateInput(props: {
  id?: string;
  label: ReactNode;
  value: string | null;
  onChange: (value: string | undefined) => void;
  required?: boolean;
  disabled?: boolean;
  error?: ReactNode;
  description?: ReactNode;
  w?: number;
}) {
  const { t, i18n } = useTranslation();
  return (
    <DateInput
      id={props.id}
      label={props.label}
      required={props.required}
      disabled={props.disabled}
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      locale={i18n.language === 'en' ? 'en' : 'vi'}
      dateParser={(input) => {
        const match = DDMMYYYY.exec(input.trim());
        return match ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : null;
      }}
      value={props.value || null}
      onChange={(value) => props.onChange(value ?? undefined)}
      error={props.error}
      description={props.description}
      clearable
      clearButtonProps={{ 'aria-label': t('clear') }}
      // The calendar's arrows are buttons without text: screen readers need their names.
      previousLabel={t('previousMonth')}
      nextLabel={t('nextMonth')}
      w={props.w}
    />
  );
}
