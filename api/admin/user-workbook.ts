import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../domain/documents/workbook';

/**
 * The workbook a province fills to create its accounts in bulk (issue #18): one row per account,
 * Vietnamese headings, roles as their codes separated by commas. Read from Excel or CSV.
 */
export const USER_COLUMNS = {
  username: 'Tên đăng nhập',
  displayName: 'Họ tên, chức vụ',
  agencyId: 'Mã cơ quan',
  roles: 'Vai trò',
  homeAgencyId: 'Cơ quan gốc (thành viên Đoàn liên ngành)',
} as const;
export type UserColumn = keyof typeof USER_COLUMNS;

export interface UserRow {
  /** The row's number in the sheet, as the person filling it sees it (the heading is row 1). */
  row: number;
  values: Partial<Record<UserColumn, string>>;
}

export type WorkbookProblem = { kind: 'unreadable' } | { kind: 'missingColumns'; columns: string[] } | { kind: 'empty' };

const text = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  return String(value).trim();
};

/** The rows of the first sheet, by heading; a heading missing is named. XLSX is recognised by its ZIP signature, anything else is read as CSV. */
export async function readUserRows(bytes: Buffer): Promise<{ rows: UserRow[] } | { problem: WorkbookProblem }> {
  const workbook = await newWorkbook();
  try {
    if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    else await workbook.csv.read(Readable.from(bytes.toString('utf8').replace(/^\uFEFF/, '')));
  } catch {
    return { problem: { kind: 'unreadable' } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 2) return { problem: { kind: 'empty' } };
  const headings = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => headings.set(text(cell.value).toLowerCase(), column));
  const columnOf = Object.fromEntries(
    Object.entries(USER_COLUMNS).map(([key, heading]) => [key, headings.get(heading.toLowerCase())]),
  ) as Record<UserColumn, number | undefined>;
  const missing = (['username', 'displayName', 'agencyId', 'roles'] as const).filter((key) => columnOf[key] === undefined).map((key) => USER_COLUMNS[key]);
  if (missing.length > 0) return { problem: { kind: 'missingColumns', columns: missing } };
  const rows: UserRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values: UserRow['values'] = {};
    for (const key of Object.keys(USER_COLUMNS) as UserColumn[]) {
      const column = columnOf[key];
      const value = column === undefined ? '' : text(row.getCell(column).value);
      if (value !== '') values[key] = value;
    }
    if (Object.keys(values).length > 0) rows.push({ row: number, values });
  });
  return rows.length === 0 ? { problem: { kind: 'empty' } } : { rows };
}

/** The template: the headings, an example row, and the agencies with the roles each allows on a second sheet. */
export async function userTemplate(agencies: { id: string; nameVi: string; roles: readonly string[] }[]): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet('Tài khoản');
  sheet.addRow(Object.values(USER_COLUMNS));
  sheet.getRow(1).font = { bold: true };
  const first = agencies[0];
  if (first) sheet.addRow(['vi.du.tai.khoan', 'Nguyễn Văn Ví Dụ (xóa dòng này)', first.id, first.roles.slice(0, 1).join(','), '']);
  sheet.columns.forEach((column) => (column.width = 32));
  const list = workbook.addWorksheet('Cơ quan và vai trò');
  list.addRow(['Mã cơ quan', 'Tên cơ quan', 'Vai trò được phép']);
  list.getRow(1).font = { bold: true };
  for (const agency of agencies) list.addRow([agency.id, agency.nameVi, agency.roles.join(', ')]);
  list.columns.forEach((column) => (column.width = 40));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
