import { columnOf, rowToBody } from '../../caseload-import/caseload-row';
import { cellValue, dateOf, normalised, type RawCell } from '../../caseload-import/cell-values';
import { compulsoryRehabAdultCaseload } from '../../procedures/compulsory-rehab-adult/caseload';

/** The caseload import's reading of cells (issue #18): Excel dates, serials and dd/mm/yyyy text; choices; one row as an opening body. */
const noUnit = (text: string) => (text === 'SX-APL' || normalised(text) === 'xã an phú lạc' ? { id: 'SX-APL' } : { problem: { vi: `Không có ${text}`, en: `No ${text}` } });

describe('dates', () => {
  it('reads an Excel date cell, an Excel serial number, dd/mm/yyyy and yyyy-mm-dd text', () => {
    expect(dateOf(new Date('2026-10-05T00:00:00.000Z'))).toBe('2026-10-05');
    expect(dateOf(46300)).toBe('2026-10-05');
    expect(dateOf('5/10/2026')).toBe('2026-10-05');
    expect(dateOf('05.10.2026')).toBe('2026-10-05');
    expect(dateOf('2026-10-05')).toBe('2026-10-05');
  });

  it('refuses what is no date, naming it', () => {
    expect(dateOf('31/02/2026')).toBeUndefined();
    expect(dateOf('10/2026')).toBeUndefined();
    expect(cellValue('date', '32/10/2026', noUnit)).toEqual({ problem: { vi: '"32/10/2026" không phải ngày (dd/mm/yyyy)', en: '"32/10/2026" is not a date (dd/mm/yyyy)' } });
  });
});

describe('cells of other kinds', () => {
  it('gives back the leading zeros Excel dropped from an identity number typed as a number', () => {
    expect(cellValue('citizenId', 79203001234, noUnit)).toEqual({ value: '079203001234' });
    expect(cellValue('citizenId', '079203001234', noUnit)).toEqual({ value: '079203001234' });
  });

  it('reads a choice by its label in any case and spacing, or by its code; refuses another, listing the labels', () => {
    const kind = { choices: { 'Gia đình': 'FAMILY', 'Cơ sở cai nghiện': 'FACILITY' } };
    expect(cellValue(kind, '  gia   ĐÌNH ', noUnit)).toEqual({ value: 'FAMILY' });
    expect(cellValue(kind, 'FACILITY', noUnit)).toEqual({ value: 'FACILITY' });
    expect(cellValue(kind, 'Ở nhà', noUnit)).toEqual({ problem: { vi: '"Ở nhà" không có trong danh sách: Gia đình / Cơ sở cai nghiện', en: '"Ở nhà" is not one of: Gia đình / Cơ sở cai nghiện' } });
  });

  it('treats a blank cell as empty and a whole number written as text as a number', () => {
    expect(cellValue('text', '   ', noUnit)).toEqual({ empty: true });
    expect(cellValue('integer', '12', noUnit)).toEqual({ value: 12 });
    expect('problem' in cellValue('integer', '12,5', noUnit)).toBe(true);
    expect(cellValue('yesNo', 'Không', noUnit)).toEqual({ value: false });
  });
});

describe('a row of the compulsory rehabilitation sheet', () => {
  const cells = (values: Record<string, RawCell>) => new Map(Object.entries(values).map(([heading, value]) => [normalised(heading), value]));
  const base = {
    'Mã dòng': 'D-1',
    'Xã/phường thụ lý': 'Xã An Phú Lạc',
    'Họ và tên': 'Nguyễn Văn Sổ',
    'Ngày sinh': '10/10/1988',
    'Nơi cư trú ổn định': 'Có',
    'Xã/phường cư trú': 'SX-APL',
    'Căn cứ (khoản Điều 32 Luật 73/2021)': 1,
    'Ngày phát hiện căn cứ': '11/08/2026',
  };

  it('becomes the opening body with its acts in the sheet’s order, each with the official named on paper', () => {
    const { rowKey, body, problems } = rowToBody(
      'COMPULSORY_REHAB_ADULT',
      compulsoryRehabAdultCaseload,
      cells({ ...base, 'Ngày lập xong hồ sơ': '12/08/2026', 'Số kết quả xác định nghiện': 'KQ-1', 'Quản lý trong thời gian lập hồ sơ': 'Gia đình', 'Người lập hồ sơ': 'Đại úy Sổ', 'Ngày thông báo cho người bị đề nghị': '13/08/2026' }),
      noUnit,
    );
    expect(problems).toEqual([]);
    expect(rowKey).toBe('D-1');
    expect(body).toEqual({
      procedure: 'COMPULSORY_REHAB_ADULT',
      jurisdictionId: 'SX-APL',
      person: { fullName: 'Nguyễn Văn Sổ', birthDate: '1988-10-10', residenceStatus: 'STABLE', residenceJurisdictionId: 'SX-APL' },
      legalGround: 1,
      groundsFoundOn: '2026-08-11',
      pastActs: [
        { action: { type: 'FILE_DOSSIER', on: '2026-08-12', addictionResultRef: 'KQ-1', interimArrangement: { kind: 'FAMILY' } }, onPaperBy: 'Đại úy Sổ' },
        { action: { type: 'NOTIFY_PERSON', on: '2026-08-13' } },
      ],
    });
    expect(columnOf(compulsoryRehabAdultCaseload, body, 'body.pastActs.0.action.interimArrangement.heldFrom')).toBe('Tạm giữ tại cơ sở từ ngày');
    expect(columnOf(compulsoryRehabAdultCaseload, body, 'body.person.birthDate')).toBe('Ngày sinh');
    expect(columnOf(compulsoryRehabAdultCaseload, body, 'body.pastActs.1.on')).toBe('Ngày thông báo cho người bị đề nghị');
  });

  it('names a step’s details written without its date, and steps out of order, by column', () => {
    const { problems } = rowToBody(
      'COMPULSORY_REHAB_ADULT',
      compulsoryRehabAdultCaseload,
      cells({ ...base, 'Số quyết định': '1/QĐ', 'Ngày lập xong hồ sơ': '20/08/2026', 'Số kết quả xác định nghiện': 'KQ-1', 'Quản lý trong thời gian lập hồ sơ': 'Gia đình', 'Ngày thông báo cho người bị đề nghị': '13/08/2026' }),
      noUnit,
    );
    expect(problems.map((problem) => problem.column)).toEqual(['Ngày thông báo cho người bị đề nghị', 'Ngày Tòa án quyết định']);
  });

  it('requires the row key', () => {
    const { problems } = rowToBody('COMPULSORY_REHAB_ADULT', compulsoryRehabAdultCaseload, cells({ ...base, 'Mã dòng': null }), noUnit);
    expect(problems.map((problem) => problem.column)).toEqual(['Mã dòng']);
  });
});
