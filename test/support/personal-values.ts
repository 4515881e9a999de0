import { foldName } from '../../domain/persons/name-folding';

/**
 * Searching what the system emitted for a person's values (the personal-data tests): every form
 * a value may be written in, and a pino destination that keeps each line.
 */

/** The ways a value may be written into a text: as is, decomposed, URL-encoded, form-encoded, \u-escaped. */
export function writtenForms(value: string): string[] {
  const nfc = value.normalize('NFC');
  return [
    ...new Set([
      nfc,
      value.normalize('NFD'),
      encodeURIComponent(nfc),
      new URLSearchParams({ v: nfc }).toString().slice(2),
      nfc.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    ]),
  ];
}

/** Finders for these values (by what each is): the values found in a text, and the lines that hold one. */
export function leakFinder(personal: Record<string, string>) {
  /** The personal values found in a text, each with the form it was found in; [] when there are none. */
  function leaksIn(text: string): string[] {
    const found: string[] = [];
    const folded = foldName(text);
    for (const [what, value] of Object.entries(personal)) {
      const form = writtenForms(value).find((candidate) => text.includes(candidate));
      if (form !== undefined) found.push(`${what} as ${JSON.stringify(form)}`);
      else if (/\p{L}/u.test(value) && folded.includes(foldName(value))) found.push(`${what} (in another case or accents)`);
    }
    return found;
  }
  /** The lines of a corpus that hold a personal value, for the failure message. */
  function leakingLines(lines: string[]): string[] {
    return lines.filter((line) => leaksIn(line).length > 0).map((line) => `${leaksIn(line).join(', ')}: ${line}`);
  }
  return { leaksIn, leakingLines };
}

/** A pino destination keeping each line. */
export function lineBuffer() {
  const lines: string[] = [];
  return {
    lines,
    stream: {
      write(chunk: string) {
        lines.push(...chunk.split('\n').filter((line) => line.length > 0));
      },
    },
  };
}
