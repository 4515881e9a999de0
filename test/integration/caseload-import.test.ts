import ExcelJS from 'exceljs';
import request from 'supertest';
import { CalendarSource } from '../../db/calendar-source';
import { figuresFromRecord } from '../../db/reporting/figures-from-record';
import { addDays, computeDeadline } from '../../domain/deadlines/deadline-computation';
import { dateColumnToIso, vietnamDate } from '../../domain/time/legal-date';
import { ruleBook } from '../../rules/rule-book';
import type { ApiHarness } from '../support/api-harness';
import { binaryBody } from '../support/binary-body';
import { newCitizenId, until } from '../support/case-driver';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { createTestProvince, type TestProvince } from '../support/test-province';

/**
 * Issue #18, bulk import of a province's running cases, through the HTTP API on the real stack:
 * a workbook of 200 rows across four procedures and their phases, five of them wrong. The dry run
 * names each problem by sheet, row and column and writes nothing; the import opens the other 195
 * at the phase their dates say, their past acts on record with the officials named on paper, only
 * the current step open with the due date the rule book gives from its legal start, no reminder
 * about the past; the rejected rows come back as a workbook with their reasons; the same workbook
 * again opens nothing; a changed row is named, not written.
 */
jest.setTimeout(300_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let stack: CaseStack;
let api: ApiHarness;
let province: TestProvince;
let admin = '';
let coordinator = '';
let secondCommune = '';

beforeAll(async () => {
  stack = await startCaseStack('caseload-import');
  api = stack.api;
  province = await createTestProvince(api.db, 'caseload-import');
  secondCommune = (await province.addCommune('X2')).communeId;
  for (const [suffix, kind] of [
    ['CSCN', 'REHAB_FACILITY'],
    ['TAT', 'PROVINCIAL_COURT'],
  ] as const)
    await api.db.agency.create({
      data: { id: `${province.provinceId}-${suffix}`, kind, nameVi: kind, nameEn: kind, jurisdictionId: province.provinceId, validFrom: new Date('1991-01-01') },
    });
  admin = await province.addUser(province.agency.provincialPolice, ['SYSTEM_ADMIN']);
  coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
});
afterAll(() => stack.close());

const as = async () => `Bearer ${await stack.driver.token(admin)}`;
const upload = async (bytes: Buffer, dryRun: boolean) =>
  request(api.app).post(`/caseload-imports?dryRun=${dryRun}&fileName=so-theo-doi.xlsx`).set('Authorization', await as()).set('Content-Type', XLSX).send(bytes);

/** A row's cells by heading; dates as Excel date cells or as dd/mm/yyyy text, as provinces keep them. */
type Row = Record<string, string | number | Date>;
const excelDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const vn = (iso: string) => iso.split('-').reverse().join('/');

interface Pattern {
  sheet: string;
  count: number;
  row: (index: number) => Row;
  /** The open step after the import and its legal start (the date its limit runs from). */
  expect: { step: string; startDate?: string };
}

const person = (index: number, commune: string, born = '1990-04-12'): Row => ({
  'Họ và tên': `Người Nhập Thử ${index}`,
  'Ngày sinh': index % 2 === 0 ? excelDate(born) : vn(born),
  'Số định danh cá nhân': newCitizenId(),
  'Nơi cư trú ổn định': 'Có',
  'Xã/phường cư trú': commune,
  'Xã/phường thụ lý': commune,
});

let serial = 0;
const key = (prefix: string) => `${prefix}-${String(++serial).padStart(4, '0')}`;

function patterns(): Pattern[] {
  const communeName = 'Xã thử caseload-import X2';
  const drugUser = (index: number): Row => ({
    'Mã dòng': key('A'),
    ...person(index, index % 3 === 0 ? communeName : province.communeId),
    'Ngày xét nghiệm dương tính': excelDate('2026-10-05'),
    'Số kết quả xét nghiệm': `XN-${index}`,
    'Số biên bản vi phạm': `BB-${index}`,
  });
  const compulsory = (index: number): Row => ({
    'Mã dòng': key('D'),
    ...person(index, province.communeId),
    'Căn cứ (khoản Điều 32 Luật 73/2021)': 1,
    'Ngày phát hiện căn cứ': vn('2026-09-01'),
  });
  const filed: Row = {
    'Ngày lập xong hồ sơ': excelDate('2026-09-10'),
    'Số kết quả xác định nghiện': 'KQ-17/2026',
    'Quản lý trong thời gian lập hồ sơ': 'gia đình',
    'Người lập hồ sơ': 'Đại úy Lê Văn Sổ',
    'Ngày thông báo cho người bị đề nghị': vn('2026-09-11'),
  };
  const voluntary = (index: number): Row => ({
    'Mã dòng': key('V'),
    ...person(index, secondCommune),
    'Hình thức cai nghiện': 'Tại cộng đồng',
    'Ngày đăng ký': vn('2026-11-02'),
  });
  const education = (index: number): Row => ({
    'Mã dòng': key('E'),
    ...person(index, province.communeId),
    'Căn cứ áp dụng': 'Vi phạm trật tự khác',
    'Ngày vi phạm': vn('2026-10-01'),
  });
  return [
    { sheet: 'Quản lý người sử dụng ma túy', count: 30, row: drugUser, expect: { step: 'DUM.DECISION', startDate: '2026-10-05' } },
    {
      sheet: 'Quản lý người sử dụng ma túy',
      count: 25,
      row: (index) => ({ ...drugUser(index), 'Ngày quyết định quản lý': vn('2026-10-09'), 'Số quyết định quản lý': `QĐ-${index}/2026`, 'Người ký quyết định': 'Chủ tịch Phạm Văn Ký' }),
      expect: { step: '' },
    },
    { sheet: 'Cai nghiện bắt buộc', count: 15, row: compulsory, expect: { step: 'CRA.D2', startDate: '2026-09-01' } },
    { sheet: 'Cai nghiện bắt buộc', count: 15, row: (index) => ({ ...compulsory(index), ...filed }), expect: { step: 'CRA.D5', startDate: '2026-09-11' } },
    {
      sheet: 'Cai nghiện bắt buộc',
      count: 15,
      row: (index) => ({ ...compulsory(index), ...filed, 'Ngày chuyển hồ sơ đến Tòa án': vn('2026-09-15'), 'Ngày Tòa án thụ lý': vn('2026-09-17'), 'Thẩm phán thụ lý': 'Thẩm phán Đỗ Thị Án' }),
      expect: { step: '' },
    },
    {
      sheet: 'Cai nghiện bắt buộc',
      count: 15,
      row: (index) => ({
        ...compulsory(index),
        ...filed,
        'Ngày chuyển hồ sơ đến Tòa án': vn('2026-09-15'),
        'Ngày Tòa án thụ lý': vn('2026-09-17'),
        'Ngày Tòa án quyết định': vn('2026-09-25'),
        'Quyết định của Tòa án': 'Áp dụng',
        'Thời hạn (tháng)': 12,
        'Số quyết định': `${index}/2026/QĐ-TA`,
        'Ngày tiếp nhận vào cơ sở': vn('2026-10-20'),
      }),
      expect: { step: '' },
    },
    { sheet: 'Cai nghiện tự nguyện', count: 20, row: voluntary, expect: { step: '', startDate: '2026-11-02' } },
    {
      sheet: 'Cai nghiện tự nguyện',
      count: 20,
      row: (index) => ({
        ...voluntary(index),
        'Ngày quyết định cai nghiện tại cộng đồng': vn('2026-11-05'),
        'Số quyết định': `QĐ-TN-${index}`,
        'Tổ chức cung cấp dịch vụ': 'Trạm y tế xã',
        'Người được giao theo dõi': 'Công an viên Trần Văn Theo',
        'Thời gian cai nghiện (tháng)': 6,
      }),
      expect: { step: '' },
    },
    { sheet: 'Giáo dục tại xã, phường', count: 20, row: education, expect: { step: '', startDate: '2026-10-01' } },
    {
      sheet: 'Giáo dục tại xã, phường',
      count: 20,
      row: (index) => ({
        ...education(index),
        'Ngày lập xong hồ sơ': vn('2026-10-06'),
        'Ngày thông báo': vn('2026-10-07'),
        'Ngày kiểm tra tính pháp lý': vn('2026-10-12'),
        'Ngày họp tư vấn': vn('2026-10-15'),
      }),
      expect: { step: '', startDate: '2026-10-15' },
    },
  ];
}

/** The five rows that must be refused, each with the column that says why. */
function badRows(): { sheet: string; row: Row; column: string }[] {
  return [
    { sheet: 'Cai nghiện bắt buộc', row: { 'Mã dòng': key('D'), ...person(900, province.communeId), 'Căn cứ (khoản Điều 32 Luật 73/2021)': 1, 'Ngày phát hiện căn cứ': '31/02/2026' }, column: 'Ngày phát hiện căn cứ' },
    { sheet: 'Cai nghiện bắt buộc', row: { 'Mã dòng': key('D'), ...person(901, province.communeId, '2012-01-01'), 'Căn cứ (khoản Điều 32 Luật 73/2021)': 1, 'Ngày phát hiện căn cứ': vn('2026-09-01') }, column: 'Ngày sinh' },
    { sheet: 'Quản lý người sử dụng ma túy', row: { 'Mã dòng': key('A'), ...person(902, 'Xã không có thật'), 'Xã/phường cư trú': 'Xã thử caseload-import X2', 'Ngày xét nghiệm dương tính': vn('2026-10-05'), 'Số kết quả xét nghiệm': 'XN', 'Số biên bản vi phạm': 'BB' }, column: 'Xã/phường thụ lý' },
    { sheet: 'Cai nghiện tự nguyện', row: { 'Mã dòng': key('V'), ...person(903, secondCommune), 'Hình thức cai nghiện': 'Ở nhà', 'Ngày đăng ký': vn('2026-11-02') }, column: 'Hình thức cai nghiện' },
    {
      sheet: 'Giáo dục tại xã, phường',
      row: { 'Mã dòng': key('E'), ...person(904, province.communeId), 'Căn cứ áp dụng': 'Vi phạm trật tự khác', 'Ngày vi phạm': vn('2026-10-01'), 'Ngày lập xong hồ sơ': vn('2026-10-06'), 'Ngày thông báo': vn('2026-10-03') },
      column: 'Ngày thông báo',
    },
  ];
}

interface Built {
  bytes: Buffer;
  patterns: Pattern[];
  /** By row key: its pattern. */
  expected: Map<string, Pattern>;
  bad: { sheet: string; row: number; column: string }[];
}

/** The template from the API, filled: the bad rows among the good ones, as a real book has them. */
async function buildWorkbook(template: Buffer): Promise<Built> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const expected = new Map<string, Pattern>();
  const bad: Built['bad'] = [];
  const append = (sheetName: string, row: Row): number => {
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) throw new Error(`the template has no sheet ${sheetName}`);
    const headings = (sheet.getRow(1).values as (string | undefined)[]).slice(1);
    for (const heading of Object.keys(row)) if (!headings.includes(heading)) throw new Error(`the sheet ${sheetName} has no column ${heading}`);
    const added = sheet.addRow(headings.map((heading) => row[heading ?? ''] ?? null));
    return added.number;
  };
  let index = 0;
  const bads = badRows();
  const all = patterns();
  for (const pattern of all)
    for (let n = 0; n < pattern.count; n += 1) {
      index += 1;
      const row = pattern.row(index);
      append(pattern.sheet, row);
      expected.set(String(row['Mã dòng']), pattern);
      if (index % 40 === 0) {
        const wrong = bads.shift();
        if (wrong) bad.push({ sheet: wrong.sheet, row: append(wrong.sheet, wrong.row), column: wrong.column });
      }
    }
  for (const wrong of bads) bad.push({ sheet: wrong.sheet, row: append(wrong.sheet, wrong.row), column: wrong.column });
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), patterns: all, expected, bad };
}

let built: Built;
let importId = '';

it('checks every row of the filled template and names each problem by sheet, row and column, writing nothing', async () => {
  const template = await request(api.app).get('/caseload-imports/template').set('Authorization', await as()).buffer(true).parse(binaryBody);
  expect(template.status).toBe(200);
  built = await buildWorkbook(template.body as Buffer);
  expect(built.expected.size).toBe(195);
  expect(built.bad).toHaveLength(5);

  const casesBefore = await api.db.case.count({ where: { jurisdictionId: { in: [province.communeId, secondCommune] } } });
  const dryRun = await upload(built.bytes, true);
  expect(dryRun.status).toBe(200);
  expect(dryRun.body).toMatchObject({ dryRun: true, rows: 200, toOpen: 195, rejected: 5, skipped: 0, ignoredSheets: [] });
  const named = (dryRun.body.problems as { sheet: string; row: number; column: string; message: string }[]).map((p) => `${p.sheet}|${p.row}|${p.column}`);
  expect([...new Set(named)].sort()).toEqual(built.bad.map((b) => `${b.sheet}|${b.row}|${b.column}`).sort());
  for (const problem of dryRun.body.problems as { message: string; messageEn: string }[]) {
    expect(problem.message.length).toBeGreaterThan(5);
    expect(problem.messageEn.length).toBeGreaterThan(5);
  }
  expect(await api.db.case.count({ where: { jurisdictionId: { in: [province.communeId, secondCommune] } } })).toBe(casesBefore);
  expect(await api.db.caseloadImport.count({ where: { provinceId: province.provinceId } })).toBe(0);
});

it('opens the 195 good rows at the phase their dates say, with only the current step open and its legal due date', async () => {
  const started = await upload(built.bytes, false);
  expect(started.status).toBe(202);
  importId = started.body.importId as string;
  expect(started.headers.location).toBe(`/caseload-imports/${importId}`);

  // Progress while it runs, then done.
  const done = await until(
    async () => {
      const progress = await request(api.app).get(`/caseload-imports/${importId}`).set('Authorization', await as());
      expect(progress.status).toBe(200);
      return progress.body.status === 'DONE' ? progress.body : undefined;
    },
    'the import to finish',
    240_000,
  );
  expect(done.byStatus).toEqual({ OPENED: 195, REJECTED: 5 });

  const rows = await api.db.caseloadImportRow.findMany({ where: { importId }, orderBy: { seq: 'asc' } });
  const opened = rows.filter((row) => row.status === 'OPENED');
  // Each case once, and the personal data of an opened row no longer kept with the import.
  expect(new Set(opened.map((row) => row.caseRef)).size).toBe(195);
  expect(opened.every((row) => row.body === null && row.cells === null)).toBe(true);
  expect(rows.filter((row) => row.status === 'REJECTED').every((row) => row.cells !== null && row.body === null)).toBe(true);

  const calendar = await new CalendarSource(api.db).current();
  const phases = new Map<Pattern, Set<string>>();
  const openStepsOf = new Map<Pattern, Set<string>>();
  for (const row of opened) {
    const pattern = built.expected.get(row.rowKey) as Pattern;
    const caseRow = await api.db.case.findUniqueOrThrow({ where: { id: row.caseRef as string } });
    expect(caseRow.phase).toBe(row.phase);
    phases.set(pattern, new Set([...(phases.get(pattern) ?? []), caseRow.phase]));
    const open = await api.db.step.findMany({ where: { caseRef: caseRow.id, status: 'OPEN' } });
    openStepsOf.set(pattern, new Set([...(openStepsOf.get(pattern) ?? []), open.map((step) => step.ruleKey).sort().join('+')]));
    for (const step of open) {
      const startDate = dateColumnToIso(step.startDate);
      if (pattern.expect.startDate) expect(startDate).toBe(pattern.expect.startDate);
      const rule = ruleBook.effectiveRule(step.ruleKey, startDate);
      expect(dateColumnToIso(step.dueDate)).toBe(computeDeadline({ rule, startDate, openedAt: step.openedAt.toISOString() }, calendar).dueDate);
    }
  }
  // Every row of a pattern ends alike, and each pattern further along ends elsewhere.
  expect([...phases.keys()]).toHaveLength(built.patterns.length);
  for (const seen of phases.values()) expect(seen.size).toBe(1);
  for (const [pattern, seen] of openStepsOf) {
    expect(seen.size).toBe(1);
    if (pattern.expect.step) expect([...seen][0]).toBe(pattern.expect.step);
  }
  const bySheet = (sheet: string) => [...phases.entries()].filter(([p]) => p.sheet === sheet).map(([, seen]) => [...seen][0]);
  for (const sheet of new Set(built.patterns.map((p) => p.sheet))) expect(new Set(bySheet(sheet)).size).toBe(bySheet(sheet).length);
});

it('records the past acts on their legal dates with the officials named on paper, and sends no reminder about the past', async () => {
  const rows = await api.db.caseloadImportRow.findMany({ where: { importId, status: 'OPENED', procedure: 'COMPULSORY_REHAB_ADULT' } });
  const admitted = [];
  for (const row of rows) {
    const page = await stack.driver.casePage(row.caseRef as string, coordinator);
    if (page.timeline.some((entry: { kind: string }) => entry.kind === 'ADMITTED')) admitted.push(page);
  }
  expect(admitted).toHaveLength(15);
  const timeline = admitted[0].timeline as { kind: string; on: string; details: Record<string, unknown> }[];
  expect(timeline.map((entry) => [entry.kind, entry.on])).toEqual(
    expect.arrayContaining([
      ['CASE_OPENED', '2026-09-01'],
      ['DOSSIER_FILED', '2026-09-10'],
      ['PERSON_NOTIFIED', '2026-09-11'],
      ['ADMITTED', '2026-10-20'],
    ]),
  );
  expect(timeline.find((entry) => entry.kind === 'DOSSIER_FILED')?.details.onPaperBy).toBe('Đại úy Lê Văn Sổ');
  expect(admitted[0].termEndOn).toBeDefined();

  const caseRefs = (await api.db.caseloadImportRow.findMany({ where: { importId, status: 'OPENED' }, select: { caseRef: true } })).map((row) => row.caseRef as string);
  const steps = await api.db.step.findMany({ where: { caseRef: { in: caseRefs } }, select: { id: true, status: true, dueDate: true } });
  const pastOrOverdue = steps.filter((step) => step.status === 'COMPLETED' || dateColumnToIso(step.dueDate) < new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
  expect(pastOrOverdue.length).toBeGreaterThan(100);
  expect(await api.db.notification.count({ where: { stepId: { in: pastOrOverdue.map((step) => step.id) } } })).toBe(0);
});

it('gives back the rejected rows as a workbook with their reasons, and opens nothing twice when the same book comes again', async () => {
  const rejected = await request(api.app).get(`/caseload-imports/${importId}/rejected`).set('Authorization', await as()).buffer(true).parse(binaryBody);
  expect(rejected.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(rejected.body as unknown as ArrayBuffer);
  const given: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const values = (row.values as unknown[]).slice(1);
      given.push(`${sheet.name}|${String(values.at(-2))}|${String(values.at(-1)).split(':')[0]}`);
    }),
  );
  expect(given.sort()).toEqual(built.bad.map((b) => `${b.sheet}|${b.row}|${b.column}`).sort());

  const casesBefore = await api.db.case.count({ where: { jurisdictionId: { in: [province.communeId, secondCommune] } } });
  const again = await upload(built.bytes, true);
  expect(again.body).toMatchObject({ rows: 200, toOpen: 0, skipped: 195, rejected: 5 });
  expect((again.body.skippedRows as { changed: boolean }[]).every((row) => !row.changed)).toBe(true);
  const second = await upload(built.bytes, false);
  expect(second.status).toBe(202);
  await until(async () => {
    const progress = await request(api.app).get(`/caseload-imports/${second.body.importId}`).set('Authorization', await as());
    return progress.body.status === 'DONE' ? progress.body : undefined;
  }, 'the second import to finish');
  expect(await api.db.case.count({ where: { jurisdictionId: { in: [province.communeId, secondCommune] } } })).toBe(casesBefore);

  // A corrected file that changes a row already imported: named, not written.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(built.bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Quản lý người sử dụng ma túy') as ExcelJS.Worksheet;
  const column = (sheet.getRow(1).values as string[]).indexOf('Số kết quả xét nghiệm');
  sheet.getRow(2).getCell(column).value = 'XN-SỬA';
  const changed = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), true);
  expect(changed.body).toMatchObject({ toOpen: 0, skipped: 195 });
  expect((changed.body.skippedRows as { row: number; changed: boolean; caseRef: string }[]).filter((row) => row.changed)).toEqual([
    expect.objectContaining({ row: 2, caseRef: expect.stringMatching(/^QL-/) }),
  ]);
});

it('imports the running cases of addiction determination, minors’ compulsory rehabilitation and trafficking victims at their phase', async () => {
  const template = await request(api.app).get('/caseload-imports/template').set('Authorization', await as()).buffer(true).parse(binaryBody);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.body as unknown as ArrayBuffer);
  // Dates a few days back: a determination's 5-day registration window must still be open when the test runs.
  const today = vietnamDate();
  const daysAgo = (n: number) => vn(addDays(today, -n));
  const expected = new Map<string, { phase: string; steps: string }>();
  const add = (sheetName: string, row: Row, phase: string, steps: string[]) => {
    const sheet = workbook.getWorksheet(sheetName) as ExcelJS.Worksheet;
    const headings = (sheet.getRow(1).values as (string | undefined)[]).slice(1);
    for (const heading of Object.keys(row)) if (!headings.includes(heading)) throw new Error(`the sheet ${sheetName} has no column ${heading}`);
    sheet.addRow(headings.map((heading) => row[heading ?? ''] ?? null));
    expected.set(String(row['Mã dòng']), { phase, steps: steps.sort().join('+') });
  };
  const determination = (index: number): Row => ({
    'Mã dòng': key('B'),
    ...person(index, province.communeId),
    'Trường hợp xác định (khoản 1 Điều 27 Luật 73/2021)': 'Tự nguyện',
    'Ngày đề nghị xác định': daysAgo(4),
  });
  add('Xác định tình trạng nghiện', determination(300), 'EXAMINATION', ['DET.EXAMINATION']);
  add('Xác định tình trạng nghiện', { ...determination(301), 'Ngày kết luận': daysAgo(1), 'Kết luận': 'Cần tiếp tục theo dõi', 'Số phiếu kết quả': 'PKQ-1' }, 'MONITORING', ['DET.MONITORING']);
  add(
    'Xác định tình trạng nghiện',
    { ...determination(302), 'Ngày kết luận': daysAgo(1), 'Kết luận': 'Nghiện ma túy', 'Nghiện chất dạng thuốc phiện': 'Có', 'Số phiếu kết quả': 'PKQ-2', 'Người kết luận': 'Bác sĩ Trần Thị Khám' },
    'AWAITING_REGISTRATION',
    ['DET.REGISTRATION'],
  );
  add(
    'Xác định tình trạng nghiện',
    { ...determination(303), 'Ngày kết luận': daysAgo(3), 'Kết luận': 'Cần tiếp tục theo dõi', 'Số phiếu kết quả': 'PKQ-3', 'Ngày kết luận sau theo dõi': daysAgo(1), 'Kết luận sau theo dõi': 'Không nghiện', 'Số phiếu kết quả sau theo dõi': 'PKQ-3B' },
    'CLOSED',
    [],
  );
  const minor = (index: number): Row => ({
    'Mã dòng': key('N'),
    ...person(index, province.communeId, '2011-05-01'),
    'Căn cứ (khoản Điều 32 Luật 73/2021)': 1,
    'Ngày phát hiện căn cứ': vn('2026-09-01'),
    'Họ tên cha, mẹ hoặc người giám hộ': 'Nguyễn Văn Cha',
    'Quan hệ': 'Cha',
  });
  add('Cai nghiện bắt buộc NCTN', minor(310), 'DOSSIER', ['CRM.DOSSIER']);
  add(
    'Cai nghiện bắt buộc NCTN',
    { ...minor(311), 'Ngày lập xong hồ sơ': vn('2026-09-08'), 'Người lập hồ sơ': 'Thiếu tá Lý Văn Hồ', 'Ngày thông báo cho cha mẹ, người giám hộ': vn('2026-09-09'), 'Hình thức thông báo': 'Bằng văn bản', 'Ngày chuyển hồ sơ đến Tòa án': vn('2026-09-14') },
    'AT_COURT',
    ['CRM.ACCEPTANCE'],
  );
  const victim = (index: number, born = '1998-02-03'): Row => ({
    'Mã dòng': key('H'),
    ...person(index, province.communeId, born),
    'Hình thức tiếp nhận': 'Tự khai báo',
    'Ngày tiếp nhận': daysAgo(6),
  });
  add(
    'Nạn nhân bị mua bán',
    {
      ...victim(320),
      'Ngày đưa đến UBND xã': daysAgo(6),
      'Ngày thông báo cơ quan xác minh': daysAgo(5),
      'Ngày có kết quả xác minh': daysAgo(3),
      'Kết quả xác minh': 'Xác định là nạn nhân',
      'Số giấy xác nhận nạn nhân': 'XN-NN-1',
      'Ngày đồng ý nhận hỗ trợ': daysAgo(2),
      'Các chế độ hỗ trợ': 'Nhu cầu thiết yếu, Trợ giúp pháp lý',
    },
    'SUPPORTING',
    ['TRF.SUPPORT_ESSENTIAL_NEEDS', 'TRF.SUPPORT_LEGAL_AID'],
  );
  // A child: the representative arranged on the day of reception, written in its own column after the others.
  add(
    'Nạn nhân bị mua bán',
    {
      ...victim(321, '2014-06-07'),
      'Ngày đưa đến UBND xã': daysAgo(5),
      'Ngày bố trí người đại diện (trẻ em dưới 16 tuổi)': daysAgo(6),
      'Người đại diện của trẻ em': 'Cha, mẹ',
      'Chăm sóc thay thế': 'Không',
      'Ngày thông báo cơ quan xác minh': daysAgo(5),
    },
    'VERIFYING',
    ['TRF.VERIFICATION'],
  );
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

  const dryRun = await upload(bytes, true);
  expect(dryRun.body).toMatchObject({ toOpen: expected.size, rejected: 0 });
  const started = await upload(bytes, false);
  expect(started.status).toBe(202);
  const done = await until(async () => {
    const progress = await request(api.app).get(`/caseload-imports/${started.body.importId}`).set('Authorization', await as());
    return progress.body.status === 'DONE' ? progress.body : undefined;
  }, 'the import to finish');
  expect(done.byStatus).toEqual({ OPENED: expected.size });
  const rows = await api.db.caseloadImportRow.findMany({ where: { importId: started.body.importId as string } });
  for (const row of rows) {
    const open = await api.db.step.findMany({ where: { caseRef: row.caseRef as string, status: 'OPEN' } });
    expect({ key: row.rowKey, phase: row.phase, steps: open.map((step) => step.ruleKey).sort().join('+') }).toEqual({ key: row.rowKey, ...expected.get(row.rowKey) });
  }
  // The child's representative is on record before the bringing to the commune, as it happened.
  const child = rows.find((row) => expected.get(row.rowKey)?.phase === 'VERIFYING') as (typeof rows)[number];
  const kinds = (await api.db.caseEvent.findMany({ where: { caseId: child.caseRef as string }, orderBy: { seq: 'asc' } })).map((event) => event.kind);
  expect(kinds.indexOf('CHILD_PROTECTION_RECORDED')).toBeLessThan(kinds.indexOf('VICTIM_BROUGHT_TO_COMMUNE'));
});

/** The registry before the 2025 reorganisation: a district, a commune of it merged into today's, their agencies (made once). */
let oldRegistry: Promise<{ district: string; oldCommune: string }> | undefined;
function registryBefore2025() {
  oldRegistry ??= (async () => {
    const district = `${province.provinceId}-H`;
    const oldCommune = `${district}-OLD`;
    const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
    await api.db.jurisdiction.create({ data: { id: district, level: 'DISTRICT', nameVi: 'Huyện cũ', nameEn: 'Old district', parentId: province.provinceId, path: `/${province.provinceId}/${district}/`, validFrom: day('1991-01-01'), validTo: day('2025-06-30') } });
    await api.db.jurisdiction.create({
      data: { id: oldCommune, level: 'COMMUNE', nameVi: 'Xã cũ', nameEn: 'Old commune', parentId: district, path: `/${province.provinceId}/${district}/${oldCommune}/`, validFrom: day('1991-01-01'), validTo: day('2025-06-30'), successorId: province.communeId },
    });
    for (const [id, kind, jurisdictionId, validTo, successorId] of [
      [`${oldCommune}-CA`, 'COMMUNE_POLICE', oldCommune, '2025-06-30', undefined],
      [`${oldCommune}-UBND`, 'COMMUNE_PEOPLES_COMMITTEE', oldCommune, '2025-06-30', undefined],
      [`${district}-LDTBXH`, 'DISTRICT_LABOUR_DIVISION', district, '2025-02-28', undefined],
      // Its work went to the drug division, as in the demo province.
      [`${district}-TUPHAP`, 'DISTRICT_JUSTICE_DIVISION', district, '2025-06-30', province.agency.drugDivision],
      [`${district}-TA`, 'DISTRICT_COURT', district, '2025-06-30', undefined],
    ] as const)
      await api.db.agency.create({ data: { id, kind, nameVi: id, nameEn: id, jurisdictionId, validFrom: day('1991-01-01'), validTo: day(validTo), ...(successorId ? { successorId } : {}) } });
    // The API reads the registry's units again within a second of a change: the import checks rows against it.
    await until(async () => ((await request(api.app).get(`/registry/jurisdictions/${oldCommune}`).set('Authorization', await as())).status === 200 ? true : undefined), 'the old commune in the registry');
    return { district, oldCommune };
  })();
  return oldRegistry;
}

/** The template with rows added to its sheets, by heading. */
async function workbookWith(rows: { sheet: string; row: Row }[]): Promise<Buffer> {
  const template = await request(api.app).get('/caseload-imports/template').set('Authorization', await as()).buffer(true).parse(binaryBody);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.body as unknown as ArrayBuffer);
  for (const { sheet: name, row } of rows) {
    const sheet = workbook.getWorksheet(name) as ExcelJS.Worksheet;
    const headings = (sheet.getRow(1).values as (string | undefined)[]).slice(1);
    for (const heading of Object.keys(row)) if (!headings.includes(heading)) throw new Error(`the sheet ${name} has no column ${heading}`);
    sheet.addRow(headings.map((heading) => row[heading ?? ''] ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

it('imports a case sent to the court before March 2025 with the owners of its time: the district labour division sent it, the district court has it', async () => {
  const { district, oldCommune } = await registryBefore2025();
  const row: Row = {
    'Mã dòng': key('D-2024'),
    ...person(400, oldCommune),
    'Căn cứ (khoản Điều 32 Luật 73/2021)': 1,
    'Ngày phát hiện căn cứ': vn('2024-10-01'),
    'Ngày lập xong hồ sơ': vn('2024-10-04'),
    'Số kết quả xác định nghiện': 'KQ-2024',
    'Quản lý trong thời gian lập hồ sơ': 'Gia đình',
    'Ngày thông báo cho người bị đề nghị': vn('2024-10-07'),
    'Ngày chuyển hồ sơ đến Tòa án': vn('2024-10-14'),
    'Người chuyển hồ sơ': 'Trưởng phòng Võ Văn Chuyển',
  };
  const started = await upload(await workbookWith([{ sheet: 'Cai nghiện bắt buộc', row }]), false);
  expect(started.body).toMatchObject({ toOpen: 1, rejected: 0 });
  await until(async () => {
    const progress = await request(api.app).get(`/caseload-imports/${started.body.importId}`).set('Authorization', await as());
    return progress.body.status === 'DONE' ? progress.body : undefined;
  }, 'the import to finish');
  const [imported] = await api.db.caseloadImportRow.findMany({ where: { importId: started.body.importId as string } });
  expect(imported).toMatchObject({ status: 'OPENED', phase: 'AT_COURT' });
  const steps = await api.db.step.findMany({ where: { caseRef: imported?.caseRef as string }, orderBy: { openedAt: 'asc' } });
  expect(steps.map((step) => [step.ruleKey, step.status, step.ownerAgencyId])).toEqual([
    ['CRA.D2', 'COMPLETED', `${oldCommune}-CA`],
    ['CRA.D3', 'COMPLETED', `${oldCommune}-CA`],
    ['CRA.D5', 'COMPLETED', `${district}-LDTBXH`],
    ['CRA.D6', 'OPEN', `${district}-TA`],
  ]);
});

it('imports cases begun under the 2014–2021 regime with the owners and limits of their time, and sends each row of the wrong era to its regime', async () => {
  const { district, oldCommune } = await registryBefore2025();
  const OLD = 'Cai nghiện bắt buộc 2014-2021';
  const oldCase = (index: number, groundsFoundOn: string): Row => ({
    'Mã dòng': key('CRO'),
    ...person(index, oldCommune),
    'Căn cứ (Điều 3 Nghị định 221/2013)': 2,
    'Ngày phát hiện căn cứ': vn(groundsFoundOn),
  });
  // At the justice division's check since November 2021.
  const atCheck: Row = {
    ...oldCase(420, '2021-11-01'),
    'Ngày lập xong hồ sơ': vn('2021-11-03'),
    'Người lập hồ sơ': 'Chủ tịch UBND xã Lê Văn Xã',
    'Số kết quả xác định nghiện': 'KQ-2021',
    'Quản lý trong thời gian lập hồ sơ': 'Gia đình',
    'Ngày thông báo cho người bị đề nghị': vn('2021-11-04'),
  };
  // Admitted in 2019 for 12 months, held in the facility while the dossier was processed: the term ended in 2020.
  const served: Row = {
    ...oldCase(421, '2019-09-02'),
    'Ngày lập xong hồ sơ': vn('2019-09-05'),
    'Số kết quả xác định nghiện': 'KQ-2019',
    'Quản lý trong thời gian lập hồ sơ': 'Cơ sở cai nghiện',
    'Tạm giữ tại cơ sở từ ngày': vn('2019-09-05'),
    'Ngày thông báo cho người bị đề nghị': vn('2019-09-06'),
    'Ngày Phòng Tư pháp xác nhận tính pháp lý': vn('2019-09-12'),
    'Ngày chuyển hồ sơ đến Tòa án': vn('2019-09-16'),
    'Ngày Tòa án thụ lý': vn('2019-09-18'),
    'Ngày Tòa án quyết định': vn('2019-10-01'),
    'Quyết định của Tòa án': 'Áp dụng',
    'Thời hạn (tháng)': 12,
    'Số quyết định': 'QĐ-2019',
    'Ngày tiếp nhận vào cơ sở': vn('2019-10-15'),
  };
  const tooLate = oldCase(422, '2023-02-01');
  const tooEarlyForToday: Row = { 'Mã dòng': key('D-2019'), ...person(423, oldCommune), 'Căn cứ (khoản Điều 32 Luật 73/2021)': 1, 'Ngày phát hiện căn cứ': vn('2019-05-06') };
  const bytes = await workbookWith([
    { sheet: OLD, row: atCheck },
    { sheet: OLD, row: served },
    { sheet: OLD, row: tooLate },
    { sheet: 'Cai nghiện bắt buộc', row: tooEarlyForToday },
  ]);

  const dryRun = await upload(bytes, true);
  expect(dryRun.body).toMatchObject({ toOpen: 2, rejected: 2 });
  const problems = dryRun.body.problems as { sheet: string; column: string; message: string; messageEn: string }[];
  expect(problems.map((problem) => [problem.sheet, problem.column]).sort()).toEqual([
    [OLD, 'Ngày phát hiện căn cứ'],
    ['Cai nghiện bắt buộc', 'Ngày phát hiện căn cứ'],
  ]);
  // Each names the procedure the row belongs to.
  expect(problems.find((problem) => problem.sheet === OLD)?.message).toContain('COMPULSORY_REHAB_ADULT ');
  expect(problems.find((problem) => problem.sheet !== OLD)?.message).toContain('COMPULSORY_REHAB_ADULT_2014');

  const started = await upload(bytes, false);
  await until(async () => {
    const progress = await request(api.app).get(`/caseload-imports/${started.body.importId}`).set('Authorization', await as());
    return progress.body.status === 'DONE' ? progress.body : undefined;
  }, 'the import to finish');
  const imported = await api.db.caseloadImportRow.findMany({ where: { importId: started.body.importId as string, status: 'OPENED' } });
  const caseOf = (row: Row) => imported.find((candidate) => candidate.rowKey === row['Mã dòng'])?.caseRef as string;
  const stepsOf = async (caseRef: string) =>
    (await api.db.step.findMany({ where: { caseRef, ruleKey: { not: 'CRO.LIMIT' } }, orderBy: { openedAt: 'asc' } })).map((step) => [step.ruleKey, step.status, step.ownerAgencyId]);

  // The commune chairman's dossier, then the district justice division's check, open since 2021 with its 7 working days.
  expect(await stepsOf(caseOf(atCheck))).toEqual([
    ['CRO.D2', 'COMPLETED', `${oldCommune}-UBND`],
    ['CRO.D3', 'COMPLETED', `${oldCommune}-UBND`],
    ['CRO.LEGALITY', 'OPEN', `${district}-TUPHAP`],
  ]);
  const check = await api.db.step.findFirstOrThrow({ where: { caseRef: caseOf(atCheck), ruleKey: 'CRO.LEGALITY' } });
  const calendar = await new CalendarSource(api.db).current();
  expect(dateColumnToIso(check.dueDate)).toBe(
    computeDeadline({ rule: ruleBook.effectiveRule('CRO.LEGALITY', '2021-11-04'), startDate: '2021-11-04', openedAt: check.openedAt.toISOString() }, calendar).dueDate,
  );
  expect(dateColumnToIso(check.dueDate) < '2021-12-01').toBe(true);
  // The drug division, which took the abolished division's work over, is offered the check; the commune is not.
  const page = await stack.driver.casePage(caseOf(atCheck), coordinator);
  expect(page.actionsForYou).toEqual(['CHECK_LEGALITY']);

  // The served term ended by itself in 2020: the facility's certificate step is open; completing it starts the
  // post-rehabilitation of the time, which ran out in 2022 and waits for its certificate.
  const servedRef = caseOf(served);
  await until(async () => ((await api.db.step.count({ where: { caseRef: servedRef, ruleKey: 'CRO.D13', status: 'OPEN' } })) > 0 ? true : undefined), 'the 2020 term to end');
  const steps = await stepsOf(servedRef);
  expect(steps.map(([ruleKey, status]) => `${ruleKey}:${status}`)).toEqual([
    'CRO.D2:COMPLETED', 'CRO.D3:COMPLETED', 'CRO.LEGALITY:COMPLETED', 'CRO.TRANSFER:COMPLETED', 'CRO.D6:COMPLETED', 'CRO.D8:COMPLETED', 'CRO.D11:COMPLETED', 'CRO.D13:OPEN',
  ]);
  expect(steps.find(([ruleKey]) => ruleKey === 'CRO.LEGALITY')?.[2]).toBe(`${district}-TUPHAP`);
  expect(steps.find(([ruleKey]) => ruleKey === 'CRO.TRANSFER')?.[2]).toBe(`${district}-LDTBXH`);
  const termEndOn = (await api.db.case.findUniqueOrThrow({ where: { id: servedRef } })).fields as { termEndOn: string };
  expect(termEndOn.termEndOn < '2020-10-15').toBe(true);
  const director = await province.addUser(`${province.provinceId}-CSCN`, ['FACILITY_DIRECTOR']);
  const completedOn = addDays(termEndOn.termEndOn, 1);
  await stack.driver.expectOk(servedRef, director, { type: 'COMPLETE_TREATMENT', on: completedOn, certificateRef: 'GCN-2020' });
  const postRehab = `PR-${servedRef}`;
  await until(async () => ((await api.db.step.count({ where: { caseRef: postRehab, ruleKey: 'PR.CERTIFICATE', status: 'OPEN' } })) > 0 ? true : undefined), 'the post-rehabilitation of 2020–2022 to run out');
  const firstCheckIn = await api.db.step.findFirstOrThrow({ where: { caseRef: postRehab, ruleKey: 'PR.CHECK_IN' }, orderBy: { openedAt: 'asc' } });
  expect(dateColumnToIso(firstCheckIn.startDate)).toBe(completedOn);
  // The province's figures for 2020 count the old regime's admission and completion with today's procedure D.
  const figures2020 = await figuresFromRecord(api.db, province.provinceId, { from: '2019-01-01', to: '2020-12-31' });
  expect(figures2020).toMatchObject({ admissions: 1, completions: 1 });
  expect((await figuresFromRecord(api.db, province.provinceId, { from: '2019-12-31', to: '2019-12-31' })).inTreatment).toBe(1);
  // Nothing about those past years is sent to anyone.
  const pastSteps = await api.db.step.findMany({ where: { caseRef: { in: [caseOf(atCheck), servedRef, postRehab] } }, select: { id: true } });
  expect(await api.db.notification.count({ where: { stepId: { in: pastSteps.map((step) => step.id) } } })).toBe(0);
});

it('refuses what is not a workbook, and other provinces’ imports', async () => {
  const garbage = await request(api.app).post('/caseload-imports').set('Authorization', await as()).set('Content-Type', XLSX).send(Buffer.from('PK\u0003\u0004 not really'));
  expect(garbage.status).toBe(400);
  expect(garbage.body.code).toBe('IMPORT.WORKBOOK_UNREADABLE');
  const csv = await request(api.app).post('/caseload-imports').set('Authorization', await as()).set('Content-Type', 'text/csv').send('Mã dòng,Xã/phường thụ lý\n1,X\n');
  expect(csv.status).toBe(400);
  // A NUL character (PostgreSQL cannot store it) refuses its row, named by column, in the real run too.
  const nul = await request(api.app)
    .post('/caseload-imports?dryRun=false&procedure=DRUG_USER_MANAGEMENT')
    .set('Authorization', await as())
    .set('Content-Type', 'text/csv')
    .send(`Mã dòng,Xã/phường thụ lý,Họ và tên,Ngày sinh,Nơi cư trú ổn định,Xã/phường cư trú,Ngày xét nghiệm dương tính,Số kết quả xét nghiệm,Số biên bản vi phạm\nNUL-1,${province.communeId},Tên\u0000X,01/01/1990,Có,${province.communeId},05/10/2026,XN,BB\n`);
  expect(nul.status).toBe(202);
  expect(nul.body).toMatchObject({ toOpen: 0, rejected: 1, problems: [expect.objectContaining({ row: 2, column: 'Họ và tên', messageEn: 'The value contains an invalid character (NUL)' })] });
  const other = await createTestProvince(api.db, 'caseload-import-other');
  const otherAdmin = await other.addUser(other.agency.provincialPolice, ['SYSTEM_ADMIN']);
  const foreign = await request(api.app).get(`/caseload-imports/${importId}`).set('Authorization', `Bearer ${await stack.driver.token(otherAdmin)}`);
  expect(foreign.status).toBe(404);
  const police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  const notAdmin = await request(api.app).get('/caseload-imports/template').set('Authorization', `Bearer ${await stack.driver.token(police)}`);
  expect(notAdmin.status).toBe(403);
});
