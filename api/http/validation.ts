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
  const nul = pathOfNulByte(input, [location]);
  if (nul)
    throw problems.invalidRequest([
      {
        field: nul.join('.'),
        message: 'Giá trị chứa ký tự không hợp lệ (NUL)',
        messageEn: 'The value contains an invalid character (NUL)',
      },
    ]);
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

/** PostgreSQL refuses text with a NUL byte: found here, it is the client's error (400), not the database's (500). */
function pathOfNulByte(value: unknown, path: string[], depth = 0): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.split('\u0000').join('\\0')];
    const found = pathOfNulByte(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}
