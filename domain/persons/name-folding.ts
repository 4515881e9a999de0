/**
 * A name as a search compares it: without diacritics, đ as d, lower case, single spaces, so that
 * "nguyen van an" finds "Nguyễn Văn An". The same folding fills persons.name_folded.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
