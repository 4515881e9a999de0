import type ExcelJS from 'exceljs';

/**
 * A new empty workbook, with exceljs loaded on first use: most processes never read or write a
 * spreadsheet, and the library keeps ~15 MB resident once loaded.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  return new Excel.Workbook();
}
