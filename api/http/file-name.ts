import { z } from 'zod';

/**
 * The name of an uploaded file, as the client says it: kept for the download's header and the
 * audit, so no path separators and no control characters (a newline in a log line, a NUL that
 * PostgreSQL refuses).
 */
export const uploadedFileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^/\\]+$/, 'Tên tệp không được chứa "/" hoặc "\\" / no "/" or "\\" in a file name')
  .refine((name) => ![...name].some((c) => c < ' ' || c === '\u007f'), 'Tên tệp không được chứa ký tự điều khiển / no control characters in a file name');
