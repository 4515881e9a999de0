import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { firstRulesOn } from '../api/cases/case-opening';
import { auditChange } from '../api/http/audit';
import { Problem, problems } from '../api/http/problem';
import { readBody } from '../api/http/raw-body';
import type { ApiRoutes } from '../api/http/routes';
import type { JurisdictionDirectory } from '../api/registry/jurisdiction-directory';
import type { Db } from '../db/client';
import { Prisma } from '../generated/prisma/client';
import { Role } from '../generated/prisma/enums';
import { procedureByCode } from '../procedures/registry';
import { CASELOAD_IMPORT_WORKFLOW, caseloadImportWorkflowId, type CaseloadImportInput } from './caseload-import-contract';
import { caseloadTemplate, readCaseloadWorkbook, rejectedWorkbook } from './caseload-workbook';
import { checkCaseloadRows, IMPORTABLE, type CheckedRow } from './check-rows';
import { uploadedFileName } from '../api/http/file-name';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 20_000;
/** The problems a dry run lists (the rejected workbook carries them all). */
const PROBLEMS_LISTED = 500;

const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true').meta({ description: 'true (the default): check every row and write nothing' }),
  procedure: z
    .enum(IMPORTABLE.map((module) => module.definition.code) as [string, ...string[]])
    .optional()
    .meta({ description: 'For a CSV file (one sheet): the procedure its rows belong to' }),
  fileName: uploadedFileName.default('caseload.xlsx'),
});
const importParams = z.object({ importId: z.uuid() });

const rowProblem = z.object({ sheet: z.string(), row: z.number().int(), column: z.string(), message: z.string(), messageEn: z.string() });
const counts = z.object({
  rows: z.number().int(),
  toOpen: z.number().int().meta({ description: 'Rows checked and not imported before: the cases the import opens' }),
  skipped: z.number().int().meta({ description: 'Rows whose key was imported before (nothing opened twice)' }),
  rejected: z.number().int(),
});
const checkView = counts
  .extend({
    dryRun: z.boolean(),
    importId: z.uuid().optional(),
    problems: z.array(rowProblem).meta({ description: `The first ${PROBLEMS_LISTED} problems, by sheet, row and column` }),
    skippedRows: z.array(z.object({ sheet: z.string(), row: z.number().int(), rowKey: z.string(), caseRef: z.string(), changed: z.boolean() })),
    ignoredSheets: z.array(z.string()).meta({ description: 'Sheets with rows that are no procedure’s (not read)' }),
  })
  .meta({ id: 'CaseloadCheck' });
const importView = z
  .object({
    importId: z.uuid(),
    fileName: z.string(),
    status: z.enum(['RUNNING', 'DONE']),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    createdBy: z.string(),
    total: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()).meta({ description: 'PENDING, OPENED, PARTLY, SKIPPED, REJECTED, FAILED' }),
    opened: z
      .array(z.object({ sheet: z.string(), row: z.number().int(), rowKey: z.string(), procedure: z.string(), caseRef: z.string(), phase: z.string().nullable(), status: z.string() }))
      .meta({ description: 'The latest 50 rows opened (or opened in part), with their cases' }),
  })
  .meta({ id: 'CaseloadImport' });

const workbookProblem = (vi: string, en: string) => new Problem(400, 'IMPORT.WORKBOOK_UNREADABLE', { vi: 'Không đọc được tệp', en: 'Unreadable workbook' }, { vi, en });
const importNotFound = () => problems.notFound({ vi: 'Không có lượt nhập này.', en: 'No such import.' });

/**
 * A province's running cases imported from its spreadsheets (issue #18): the template, the dry
 * run that checks every row, the import that opens each checked row's case at the phase its
 * dates say (a workflow; resumable), its progress, and the rejected rows given back as a workbook.
 */
export function registerCaseloadImportRoutes(routes: ApiRoutes, deps: { db: Db; temporal: Client; directory: JurisdictionDirectory }, settings: { taskQueue: string }): void {
  const { db, temporal } = deps;
  const provinceOf = (path: string) => path.split('/')[1] ?? '';

  routes.add({
    method: 'get',
    path: '/caseload-imports/template',
    tag: 'Caseload import',
    summary: 'The workbook to fill: a sheet per procedure with its Vietnamese headings, the guide, and the province’s units',
    access: { roles: [Role.SYSTEM_ADMIN] },
    responses: { 200: { description: 'An Excel workbook', files: [XLSX] } },
    handler: async ({ principal }) => {
      const units = await db.jurisdiction.findMany({
        where: { path: { startsWith: principal.jurisdictionPath }, level: 'COMMUNE' },
        orderBy: [{ validTo: { sort: 'desc', nulls: 'first' } }, { id: 'asc' }],
        select: { id: true, nameVi: true, validTo: true },
      });
      const bytes = await caseloadTemplate(
        IMPORTABLE.map((module) => ({
          code: module.definition.code,
          titleVi: module.definition.titleVi,
          sheet: module.caseload as NonNullable<typeof module.caseload>,
          firstOn: firstRulesOn(module),
        })),
        units.map((unit) => ({ id: unit.id, nameVi: unit.nameVi, level: unit.validTo ? `đến ${unit.validTo.toISOString().slice(0, 10)}` : 'hiện hành' })),
      );
      return { status: 200, raw: bytes, headers: { 'Content-Type': XLSX, 'Content-Disposition': 'attachment; filename="mau-nhap-ho-so.xlsx"' } };
    },
  });

  routes.add({
    method: 'post',
    path: '/caseload-imports',
    tag: 'Caseload import',
    summary: 'Check a workbook of running cases (the default: a dry run), or import it: each checked row’s case opened at the phase its dates say',
    description:
      'Raw body: the Excel workbook (a sheet per procedure, named as in the template) or a CSV file with `procedure`. Every row is checked before anything is written; ' +
      'a row with problems is not imported, and each problem names its sheet, row and column. With dryRun=false the checked rows are opened by a workflow ' +
      '(202, then GET /caseload-imports/{importId} for progress). A row whose key (Mã dòng) the province imported before opens nothing.',
    access: { roles: [Role.SYSTEM_ADMIN] },
    query: importQuery,
    responses: {
      200: { description: 'The dry run: counts and problems', schema: checkView },
      202: { description: 'The import started: counts, problems, and its id', schema: checkView },
      400: { description: 'Not a workbook, no sheet of a procedure or no rows, over 20,000 rows, or a CSV without its procedure' },
      413: { description: 'Over 20 MB' },
    },
    handler: async ({ principal, query, req }) => {
      const tooLarge = () => new Problem(413, 'IMPORT.WORKBOOK_TOO_LARGE', { vi: 'Tệp quá lớn', en: 'Workbook too large' }, { vi: 'Tệp lớn hơn 20 MB.', en: 'The file is over 20 MB.' });
      const bytes = await readBody(req, MAX_BYTES, tooLarge);
      const csvProcedure = query.procedure ? procedureByCode(query.procedure) : undefined;
      const read = await readCaseloadWorkbook(bytes, csvProcedure?.caseload?.sheet ?? '');
      if ('problem' in read)
        throw read.problem.kind === 'empty'
          ? workbookProblem('Tệp không có dòng nào.', 'The file has no rows.')
          : workbookProblem('Không phải tệp Excel (.xlsx) hay CSV.', 'Not an Excel (.xlsx) or CSV file.');
      if (read.sheets.length === 1 && read.sheets[0]?.name === '')
        throw workbookProblem('Tệp CSV cần tham số procedure (thủ tục của các dòng).', 'A CSV file needs the procedure parameter (the procedure of its rows).');
      const total = read.sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
      if (total > MAX_ROWS) throw workbookProblem(`Tối đa ${MAX_ROWS} dòng một lần.`, `At most ${MAX_ROWS} rows at a time.`);

      const provinceId = provinceOf(principal.jurisdictionPath);
      const checked = await checkCaseloadRows(deps, principal, provinceId, read.sheets);
      if (checked.rows.length === 0)
        throw workbookProblem(
          `Không có trang nào mang tên một thủ tục (tên trang như trong tệp mẫu)${checked.ignoredSheets.length ? `; các trang không đọc: ${checked.ignoredSheets.join(', ')}` : ''}.`,
          `No sheet is named for a procedure (name the sheets as the template does)${checked.ignoredSheets.length ? `; sheets not read: ${checked.ignoredSheets.join(', ')}` : ''}.`,
        );
      const view = summaryOf(checked.rows, checked.ignoredSheets);
      if (query.dryRun === 'true') return { status: 200, body: { dryRun: true, ...view } };

      const importId = randomUUID();
      await db.$transaction(async (tx) => {
        await tx.caseloadImport.create({ data: { id: importId, provinceId, fileName: query.fileName, createdBy: principal.userId, status: 'RUNNING', totalRows: checked.rows.length } });
        for (let start = 0; start < checked.rows.length; start += 1000)
          await tx.caseloadImportRow.createMany({ data: checked.rows.slice(start, start + 1000).map((row) => rowRecord(importId, row)) });
        await auditChange(tx, principal, {
          action: 'caseload.import_started',
          subjectType: 'caseload_import',
          subjectId: importId,
          jurisdictionId: provinceId,
          requestId: req.id,
          details: { fileName: query.fileName, rows: view.rows, toOpen: view.toOpen, skipped: view.skipped, rejected: view.rejected },
        });
      }, { timeout: 60_000 });
      const input: CaseloadImportInput = { importId };
      await temporal.workflow.start(CASELOAD_IMPORT_WORKFLOW, { workflowId: caseloadImportWorkflowId(importId), taskQueue: settings.taskQueue, args: [input] });
      return { status: 202, body: { dryRun: false, importId, ...view }, headers: { Location: `/caseload-imports/${importId}` } };
    },
  });

  routes.add({
    method: 'get',
    path: '/caseload-imports',
    tag: 'Caseload import',
    summary: 'The province’s imports, newest first, with their progress',
    access: { roles: [Role.SYSTEM_ADMIN] },
    responses: { 200: { description: 'The imports', schema: z.array(importView) } },
    handler: async ({ principal }) => {
      const imports = await db.caseloadImport.findMany({ where: { provinceId: provinceOf(principal.jurisdictionPath) }, orderBy: { createdAt: 'desc' }, take: 20 });
      return { status: 200, body: await Promise.all(imports.map((one) => viewOf(one.id))) };
    },
  });

  routes.add({
    method: 'get',
    path: '/caseload-imports/:importId',
    tag: 'Caseload import',
    summary: 'An import’s progress: its rows by what they became, and the latest cases opened',
    access: { roles: [Role.SYSTEM_ADMIN] },
    params: importParams,
    responses: { 200: { description: 'The import', schema: importView }, 404: { description: 'No such import in the administrator’s province' } },
    handler: async ({ principal, params }) => {
      await ownImport(params.importId, principal.jurisdictionPath);
      return { status: 200, body: await viewOf(params.importId), headers: { 'Cache-Control': 'no-store' } };
    },
  });

  routes.add({
    method: 'get',
    path: '/caseload-imports/:importId/rejected',
    tag: 'Caseload import',
    summary: 'The rows not imported (rejected, failed, or opened only in part), as they came, each with its reasons: correct them and import the file again',
    access: { roles: [Role.SYSTEM_ADMIN] },
    params: importParams,
    responses: { 200: { description: 'An Excel workbook', files: [XLSX] }, 404: { description: 'No such import in the administrator’s province' } },
    handler: async ({ principal, params }) => {
      await ownImport(params.importId, principal.jurisdictionPath);
      const rows = await db.caseloadImportRow.findMany({ where: { importId: params.importId, status: { in: ['REJECTED', 'FAILED', 'PARTLY'] } }, orderBy: { seq: 'asc' } });
      const bytes = await rejectedWorkbook(
        IMPORTABLE.map((module) => ({
          sheet: module.caseload as NonNullable<typeof module.caseload>,
          rows: rows
            .filter((row) => row.procedure === module.definition.code)
            .map((row) => ({
              row: row.rowNumber,
              cells: (row.cells ?? {}) as Record<string, string>,
              reasons: ((row.problems ?? []) as { column: string; message: string }[]).map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join('\n'),
            })),
        })),
      );
      return { status: 200, raw: bytes, headers: { 'Content-Type': XLSX, 'Content-Disposition': 'attachment; filename="dong-khong-nhap-duoc.xlsx"', 'Cache-Control': 'no-store' } };
    },
  });

  async function ownImport(importId: string, adminPath: string) {
    const found = await db.caseloadImport.findUnique({ where: { id: importId } });
    if (!found || found.provinceId !== provinceOf(adminPath)) throw importNotFound();
    return found;
  }

  async function viewOf(importId: string): Promise<z.infer<typeof importView>> {
    const one = await db.caseloadImport.findUniqueOrThrow({ where: { id: importId }, include: { creator: { select: { displayName: true } } } });
    const grouped = await db.caseloadImportRow.groupBy({ by: ['status'], where: { importId }, _count: { _all: true } });
    const opened = await db.caseloadImportRow.findMany({
      where: { importId, status: { in: ['OPENED', 'PARTLY'] } },
      orderBy: { updatedAt: 'desc' },
      take: 50,
      select: { sheet: true, rowNumber: true, rowKey: true, procedure: true, caseRef: true, phase: true, status: true },
    });
    return {
      importId,
      fileName: one.fileName,
      status: one.status as 'RUNNING' | 'DONE',
      createdAt: one.createdAt.toISOString(),
      finishedAt: one.finishedAt?.toISOString() ?? null,
      createdBy: one.creator.displayName,
      total: one.totalRows,
      byStatus: Object.fromEntries(grouped.map((group) => [group.status, group._count._all])),
      opened: opened.map((row) => ({ sheet: row.sheet, row: row.rowNumber, rowKey: row.rowKey, procedure: row.procedure, caseRef: row.caseRef ?? '', phase: row.phase, status: row.status })),
    };
  }
}

function summaryOf(rows: readonly CheckedRow[], ignoredSheets: string[]) {
  return {
    rows: rows.length,
    toOpen: rows.filter((row) => row.status === 'PENDING').length,
    skipped: rows.filter((row) => row.status === 'SKIPPED').length,
    rejected: rows.filter((row) => row.status === 'REJECTED').length,
    problems: rows
      .filter((row) => row.status !== 'PENDING')
      .flatMap((row) => row.problems.map((problem) => ({ sheet: row.sheet, row: row.row, ...problem })))
      .slice(0, PROBLEMS_LISTED),
    skippedRows: rows
      .filter((row) => row.status === 'SKIPPED')
      .map((row) => ({ sheet: row.sheet, row: row.row, rowKey: row.rowKey, caseRef: row.caseRef ?? '', changed: row.changed ?? false })),
    ignoredSheets,
  };
}

/** A checked row as stored: its body until it is opened, its cells only when it is given back. */
function rowRecord(importId: string, row: CheckedRow): Prisma.CaseloadImportRowCreateManyInput {
  return {
    importId,
    seq: row.seq,
    sheet: row.sheet,
    rowNumber: row.row,
    procedure: row.procedure,
    rowKey: row.rowKey,
    status: row.status,
    problems: row.problems.length > 0 ? (row.problems as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
    body: row.status === 'PENDING' && row.body ? (row.body as Prisma.InputJsonValue) : Prisma.DbNull,
    cells: row.status === 'SKIPPED' ? Prisma.DbNull : row.cells,
    caseRef: row.caseRef ?? null,
  };
}
