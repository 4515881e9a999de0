/**
 * Error texts are written by libraries we do not control, and some quote what they failed on:
 * PostgreSQL the duplicate key ("Key (identity_number)=(001099012345) already exists"), a mail
 * server the refused address. Before such a text is stored or logged, the values that identify a
 * person are masked; the words that explain the failure stay, so an operator can still act on it.
 */
const EMAIL_ADDRESS = /[^\s<>@"',;:()[\]]+@[^\s<>@"',;:()[\]]+/g;
/** Identity card (9 or 12 digits), phone (10–11), social insurance (10) numbers. */
const LONG_NUMBER = /\d{9,}/g;
/** PostgreSQL's "Key (column)=(value)" detail. */
const KEY_VALUE = /\)=\([^)]*\)/g;

export function redactPersonalText(text: string): string {
  return text.replace(KEY_VALUE, ')=([value])').replace(EMAIL_ADDRESS, '[address]').replace(LONG_NUMBER, '[number]');
}
