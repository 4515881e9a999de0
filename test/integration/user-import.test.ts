import ExcelJS from 'exceljs';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { binaryBody } from '../support/binary-body';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { createTestProvince, type TestProvince } from '../support/test-province';

/**
 * Accounts created in bulk from a workbook (issue #18), through the HTTP API on the real stack:
 * the template from the API, filled; a dry run names every problem by row and column and creates
 * nothing; a real run with problems creates nothing (422); corrected, every account is created
 * with a one-time password that opens the password change; CSV is read too.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let api: ApiHarness;
let province: TestProvince;
let other: TestProvince;
let admin = '';

beforeAll(async () => {
  stack = await startCaseStack('user-import');
  api = stack.api;
  province = await createTestProvince(api.db, 'user-import');
  other = await createTestProvince(api.db, 'user-import-other');
  admin = await province.addUser(province.agency.provincialPolice, ['SYSTEM_ADMIN']);
});
afterAll(() => stack.close());

const as = async () => `Bearer ${await stack.driver.token(admin)}`;
const upload = async (bytes: Buffer, dryRun: boolean, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') =>
  request(api.app).post(`/admin/users/import?dryRun=${dryRun}`).set('Authorization', await as()).set('Content-Type', type).send(bytes);

it('fills the template, reports each problem by row and column, creates nothing until every row is right, then creates them all', async () => {
  const template = await request(api.app).get('/admin/users/import-template').set('Authorization', await as()).buffer(true).parse(binaryBody);
  expect(template.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect((sheet.getRow(1).values as string[]).filter(Boolean)).toEqual(['Tên đăng nhập', 'Họ tên, chức vụ', 'Mã cơ quan', 'Vai trò', 'Cơ quan gốc (thành viên Đoàn liên ngành)']);
  // The agencies sheet lists the province's agencies with the roles each allows.
  const agencies = workbook.worksheets[1]!;
  const listed = new Map<string, string>();
  agencies.eachRow((row, number) => number > 1 && listed.set(String(row.getCell(1).value), String(row.getCell(3).value)));
  expect(listed.get(province.agency.regionalCourt)).toBe('JUDGE, CHIEF_JUDGE');
  expect(listed.has(other.agency.regionalCourt)).toBe(false);

  // Filled: two good rows, and four with problems (a role the agency lacks, another province's agency, a name twice, a bad name).
  sheet.spliceRows(2, 1);
  const rows = [
    ['tp.moi.1', 'Thẩm phán Mới Một', province.agency.regionalCourt, 'JUDGE'],
    ['ca.moi.1', 'Cán bộ Mới Một', province.agency.communePolice, 'COMMUNE_POLICE_OFFICER, COMMUNE_POLICE_HEAD'],
    ['bs.sai', 'Bác sĩ nhầm chỗ', province.agency.communePolice, 'DOCTOR'],
    ['tinh.khac', 'Người tỉnh khác', other.agency.communePolice, 'COMMUNE_POLICE_OFFICER'],
    ['tp.moi.1', 'Trùng tên', province.agency.regionalCourt, 'JUDGE'],
    ['Có Dấu', 'Tên đăng nhập có dấu', province.agency.regionalCourt, 'JUDGE'],
  ];
  rows.forEach((row, index) => sheet.insertRow(2 + index, row));
  const withProblems = Buffer.from(await workbook.xlsx.writeBuffer());
  const dry = await upload(withProblems, true);
  expect(dry.status).toBe(200);
  expect(dry.body.created).toEqual([]);
  expect(dry.body.problems.map((problem: { row: number; column: string }) => [problem.row, problem.column])).toEqual([
    [2, 'Tên đăng nhập'],
    [4, 'Vai trò'],
    [5, 'Mã cơ quan'],
    [6, 'Tên đăng nhập'],
    [7, 'Tên đăng nhập'],
  ]);
  expect(dry.body.problems[1].message).toContain('DOCTOR');
  const refused = await upload(withProblems, false);
  expect(refused.status).toBe(422);
  expect(await api.db.user.count({ where: { username: { in: ['tp.moi.1', 'ca.moi.1'] } } })).toBe(0);

  // Corrected (the template filled again with the good rows): every account created, each password shown once.
  const corrected = new ExcelJS.Workbook();
  await corrected.xlsx.load(template.body as unknown as ArrayBuffer);
  const correctedSheet = corrected.worksheets[0]!;
  correctedSheet.spliceRows(2, 1, ...rows.slice(0, 2));
  const created = await upload(Buffer.from(await corrected.xlsx.writeBuffer()), false);
  expect([created.status, created.body.problems]).toEqual([201, []]);
  expect(created.headers['cache-control']).toBe('no-store');
  expect(created.body.created.map((row: { username: string }) => row.username)).toEqual(['tp.moi.1', 'ca.moi.1']);
  const login = await request(api.app).post('/auth/login').send({ username: 'tp.moi.1', password: created.body.created[0].oneTimePassword });
  expect([login.status, login.body.mustChangePassword]).toEqual([200, true]);
  expect(await api.db.user.findUniqueOrThrow({ where: { username: 'ca.moi.1' } })).toMatchObject({ roles: ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'], agencyId: province.agency.communePolice });
  expect(await api.db.auditEvent.count({ where: { action: 'admin.user_created', details: { path: ['fromWorkbookRow'], gte: 2 } } })).toBeGreaterThanOrEqual(2);
  // The same workbook again: the names are taken now, nothing created twice.
  const again = await upload(Buffer.from(await corrected.xlsx.writeBuffer()), false);
  expect(again.status).toBe(422);
  expect(again.body.problems.map((problem: { message: string }) => problem.message)).toEqual(['Tên đăng nhập tp.moi.1 đã có người dùng', 'Tên đăng nhập ca.moi.1 đã có người dùng']);
});

it('reads CSV, and refuses what is not a workbook or lacks a column, saying which', async () => {
  const csv = Buffer.from(`\uFEFFTên đăng nhập,"Họ tên, chức vụ",Mã cơ quan,Vai trò\ncsv.moi,Người từ CSV,${province.agency.communeCommittee},COMMUNE_OFFICIAL\n`);
  const dry = await upload(csv, true, 'text/csv');
  expect(dry.status).toBe(200);
  expect(dry.body).toMatchObject({ rows: 1, problems: [] });
  const missing = await upload(Buffer.from('Tên đăng nhập,Mã cơ quan\na.b.c,X\n'), true, 'text/csv');
  expect([missing.status, missing.body.code]).toEqual([400, 'ADMIN.WORKBOOK_UNREADABLE']);
  expect(missing.body.detail).toContain('Họ tên, chức vụ');
  const pdf = await upload(Buffer.from('%PDF-1.4\n%%EOF\n'), true, 'application/pdf');
  expect(pdf.status).toBe(400);
});
