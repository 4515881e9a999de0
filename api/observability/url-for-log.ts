import { redactPersonalText } from '../../domain/privacy/redact-personal-text';

/** A record's id: no one's data, though its last group may hold nine digits in a row. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A URL as a log line may show it (DESIGN.md decision 8): the path with long numbers and
 * percent-encoded segments masked (an identity number or a name typed where a case reference
 * goes), and the names of the query's parameters without their values (a search by name or
 * identity number, a document's title and file name).
 */
export function urlForLog(url: string): string {
  const separator = url.indexOf('?');
  const path = (separator < 0 ? url : url.slice(0, separator))
    .split('/')
    .map((segment) => (segment.includes('%') ? '[encoded]' : UUID.test(segment) ? segment : redactPersonalText(segment)))
    .join('/');
  const names = separator < 0 ? [] : [...new Set(new URLSearchParams(url.slice(separator + 1)).keys())];
  const query = names.map((name) => (/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/.test(name) ? name : '[name]'));
  return path + (query.length > 0 ? `?${query.join('&')}` : '');
}

