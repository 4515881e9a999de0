import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { ROLES_BY_AGENCY_KIND, rolesOutOfPlace } from '../../domain/registry/roles-by-agency-kind';
import { Role } from '../../generated/prisma/enums';
import { generateOneTimePassword } from '../auth/password-policy';
import { auditChange } from '../http/audit';
import { Problem } from '../http/problem';
import { readBody } from '../http/raw-body';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { createUserBody } from './admin.schemas';
import { readUserRows, USER_COLUMNS, userTemplate, type UserColumn, type UserRow } from './user-workbook';

const MAX_BYTES = 2 * 1024 * 1024;
const MAX_ROWS = 500;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const importQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true').meta({ description: 'true (the default): check every row and create nothing' }) });
const rowProblem = z.object({ row: z.number().int(), column: z.string(), message: z.string(), messageEn: z.string() });
const importView = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    problems: z.array(rowProblem),
    created: z.array(z.object({ row: z.number().int(), username: z.string(), oneTimePassword: z.string() })).meta({ description: 'Each one-time password is shown once' }),
  })
  .meta({ id: 'UserImport' });

const workbookProblem = (vi: string, en: string) => new Problem(400, 'ADMIN.WORKBOOK_UNREADABLE', { vi: 'Không đọc được tệp', en: 'Unreadable workbook' }, { vi, en });

/**
 * Accounts created in bulk from a workbook (issue #18): every row is checked as `POST
 * /admin/users` checks one, with each problem named by row and column in Vietnamese and English;
 * a dry run (the default) creates nothing; the real run creates every account or none. Audited.
 */
export function registerAdminUserImportRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  routes.add({
    method: 'get',
    path: '/admin/users/import-template',
    tag: 'Administration',
    summary: 'The workbook to fill: its headings, and the agencies the administrator covers with the roles each allows',
    access: { roles: [Role.SYSTEM_ADMIN] },
    responses: { 200: { description: 'An Excel workbook', files: [XLSX] } },
    handler: async ({ principal }) => {
      const agencies = await db.agency.findMany({
        where: { validTo: null, jurisdiction: { path: { startsWith: principal.jurisdictionPath } } },
        orderBy: { id: 'asc' },
      });
      const bytes = await userTemplate(agencies.map((agency) => ({ id: agency.id, nameVi: agency.nameVi, roles: ROLES_BY_AGENCY_KIND[agency.kind] })));
      return {
        status: 200,
        raw: bytes,
        headers: { 'Content-Type': XLSX, 'Content-Disposition': 'attachment; filename="mau-tai-khoan.xlsx"' },
      };
    },
  });

  routes.add({
    method: 'post',
    path: '/admin/users/import',
    tag: 'Administration',
    summary: 'Create accounts from a workbook (raw body: Excel or CSV, at most 500 rows): a dry run by default; every row checked, all created or none',
    description:
      'Headings: ' + Object.values(USER_COLUMNS).join(', ') + '. Roles are codes separated by commas. Each problem names its row and column. ' +
      'With dryRun=false and no problem, every account is created with a one-time password (shown once, Cache-Control: no-store) that is changed at the first login.',
    access: { roles: [Role.SYSTEM_ADMIN] },
    query: importQuery,
    responses: {
      200: { description: 'The dry run: the rows and their problems', schema: importView },
      201: { description: 'The accounts created, each with its one-time password', schema: importView },
      400: { description: 'Not a workbook, a heading missing, empty, or over 500 rows' },
      413: { description: 'Over 2 MB' },
      422: { description: 'Rows with problems: nothing created', schema: importView },
    },
    handler: async ({ principal, query, req }) => {
      const tooLarge = () => new Problem(413, 'ADMIN.WORKBOOK_TOO_LARGE', { vi: 'Tệp quá lớn', en: 'Workbook too large' }, { vi: 'Tệp lớn hơn 2 MB.', en: 'The workbook is over 2 MB.' });
      const bytes = await readBody(req, MAX_BYTES, tooLarge);
      const read = await readUserRows(bytes);
      if ('problem' in read) {
        const { problem } = read;
        if (problem.kind === 'missingColumns')
          throw workbookProblem(`Thiếu cột: ${problem.columns.join(', ')}.`, `Missing columns: ${problem.columns.join(', ')}.`);
        if (problem.kind === 'empty') throw workbookProblem('Tệp không có dòng nào.', 'The workbook has no rows.');
        throw workbookProblem('Không phải tệp Excel (.xlsx) hay CSV.', 'Not an Excel (.xlsx) or CSV file.');
      }
      if (read.rows.length > MAX_ROWS) throw workbookProblem(`Tối đa ${MAX_ROWS} dòng một lần.`, `At most ${MAX_ROWS} rows at a time.`);

      const checked = await checkRows(read.rows, principal.jurisdictionPath);
      const dryRun = query.dryRun === 'true';
      if (checked.problems.length > 0 || dryRun)
        return { status: checked.problems.length > 0 && !dryRun ? 422 : 200, body: { dryRun, rows: read.rows.length, problems: checked.problems, created: [] } };

      const prepared = await Promise.all(
        checked.accounts.map(async (account) => {
          const oneTimePassword = generateOneTimePassword();
          return { ...account, oneTimePassword, passwordHash: await hash(oneTimePassword) };
        }),
      );
      await db.$transaction(async (tx) => {
        for (const account of prepared) {
          const user = await tx.user.create({
            data: {
              username: account.username,
              displayName: account.displayName,
              agencyId: account.agencyId,
              roles: account.roles,
              homeAgencyId: account.homeAgencyId ?? null,
              passwordHash: account.passwordHash,
              mustChangePassword: true,
            },
          });
          await auditChange(tx, principal, {
            action: 'admin.user_created',
            subjectType: 'user',
            subjectId: user.id,
            jurisdictionId: account.jurisdictionId,
            requestId: req.id,
            details: { username: user.username, agencyId: account.agencyId, roles: account.roles, fromWorkbookRow: account.row },
          });
        }
      });
      return {
        status: 201,
        headers: { 'Cache-Control': 'no-store' },
        body: { dryRun, rows: read.rows.length, problems: [], created: prepared.map(({ row, username, oneTimePassword }) => ({ row, username, oneTimePassword })) },
      };
    },
  });

  /** Every row checked as one account is: its fields, its agency (in force, covered), its roles, its name unique. */
  async function checkRows(rows: UserRow[], adminPath: string) {
    const problems: z.infer<typeof rowProblem>[] = [];
    const add = (row: number, column: UserColumn, message: string, messageEn: string) => problems.push({ row, column: USER_COLUMNS[column], message, messageEn });
    const agencyIds = [...new Set(rows.flatMap((row) => [row.values.agencyId, row.values.homeAgencyId]).filter((id): id is string => id !== undefined))];
    const agencies = new Map((await db.agency.findMany({ where: { id: { in: agencyIds } }, include: { jurisdiction: true } })).map((agency) => [agency.id, agency]));
    const usernames = rows.map((row) => row.values.username ?? '');
    const taken = new Set((await db.user.findMany({ where: { username: { in: usernames } }, select: { username: true } })).map((user) => user.username));
    const scope = await directory.scope();
    const accounts = [];
    for (const { row, values } of rows) {
      const roles = (values.roles ?? '').split(/[,;]/).map((role) => role.trim()).filter(Boolean);
      const parsed = createUserBody.safeParse({ username: values.username, displayName: values.displayName, agencyId: values.agencyId, roles, ...(values.homeAgencyId ? { homeAgencyId: values.homeAgencyId } : {}) });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'username') as UserColumn;
          add(row, field in USER_COLUMNS ? field : 'username', `Không hợp lệ: ${issue.message}`, `Invalid: ${issue.message}`);
        }
        continue;
      }
      const body = parsed.data;
      let fine = true;
      if (usernames.indexOf(body.username) !== usernames.lastIndexOf(body.username)) {
        add(row, 'username', `Tên đăng nhập ${body.username} lặp lại trong tệp`, `Username ${body.username} appears twice in the file`);
        fine = false;
      } else if (taken.has(body.username)) {
        add(row, 'username', `Tên đăng nhập ${body.username} đã có người dùng`, `Username ${body.username} is taken`);
        fine = false;
      }
      const agency = agencies.get(body.agencyId);
      if (!agency || !scope.covers(adminPath, agency.jurisdictionId)) {
        add(row, 'agencyId', `Không có cơ quan ${body.agencyId} trong phạm vi quản trị`, `No agency ${body.agencyId} in your jurisdiction`);
        fine = false;
      } else if (agency.validTo !== null) {
        add(row, 'agencyId', `Cơ quan ${body.agencyId} đã chấm dứt hoạt động`, `Agency ${body.agencyId} has ended`);
        fine = false;
      } else {
        const misplaced = rolesOutOfPlace(agency.kind, body.roles);
        if (misplaced.length > 0) {
          add(row, 'roles', `Cơ quan ${agency.id} không có vai trò: ${misplaced.join(', ')}`, `Agency ${agency.id} has no such role: ${misplaced.join(', ')}`);
          fine = false;
        }
      }
      if (body.homeAgencyId && !agencies.has(body.homeAgencyId)) {
        add(row, 'homeAgencyId', `Không có cơ quan ${body.homeAgencyId}`, `No agency ${body.homeAgencyId}`);
        fine = false;
      }
      if (fine && agency) accounts.push({ ...body, row, jurisdictionId: agency.jurisdictionId });
    }
    return { problems, accounts };
  }
}
