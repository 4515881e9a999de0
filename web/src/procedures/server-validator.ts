import type { RJSFSchema, ValidatorType } from '@rjsf/utils';

/**
 * The forms are validated by the API, not in the page. Schema validators compile schemas into
 * functions at run time (`new Function`), which the Content-Security-Policy forbids (no
 * 'unsafe-eval'); the API checks every body with the same zod schema the form was drawn from and
 * names each wrong field in its 400 answer, which the form shows in place.
 *
 * The form library still asks which branch of a choice (oneOf/anyOf) the data matches: that is
 * answered from the branch's constants (`kind: "FAMILY"`), which is how the API's choices differ.
 */
function matches(schema: RJSFSchema, data: unknown): boolean {
  if (schema.const !== undefined) return data === schema.const;
  if (schema.enum) return schema.enum.includes(data as never);
  if (schema.properties && data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    return Object.entries(schema.properties).every(([name, property]) => {
      if (typeof property !== 'object') return true;
      if (property.const === undefined && !property.enum) return true;
      return record[name] === undefined ? !(schema.required ?? []).includes(name) : matches(property, record[name]);
    });
  }
  return true;
}

export const serverValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: (schema, data) => matches(schema, data),
  rawValidation: () => ({ errors: [] }),
};
