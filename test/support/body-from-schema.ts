/**
 * Builds a request body from a JSON Schema alone, as a generic form would fill it: every field,
 * `const` and the first `enum` value (unless the caller chooses another of the schema's values),
 * minimums for numbers, `example` where the schema gives one, a choice from the `x-options` list
 * for registry units, and dates: `on` (the legal date of the act) is the given day, other dates a
 * week later (a hearing, the end of a postponement).
 */
export type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  default?: unknown;
  'x-options'?: string;
};

export interface FillContext {
  today: string;
  /** Values the caller chooses; each must be one the schema allows (checked). */
  choose?: Record<string, unknown>;
  /** The options of an `x-options` field, already fetched, by its URL. */
  options: (url: string, field: string) => string;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function bodyFromSchema(schema: JsonSchema, context: FillContext, field = ''): unknown {
  const chosen = context.choose?.[field];
  if (chosen !== undefined) {
    if (schema.enum && !schema.enum.includes(chosen)) throw new Error(`${field}: ${String(chosen)} is not one of ${schema.enum.join(', ')}`);
    return chosen;
  }
  if (schema.const !== undefined) return schema.const;
  const alternative = schema.oneOf ?? schema.anyOf;
  if (alternative?.[0]) return bodyFromSchema(alternative[0], context, field);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [name, bodyFromSchema(property, context, name)]),
      );
    case 'array':
      return [];
    case 'boolean':
      return schema.default ?? false;
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'string': {
      if (schema['x-options']) return context.options(schema['x-options'], field);
      if (schema.format === 'date') {
        if (field === 'on') return context.today;
        if (schema.example && field === 'birthDate') return schema.example;
        return field.endsWith('On') ? context.today : addDays(context.today, 7);
      }
      if (schema.pattern === '^\\d{12}$') return String(Date.now()).slice(-9) + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
      if (typeof schema.example === 'string') return schema.example;
      const text = 'Kiểm thử biểu mẫu';
      return text.padEnd(schema.minLength ?? 0, '.').slice(0, schema.maxLength ?? text.length);
    }
    default:
      throw new Error(`${field}: no value for schema ${JSON.stringify(schema)}`);
  }
}
