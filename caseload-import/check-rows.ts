import { checkOpening } from '../api/cases/case-opening';
import { createCaseBody } from '../api/cases/cases.schemas';
import type { Principal } from '../api/auth/principal';
import { Problem } from '../api/http/problem';
import { parseInput } from '../api/http/validation';
import type { JurisdictionDirectory } from '../api/registry/jurisdiction-directory';
import type { Db } from '../db/client';
import { PROCEDURES } from '../procedures/registry';
import type { ProcedureModule } from '../procedures/procedure-module';
import { columnOf, contentHashOf, rowToBody, type FieldProblem, type RowProblem, type UnitLookup } from './caseload-row';
import { normalised } from './cell-values';
import { GUIDE_SHEET, missingHeadings, UNITS_SHEET, type WorkbookSheet } from './caseload-workbook';

/** A row after its checks: what the import will do with it. */
export interface CheckedRow {
  seq: number;
  sheet: string;
  row: number;
  procedure: string;
  rowKey: string;
  status: 'PENDING' | 'REJECTED' | 'SKIPPED';
  problems: RowProblem[];
  body?: Record<string, unknown>;
  cells: Record<string, string>;
  /** For a row imported before: its case, and whether the file now says something else. */
  caseRef?: string;
  changed?: boolean;
}

/** The procedures a province can import, by their sheet's name. */
export const IMPORTABLE = PROCEDURES.filter((module) => module.caseload && module.opening);

const sheetModule = (name: string): ProcedureModule | undefined =>
  IMPORTABLE.find((module) => normalised(module.caseload?.sheet ?? '') === normalised(name) || normalised(module.definition.code) === normalised(name));

/** Problems a check answered (one field, or several), by field. */
function fieldsOf(problem: Problem): FieldProblem[] {
  const errors = problem.extras.errors;
  if (Array.isArray(errors)) return errors as FieldProblem[];
  return [{ field: String(problem.extras.field ?? 'body'), message: problem.detail.vi, messageEn: problem.detail.en }];
}

/**
 * The units of the importer's province, found by code or by name (a name two units share is
 * refused, naming their codes).
 */
async function unitLookup(db: Db, provincePath: string): Promise<UnitLookup> {
  const units = await db.jurisdiction.findMany({ where: { path: { startsWith: provincePath } }, select: { id: true, nameVi: true, validTo: true } });
  const byCode = new Map(units.map((unit) => [unit.id.toLowerCase(), unit.id]));
  const byName = new Map<string, string[]>();
  for (const unit of units) byName.set(normalised(unit.nameVi), [...(byName.get(normalised(unit.nameVi)) ?? []), unit.id]);
  return (text) => {
    const code = byCode.get(text.trim().toLowerCase());
    if (code) return { id: code };
    const named = byName.get(normalised(text)) ?? [];
    if (named.length === 1) return { id: named[0] as string };
    if (named.length > 1)
      return { problem: { vi: `"${text}" là tên của nhiều đơn vị (${named.join(', ')}): ghi mã`, en: `"${text}" names several units (${named.join(', ')}): write the code` } };
    return { problem: { vi: `Không có đơn vị "${text}" trong tỉnh`, en: `No unit "${text}" in the province` } };
  };
}

/**
 * Every row of the workbook checked as `POST /cases` checks one case, before anything is written:
 * the cells, the procedure's schemas, the opening's checks (ages, dates, units in force), a key
 * used twice in the file. A row whose key the province imported before is skipped, with its case.
 */
export async function checkCaseloadRows(
  deps: { db: Db; directory: JurisdictionDirectory },
  principal: Principal,
  provinceId: string,
  sheets: readonly WorkbookSheet[],
): Promise<{ rows: CheckedRow[]; ignoredSheets: string[] }> {
  const { db } = deps;
  const unitOf = await unitLookup(db, `/${provinceId}/`);
  const rows: CheckedRow[] = [];
  const ignoredSheets: string[] = [];
  const keysSeen = new Map<string, number>();
  for (const sheet of sheets) {
    const module = sheetModule(sheet.name);
    const spec = module?.caseload;
    if (!module || !spec) {
      if (sheet.rows.length > 0 && sheet.name !== GUIDE_SHEET && sheet.name !== UNITS_SHEET) ignoredSheets.push(sheet.name);
      continue;
    }
    const code = module.definition.code;
    const missing = missingHeadings(spec, sheet.headings);
    for (const { row, cells, original, invalid } of sheet.rows) {
      const base = { seq: rows.length, sheet: sheet.name, row, procedure: code, cells: original };
      if (missing.length > 0) {
        rows.push({ ...base, rowKey: '', status: 'REJECTED', problems: missing.map((heading) => ({ column: heading, message: 'Trang thiếu cột này', messageEn: 'The sheet lacks this column' })) });
        continue;
      }
      const read = rowToBody(code, spec, cells, unitOf);
      const problems = [
        ...invalid.map((column) => ({ column, message: 'Giá trị chứa ký tự không hợp lệ (NUL)', messageEn: 'The value contains an invalid character (NUL)' })),
        ...read.problems,
      ];
      const earlier = keysSeen.get(`${code}:${read.rowKey}`);
      if (read.rowKey && earlier !== undefined)
        problems.push({ column: 'Mã dòng', message: `Trùng mã với dòng ${earlier}`, messageEn: `The same key as row ${earlier}` });
      if (read.rowKey) keysSeen.set(`${code}:${read.rowKey}`, row);
      let body: Record<string, unknown> | undefined;
      if (problems.length === 0) {
        try {
          body = parseInput(createCaseBody, read.body, 'body') as Record<string, unknown>;
          await checkOpening(deps, module, principal, body);
        } catch (error) {
          if (!(error instanceof Problem)) throw error;
          for (const problem of fieldsOf(error)) problems.push({ column: columnOf(spec, read.body, problem.field), message: problem.message, messageEn: problem.messageEn });
        }
      }
      rows.push({ ...base, rowKey: read.rowKey, status: problems.length > 0 ? 'REJECTED' : 'PENDING', problems, ...(problems.length === 0 && body ? { body } : {}) });
    }
  }
  await markImportedBefore(db, provinceId, rows);
  return { rows, ignoredSheets };
}

/** Rows whose key the province imported before: skipped, with their case and whether the file changed them since. */
async function markImportedBefore(db: Db, provinceId: string, rows: CheckedRow[]): Promise<void> {
  const keyed = rows.filter((row) => row.rowKey !== '');
  if (keyed.length === 0) return;
  const known = await db.caseloadRowKey.findMany({
    where: { provinceId, OR: [...new Set(keyed.map((row) => row.procedure))].map((procedure) => ({ procedure, rowKey: { in: keyed.filter((row) => row.procedure === procedure).map((row) => row.rowKey) } })) },
  });
  const byKey = new Map(known.map((key) => [`${key.procedure}:${key.rowKey}`, key]));
  for (const row of keyed) {
    const before = byKey.get(`${row.procedure}:${row.rowKey}`);
    if (!before) continue;
    row.caseRef = before.caseRef;
    row.changed = row.body !== undefined && contentHashOf(row.body) !== before.contentHash;
    // A row imported before is not opened again, even if this file has a problem in it.
    row.status = 'SKIPPED';
    row.problems = row.changed
      ? [{ column: 'Mã dòng', message: `Đã nhập trước đây (hồ sơ ${before.caseRef}); nội dung đã khác nhưng không được ghi lại: sửa trên trang hồ sơ`, messageEn: `Imported before (case ${before.caseRef}); the row has changed but is not written again: correct it on the case page` }]
      : [];
    delete row.body;
  }
}
