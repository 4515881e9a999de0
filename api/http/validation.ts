import { z } from 'zod';
import { problems, type FieldError } from './problem';

const vietnamese = z.locales.vi().localeError;
const english = z.locales.en().localeError;

/**
 * Parses untrusted input. On failure every issue is reported with the field it concerns, in
 * Vietnamese for the official and in English beside it (zod's own locales, so the wording covers
 * every kind of issue, not only the ones we thought of).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, location: string): z.output<S> {
  const vi = schema.safeParse(input, { error: vietnamese });
  if (vi.success) return vi.data;
  const en = schema.safeParse(input, { error: english });
  const enIssues = en.success ? [] : en.error.issues;
  const errors: FieldError[] = vi.error.issues.map((issue, index) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
    messageEn: enIssues[index]?.message ?? issue.message,
  }));
  throw problems.invalidRequest(errors);
}
