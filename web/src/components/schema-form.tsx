import { Select } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import Form from '@rjsf/mantine';
import type { RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asFormSchema, uiSchemaFor } from '../procedures/form-schema';
import { serverValidator } from '../procedures/server-validator';
import { pick } from '../i18n/i18n';


interface RegistryItem {
  id: string;
  nameVi: string;
  nameEn: string;
}

/** A unit or agency chosen from the registry list the schema names (x-options), by name. */
function RegistryOptionsWidget(props: WidgetProps) {
  const { i18n } = useTranslation();
  const source = String(props.options.source ?? '');
  const options = useQuery({
    queryKey: ['registry-options', source],
    queryFn: async () => {
      const response = await fetch(source, { credentials: 'same-origin' });
      if (!response.ok) return [];
      return ((await response.json()) as { items: RegistryItem[] }).items;
    },
    staleTime: 5 * 60_000,
  });
  return (
    <Select
      id={props.id}
      label={props.label}
      required={props.required}
      searchable
      value={typeof props.value === 'string' ? props.value : null}
      onChange={(value) => props.onChange(value ?? undefined)}
      error={props.rawErrors?.[0]}
      data={(options.data ?? []).map((item) => ({ value: item.id, label: `${pick(i18n.language, item.nameVi, item.nameEn)} (${item.id})` }))}
      description={props.schema.description}
    />
  );
}

/** A legal date typed or picked as dd/mm/yyyy and sent as YYYY-MM-DD (no time, no time zone). */
function LegalDateWidget(props: WidgetProps) {
  const { t, i18n } = useTranslation();
  return (
    <DateInput
      id={props.id}
      label={props.label}
      required={props.required}
      disabled={props.disabled || props.readonly}
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      locale={i18n.language === 'en' ? 'en' : 'vi'}
      dateParser={(input) => {
        const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input.trim());
        return match ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : null;
      }}
      value={typeof props.value === 'string' && props.value ? props.value : null}
      onChange={(value) => props.onChange(value ?? undefined)}
      error={props.rawErrors?.[0]}
      description={props.schema.description}
      clearable
      clearButtonProps={{ 'aria-label': t('clear') }}
    />
  );
}

const widgets: RegistryWidgetsType = { registryOptions: RegistryOptionsWidget, DateWidget: LegalDateWidget, date: LegalDateWidget };

/** A form built from an API body's JSON Schema; the caller keeps the data so nothing typed is lost on a refusal. */
export function SchemaForm(props: {
  schema: Record<string, unknown>;
  data: Record<string, unknown>;
  onChange: (data: Record<string, unknown>) => void;
  onSubmit: (data: Record<string, unknown>) => void;
  disabled?: boolean;
  idPrefix: string;
  children: ReactNode;
}) {
  const { i18n } = useTranslation();
  return (
    <Form
      schema={asFormSchema(props.schema)}
      uiSchema={{ ...uiSchemaFor(props.schema, i18n.language), 'ui:submitButtonOptions': { norender: true } }}
      formData={props.data}
      validator={serverValidator}
      widgets={widgets}
      idPrefix={props.idPrefix}
      disabled={props.disabled}
      showErrorList={false}
      noHtml5Validate
      onChange={(event) => props.onChange((event.formData ?? {}) as Record<string, unknown>)}
      onSubmit={(event) => props.onSubmit((event.formData ?? {}) as Record<string, unknown>)}
    >
      {props.children}
    </Form>
  );
}
