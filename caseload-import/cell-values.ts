import type { CellKind } from '../procedures/caseload-sheet';

/** A cell as the workbook reader gives it (rich text and formulas already reduced). */
export type RawCell = string | number | boolean | Date | null;

export type CellResult = { value: unknown } | { problem: { vi: string; en: string } } | { empty: true };

/** Lower case, composed, single spaces: "Gia  đình" and "gia đình" are the same label. */
export const normalised = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function isoFromParts(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** An Excel date cell (read as a Date at UTC midnight), an Excel serial number, or dd/mm/yyyy or yyyy-mm-dd text. */
export function dateOf(raw: Exclude<RawCell, null>): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10);
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 1 || raw > 2_958_465) return undefined;
    return new Date(EXCEL_EPOCH_MS + Math.floor(raw) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(raw).trim();
  const vietnamese = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (vietnamese) return isoFromParts(Number(vietnamese[3]), Number(vietnamese[2]), Number(vietnamese[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return isoFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return undefined;
}

/**
 * A cell read as its column's kind. A unit is resolved by `unitOf` (its code or its name);
 * a choice by its Vietnamese label or its code.
 */
export function cellValue(kind: CellKind, raw: RawCell, unitOf: (text: string) => { id: string } | { problem: { vi: string; en: string } }): CellResult {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { empty: true };
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim();
  if (kind === 'text') return { value: text };
  if (kind === 'citizenId') {
    // A number typed into Excel loses its leading zeros: the identity number always has 12 digits.
    const digits = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? String(raw).padStart(12, '0') : text;
    return { value: digits };
  }
  if (kind === 'date') {
    const date = dateOf(raw);
    return date
      ? { value: date }
      : { problem: { vi: `"${text}" không phải ngày (dd/mm/yyyy)`, en: `"${text}" is not a date (dd/mm/yyyy)` } };
  }
  if (kind === 'integer') {
    const number = typeof raw === 'number' ? raw : /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    return Number.isInteger(number) ? { value: number } : { problem: { vi: `"${text}" không phải số nguyên`, en: `"${text}" is not a whole number` } };
  }
  if (kind === 'yesNo') {
    const answer = normalised(text);
    if (['có', 'co', 'x', 'yes', 'true', '1'].includes(answer) || raw === true) return { value: true };
    if (['không', 'khong', 'no', 'false', '0'].includes(answer) || raw === false) return { value: false };
    return { problem: { vi: `"${text}": ghi Có hoặc Không`, en: `"${text}": write Có (yes) or Không (no)` } };
  }
  if (kind === 'unit') {
    const unit = unitOf(text);
    return 'id' in unit ? { value: unit.id } : unit;
  }
  const choose = (one: string): string | undefined => {
    const wanted = normalised(one);
    for (const [label, code] of Object.entries(kind.choices)) if (normalised(label) === wanted || normalised(code) === wanted) return code;
    return undefined;
  };
  const labels = Object.keys(kind.choices).join(' / ');
  const picked = (kind.many ? text.split(/[,;]/).map((part) => part.trim()).filter(Boolean) : [text]).map((one) => [one, choose(one)] as const);
  const unknown = picked.filter(([, code]) => code === undefined).map(([one]) => one);
  if (unknown.length > 0)
    return { problem: { vi: `"${unknown.join(', ')}" không có trong danh sách: ${labels}`, en: `"${unknown.join(', ')}" is not one of: ${labels}` } };
  const codes = picked.map(([, code]) => code as string);
  return { value: kind.many ? codes : codes[0] };
}
