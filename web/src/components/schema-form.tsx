import { Select } from '@mantine/core';
import Form, { Templates } from '@rjsf/mantine';
import { englishStringTranslator, TranslatableString, type FieldTemplateProps, type RegistryWidgetsType, type WidgetProps } from '@rjsf/utils';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asFormSchema, uiSchemaFor } from '../procedures/form-schema';
import { serverValidator } from '../procedures/server-validator';
import { pick } from '../i18n/i18n';
import { unitLabel } from '../i18n/unit-label';
import { LegalDateInput } from './legal-date-input';


interface RegistryItem {
  id: string;
  nameVi: string;
  nameEn: string;
}

/** A generated id says nothing to a person: such an item is shown by its name alone. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A unit or agency chosen from the registry list the schema names (x-options), by name (and code). */
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
      data={(options.data ?? []).map((item) => ({ value: item.id, label: UUID.test(item.id) ? pick(i18n.language, item.nameVi, item.nameEn) : unitLabel(i18n.language, item.id, item) }))}
      description={props.schema.description}
    />
  );
}

/** A legal date typed or picked as dd/mm/yyyy and sent as YYYY-MM-DD. */
function LegalDateWidget(props: WidgetProps) {
  return (
    <LegalDateInput
      id={props.id}
      label={props.label}
      required={props.required}
      disabled={props.disabled || props.readonly}
      value={typeof props.value === 'string' && props.value ? props.value : null}
      onChange={(value) => props.onChange(value)}
      error={props.rawErrors?.[0]}
      description={props.schema.description}
    />
  );
}

const BaseFieldTemplate = Templates.FieldTemplate!;

/** The list buttons' names (the form library's own strings are English). */
function translatedButton(key: TranslatableString, language: string): string | undefined {
  const names: Partial<Record<TranslatableString, { vi: string; en: string }>> = {
    [TranslatableString.AddItemButton]: { vi: 'Thêm', en: 'Add' },
    [TranslatableString.RemoveButton]: { vi: 'Xoá', en: 'Remove' },
    [TranslatableString.MoveUpButton]: { vi: 'Lên trên', en: 'Move up' },
    [TranslatableString.MoveDownButton]: { vi: 'Xuống dưới', en: 'Move down' },
    [TranslatableString.CopyButton]: { vi: 'Sao chép', en: 'Copy' },
  };
  const name = names[key];
  return name ? pick(language, name.vi, name.en) : undefined;
}

/** A field fixed by the schema (a `const`: the branch's "kind") carries no choice: it is sent, not shown. */
function ConstHiddenFieldTemplate(props: FieldTemplateProps) {
  if (props.schema.const !== undefined) return <div hidden>{props.children}</div>;
  return <BaseFieldTemplate {...props} />;
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
      schema={asFormSchema(props.schema, i18n.language)}
      templates={{ FieldTemplate: ConstHiddenFieldTemplate }}
      translateString={(key, params) => translatedButton(key, i18n.language) ?? englishStringTranslator(key, params)}
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
