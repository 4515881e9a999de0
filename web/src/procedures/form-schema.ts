import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { enumLabel } from '../i18n/enum-labels';
import { fieldLabel } from './field-labels';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; items?: JsonSchema };

/**
 * The form's layout, read from the schema itself so that no action needs screen code: the action
 * type is fixed (hidden), a field that names a unit (`x-options`) becomes a list of the registry's
 * units, and long texts get a text area.
 */
export function uiSchemaFor(schema: JsonSchema, language: string, fixed: readonly string[] = ['type', 'procedure']): UiSchema {
  const ui: UiSchema = {};
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    const title = { 'ui:title': fieldLabel(name, language) };
    const choices = choicesOf(property);
    if (fixed.includes(name) && property.const !== undefined) ui[name] = { 'ui:widget': 'hidden' };
    else if (typeof property['x-options'] === 'string') ui[name] = { ...title, 'ui:widget': 'registryOptions', 'ui:options': { source: property['x-options'] } };
    else if (choices) ui[name] = { ...title, 'ui:enumNames': choices.map((value) => enumLabel(String(value), language)) };
    else if (property.type === 'array' && property.items && property['x-fixed-rows'] === true)
      // The case gives the rows (one per criterion): none added, removed or moved, each row untitled.
      ui[name] = { ...title, 'ui:options': { addable: false, removable: false, orderable: false }, items: { ...uiSchemaFor(property.items, language, []), 'ui:label': false } };
    else if (property.type === 'array' && property.items) ui[name] = { ...title, items: uiSchemaFor(property.items, language, []) };
    else if (property['x-readonly'] === true) ui[name] = { ...title, 'ui:readonly': true };
    else if (property.type === 'object' || property.oneOf || property.anyOf) ui[name] = { ...uiSchemaFor(property, language, []), ...title };
    else if (property.type === 'string' && typeof property.maxLength === 'number' && property.maxLength > 300) ui[name] = { ...title, 'ui:widget': 'textarea' };
    else ui[name] = title;
  }
  return ui;
}

/** An object's properties, and those of each of its branches (a choice of shapes shares one layout). */
function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  const branches = [...((schema.oneOf as JsonSchema[] | undefined) ?? []), ...((schema.anyOf as JsonSchema[] | undefined) ?? [])];
  return Object.assign({}, ...branches.map((branch) => branch.properties ?? {}), schema.properties ?? {}) as Record<string, JsonSchema>;
}

/** The values of a choice: an `enum`, or the `anyOf` of constants zod writes for one. */
function choicesOf(property: JsonSchema): unknown[] | undefined {
  if (Array.isArray(property.enum)) return property.enum as unknown[];
  const anyOf = property.anyOf;
  if (Array.isArray(anyOf) && anyOf.length > 0 && anyOf.every((c) => c && typeof c === 'object' && 'const' in c)) return anyOf.map((c) => (c as { const: unknown }).const);
  return undefined;
}

/** The fixed parts of the body (its `type` or `procedure` constants) and today's date for `on`. */
export function initialDataFor(schema: JsonSchema, today: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.const !== undefined) data[name] = property.const;
    else if (name === 'on' && property.format === 'date') data[name] = today;
  }
  return data;
}

/**
 * The schema as the form library draws it. zod writes a choice among numbers as `anyOf` of
 * constants, which the library cannot draw: it becomes the `enum` it means. The API's schemas are
 * draft 2020-12; the validator is built for that draft (schema-form.tsx).
 */
export function asFormSchema(schema: Record<string, unknown>, language = 'vi'): RJSFSchema {
  return normalise(schema, language) as RJSFSchema;
}

/** A branch of a choice of shapes names itself by its fixed field ("kind": "WORKING_DAYS" → "Ngày làm việc"), not "option 1". */
function branchTitle(branch: unknown, language: string): string | undefined {
  const properties = (branch as JsonSchema | null)?.properties;
  const fixed = Object.values(properties ?? {}).find((property) => property.const !== undefined);
  return fixed ? enumLabel(String(fixed.const), language) : undefined;
}

function normalise(node: unknown, language: string): unknown {
  if (Array.isArray(node)) return node.map((item) => normalise(item, language));
  if (!node || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  const choices = object.anyOf;
  if (Array.isArray(choices) && choices.length > 0 && choices.every((c) => c && typeof c === 'object' && 'const' in c)) {
    const { anyOf: _anyOf, ...rest } = object;
    const types = new Set(choices.map((c) => (c as { type?: string }).type));
    return { ...rest, ...(types.size === 1 ? { type: [...types][0] } : {}), enum: choices.map((c) => (c as { const: unknown }).const) };
  }
  if (Array.isArray(object.oneOf)) {
    const oneOf = object.oneOf.map((branch) => {
      const title = branchTitle(branch, language);
      return normalise(title ? { ...(branch as object), title } : branch, language);
    });
    return { ...Object.fromEntries(Object.entries(object).map(([key, value]) => [key, normalise(value, language)])), oneOf };
  }
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, normalise(value, language)]));
}
