import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../domain/documents/workbook';
import { FIGURES, type Figures } from '../../domain/reporting/report-figures';
import { VIETNAM_TIME_ZONE } from '../../domain/time/legal-date';

/**
 * A report and a roll-up as officials file them: an Excel workbook with Vietnamese headings and
 * dd/mm/yyyy dates, and the same table as CSV (UTF-8 with a byte-order mark, so Excel reads the
 * diacritics). The figures are the API's, row for row.
 */
export interface ReportExport {
  titleVi: string;
  unitName: string;
  periodKey: string;
  window: { from: string; to: string };
  dueDate: string | null;
  submittedAt: string | null;
  version: number;
  figures: Figures;
  computed: Figures;
  corrections: { key: string; reason: string }[];
}

export interface RollupExport {
  titleVi: string;
  receiverName: string;
  periodKey: string;
  window: { from: string; to: string };
  units: { name: string; statusVi: string; dueDate: string | null; submittedAt: string | null; figures: Figures | null }[];
  totals: Figures;
}

/** "2026-12-05" → "05/12/2026"; an instant is shown on its Vietnamese calendar day. */
export function ddmmyyyy(value: string | null): string {
  if (!value) return '';
  const isoDate =
    value.length === 10 ? value : new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME_ZONE }).format(new Date(value));
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

function reportRows(report: ReportExport): (string | number)[][] {
  return FIGURES.map((figure, index) => [
    index + 1,
    figure.vi,
    figure.en,
    // A version submitted before a figure existed has no value for it.
    report.figures[figure.key] ?? '',
    figure.source === 'RECORD' ? (report.computed[figure.key] ?? '') : '',
    report.corrections.find((c) => c.key === figure.key)?.reason ?? '',
  ]);
}
const REPORT_HEADINGS = ['STT', 'Chỉ tiêu', 'Indicator', 'Số liệu báo cáo', 'Số liệu theo hồ sơ', 'Lý do điều chỉnh'];

function rollupRows(rollup: RollupExport): (string | number)[][] {
  const rows = rollup.units.map((unit, index) => [
    index + 1,
    unit.name,
    unit.statusVi,
    ddmmyyyy(unit.dueDate),
    ddmmyyyy(unit.submittedAt),
    ...FIGURES.map((figure) => unit.figures?.[figure.key] ?? ''),
  ]);
  rows.push(['', 'Tổng cộng (các báo cáo đã nộp)', '', '', '', ...FIGURES.map((figure) => rollup.totals[figure.key] ?? 0)]);
  return rows;
}
const rollupHeadings = () => ['STT', 'Đơn vị', 'Tình trạng', 'Hạn nộp', 'Ngày nộp', ...FIGURES.map((figure) => figure.vi)];

function addSheet(workbook: ExcelJS.Workbook, name: string, preamble: (string | number)[][], headings: string[], rows: (string | number)[][]) {
  const sheet = workbook.addWorksheet(name);
  for (const line of preamble) sheet.addRow(line);
  sheet.addRow([]);
  const header = sheet.addRow(headings);
  header.font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, index) => {
    column.width = index === 1 ? 60 : index === 2 ? 40 : 16;
  });
  return sheet;
}

export async function reportWorkbook(report: ReportExport): Promise<Buffer> {
  const workbook = await newWorkbook();
  addSheet(
    workbook,
    'Báo cáo',
    [
      [report.titleVi],
      ['Đơn vị báo cáo', report.unitName],
      ['Kỳ báo cáo', report.periodKey],
      ['Số liệu tính từ ngày', ddmmyyyy(report.window.from), 'đến ngày', ddmmyyyy(report.window.to)],
      ['Hạn nộp', ddmmyyyy(report.dueDate)],
      ['Ngày nộp', ddmmyyyy(report.submittedAt), 'Phiên bản', report.version],
    ],
    REPORT_HEADINGS,
    reportRows(report),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function rollupWorkbook(rollup: RollupExport): Promise<Buffer> {
  const workbook = await newWorkbook();
  addSheet(
    workbook,
    'Tổng hợp',
    [
      [rollup.titleVi],
      ['Đơn vị tổng hợp', rollup.receiverName],
      ['Kỳ báo cáo', rollup.periodKey],
      ['Số liệu tính từ ngày', ddmmyyyy(rollup.window.from), 'đến ngày', ddmmyyyy(rollup.window.to)],
    ],
    rollupHeadings(),
    rollupRows(rollup),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(headings: string[], rows: (string | number)[][]): Buffer {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [headings, ...rows].map((row) => row.map(cell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export const reportCsv = (report: ReportExport) => csv(REPORT_HEADINGS, reportRows(report));
export const rollupCsv = (rollup: RollupExport) => csv(rollupHeadings(), rollupRows(rollup));
