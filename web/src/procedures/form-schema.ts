import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { fieldLabel } from './field-labels';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; items?: JsonSchema };

/**
 * The form's layout, read from the schema itself so that no action needs screen code: the action
 * type is fixed (hidden), a field that names a unit (`x-options`) becomes a list of the registry's
 * units, and long texts get a text area.
 */
export function uiSchemaFor(schema: JsonSchema, language: string, fixed: readonly string[] = ['type', 'procedure']): UiSchema {
  const ui: UiSchema = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const title = { 'ui:title': fieldLabel(name, language) };
    if (fixed.includes(name) && property.const !== undefined) ui[name] = { 'ui:widget': 'hidden' };
    else if (typeof property['x-options'] === 'string') ui[name] = { ...title, 'ui:widget': 'registryOptions', 'ui:options': { source: property['x-options'] } };
    else if (property.type === 'object') ui[name] = { ...uiSchemaFor(property, language, []), ...title };
    else if (property.type === 'string' && typeof property.maxLength === 'number' && property.maxLength > 300) ui[name] = { ...title, 'ui:widget': 'textarea' };
    else ui[name] = title;
  }
  return ui;
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
export function asFormSchema(schema: Record<string, unknown>): RJSFSchema {
  return normalise(schema) as RJSFSchema;
}

function normalise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalise);
  if (!node || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  const choices = object.anyOf;
  if (Array.isArray(choices) && choices.length > 0 && choices.every((c) => c && typeof c === 'object' && 'const' in c)) {
    const { anyOf: _anyOf, ...rest } = object;
    const types = new Set(choices.map((c) => (c as { type?: string }).type));
    return { ...rest, ...(types.size === 1 ? { type: [...types][0] } : {}), enum: choices.map((c) => (c as { const: unknown }).const) };
  }
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, normalise(value)]));
}
