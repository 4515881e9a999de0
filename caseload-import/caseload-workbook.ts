import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../domain/documents/workbook';
import type { CaseloadSheet } from '../procedures/caseload-sheet';
import { normalised, type RawCell } from './cell-values';
import { requiredHeadings, sheetColumns } from './caseload-row';

/** One row of a sheet: its number as the person filling it sees it (headings are row 1), its cells by normalised heading. */
export interface WorkbookRow {
  row: number;
  cells: Map<string, RawCell>;
  /** The cells as written, by heading, to give a rejected row back as it came. */
  original: Record<string, string>;
  /** Headings whose cell held a NUL character (removed: PostgreSQL cannot store it); the row is refused for them. */
  invalid: string[];
}

export interface WorkbookSheet {
  name: string;
  headings: string[];
  rows: WorkbookRow[];
}

export type WorkbookProblem = { kind: 'unreadable' } | { kind: 'empty' };

const XLSX_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function rawOf(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return rawOf(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}

const shown = (raw: RawCell): string => (raw === null ? '' : raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw));

/** Every sheet with its rows (blank rows skipped). XLSX by its ZIP signature; anything else is read as one CSV sheet named `csvSheet`. */
export async function readCaseloadWorkbook(bytes: Buffer, csvSheet: string): Promise<{ sheets: WorkbookSheet[] } | { problem: WorkbookProblem }> {
  const workbook = await newWorkbook();
  try {
    if (bytes.subarray(0, 4).equals(XLSX_SIGNATURE)) await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    else {
      // Dates in a CSV stay text (dd/mm/yyyy), read as the column's kind says.
      const sheet = await workbook.csv.read(Readable.from(bytes.toString('utf8').replace(/^\uFEFF/, '')), { parserOptions: {}, map: (value: string) => value });
      sheet.name = csvSheet;
    }
  } catch {
    return { problem: { kind: 'unreadable' } };
  }
  const sheets: WorkbookSheet[] = [];
  for (const sheet of workbook.worksheets) {
    const headings: string[] = [];
    sheet.getRow(1).eachCell((cell, column) => (headings[column - 1] = shown(rawOf(cell.value)).replaceAll('\u0000', '').trim()));
    const rows: WorkbookRow[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const cells = new Map<string, RawCell>();
      const original: Record<string, string> = {};
      const invalid: string[] = [];
      headings.forEach((heading, index) => {
        if (!heading) return;
        let raw = rawOf(row.getCell(index + 1).value);
        if (typeof raw === 'string' && raw.includes('\u0000')) {
          invalid.push(heading);
          raw = raw.replaceAll('\u0000', '');
        }
        if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return;
        cells.set(normalised(heading), raw);
        original[heading] = shown(raw);
      });
      if (cells.size > 0) rows.push({ row: number, cells, original, invalid });
    });
    sheets.push({ name: sheet.name, headings: headings.filter(Boolean), rows });
  }
  return sheets.some((sheet) => sheet.rows.length > 0) ? { sheets } : { problem: { kind: 'empty' } };
}

/** The headings of `sheet` that the workbook's sheet lacks. */
export function missingHeadings(sheet: CaseloadSheet, found: readonly string[]): string[] {
  const have = new Set(found.map(normalised));
  return requiredHeadings(sheet).filter((heading) => !have.has(normalised(heading)));
}

const bold = (row: ExcelJS.Row) => (row.font = { bold: true });

/** The template's sheets that are no procedure's: not read back. */
export const GUIDE_SHEET = 'Hướng dẫn';
export const UNITS_SHEET = 'Đơn vị';

/**
 * The template: a sheet per procedure with its headings (date columns formatted dd/mm/yyyy),
 * the guide (every column: what it holds, the values allowed), and the units to name.
 */
export async function caseloadTemplate(
  sheets: readonly { code: string; titleVi: string; sheet: CaseloadSheet; firstOn: string }[],
  units: readonly { id: string; nameVi: string; level: string }[],
): Promise<Buffer> {
  const workbook = await newWorkbook();
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.addRow(['Trang', 'Cột', 'Nội dung', 'Ghi chú']);
  bold(guide.getRow(1));
  guide.addRow([
    '',
    '',
    'Mỗi dòng là một người và một vụ việc đang giải quyết. Ghi ngày của từng bước đã làm trên giấy, theo thứ tự; hồ sơ được mở ở bước tiếp theo với hạn thật của nó.',
    'Nhập lại cùng tệp không mở hồ sơ lần hai (theo "Mã dòng").',
  ]);
  guide.addRow([
    '',
    '',
    'Một vụ việc được mở theo quy định có hiệu lực vào các ngày ghi trên dòng. Vụ việc có ngày mở trước ngày đầu tiên của bộ quy tắc thủ tục (ghi ở từng trang dưới đây) chưa nhập được: các chế độ trước năm 2022 chưa có trong bộ quy tắc.',
    'Dòng như vậy bị từ chối và nêu rõ lý do; các dòng khác vẫn được nhập.',
  ]);
  for (const { code, titleVi, sheet, firstOn } of sheets) {
    const page = workbook.addWorksheet(sheet.sheet);
    guide.addRow([`${sheet.sheet} (${code}: ${titleVi})`, '', `Nhập được vụ việc có ngày mở từ ${firstOn.split('-').reverse().join('/')}`, '']);
    const columns = sheetColumns(sheet);
    page.addRow(columns.map((column) => column.heading));
    bold(page.getRow(1));
    columns.forEach((column, index) => {
      const excel = page.getColumn(index + 1);
      excel.width = Math.max(14, Math.min(40, column.heading.length + 4));
      if (column.kind === 'date') excel.numFmt = 'dd/mm/yyyy';
      if (column.kind === 'citizenId') excel.numFmt = '@';
    });
    page.views = [{ state: 'frozen', ySplit: 1 }];
    for (const column of columns) {
      const kind = column.kind;
      const values =
        typeof kind === 'object' ? Object.keys(kind.choices).join(' / ') : kind === 'date' ? 'dd/mm/yyyy' : kind === 'yesNo' ? 'Có / Không' : '';
      guide.addRow([`${sheet.sheet} (${code}: ${titleVi})`, column.heading, column.hint ?? values, values]);
    }
  }
  guide.columns.forEach((column, index) => (column.width = [38, 36, 60, 40][index] ?? 20));
  const list = workbook.addWorksheet(UNITS_SHEET);
  list.addRow(['Mã', 'Tên', 'Cấp']);
  bold(list.getRow(1));
  for (const unit of units) list.addRow([unit.id, unit.nameVi, unit.level]);
  list.columns.forEach((column) => (column.width = 36));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rejected rows as they came, a sheet per procedure, each with its reasons in a last column. */
export async function rejectedWorkbook(
  sheets: readonly { sheet: CaseloadSheet; rows: readonly { row: number; cells: Record<string, string>; reasons: string }[] }[],
): Promise<Buffer> {
  const workbook = await newWorkbook();
  for (const { sheet, rows } of sheets) {
    if (rows.length === 0) continue;
    const page = workbook.addWorksheet(sheet.sheet);
    const headings = sheetColumns(sheet).map((column) => column.heading);
    page.addRow([...headings, 'Dòng trong tệp gốc', 'Lý do không nhập được']);
    bold(page.getRow(1));
    for (const row of rows) page.addRow([...headings.map((heading) => row.cells[heading] ?? ''), row.row, row.reasons]);
    page.columns.forEach((column) => (column.width = 22));
    page.getColumn(headings.length + 2).width = 80;
  }
  if (workbook.worksheets.length === 0) workbook.addWorksheet('Không có dòng bị từ chối');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
