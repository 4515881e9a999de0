import {
  addMonths,
  monthsCovered,
  resolveMonthRange,
  vietnamMonth,
  vietnamMonthStart,
} from '../../api/performance/month-range';
import { Problem } from '../../api/http/problem';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof Problem) return error.toBody();
    throw error;
  }
  throw new Error('not refused');
};

describe('performance month ranges', () => {
  it('counts months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-11', -11)).toBe('2025-12');
    expect(monthsCovered('2024-01', '2026-12')).toBe(36);
    expect(monthsCovered('2026-03', '2026-02')).toBe(0);
  });

  it('takes the month in Vietnam (UTC+7), not in UTC', () => {
    expect(vietnamMonth(new Date('2026-03-31T16:59:59Z'))).toBe('2026-03');
    expect(vietnamMonth(new Date('2026-03-31T17:00:00Z'))).toBe('2026-04');
    expect(vietnamMonthStart('2026-04').toISOString()).toBe('2026-03-31T17:00:00.000Z');
  });

  it('defaults to the twelve months up to the current one', () => {
    // 20:00 UTC on 30 November is 03:00 on 1 December in Vietnam: December is the current month.
    const range = resolveMonthRange({}, new Date('2026-11-30T20:00:00Z'));
    expect([range.from, range.to, range.months.length]).toEqual(['2026-01', '2026-12', 12]);
    expect(range.start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(resolveMonthRange({ to: '2026-03' }).months).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(resolveMonthRange({ from: '2026-11' }, new Date('2026-11-01T00:00:00Z'))).toMatchObject({
      from: '2026-11',
      to: '2026-11',
      months: ['2026-11'],
    });
  });

  it('allows 36 months and refuses 37, and a range that ends before it starts, saying why in both languages', () => {
    expect(resolveMonthRange({ from: '2024-01', to: '2026-12' }).months).toHaveLength(36);
    const tooLong = refusal(() => resolveMonthRange({ from: '2023-12', to: '2026-12' }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.errors).toEqual([
      {
        field: 'query.from',
        message: 'Khoảng thời gian tối đa 36 tháng; từ 2023-12 đến 2026-12 là 37 tháng.',
        messageEn: 'The range may cover at most 36 months; 2023-12 to 2026-12 covers 37.',
      },
    ]);
    const backwards = refusal(() => resolveMonthRange({ from: '2026-05', to: '2026-03' }));
    expect(backwards.errors).toEqual([
      {
        field: 'query.from',
        message: 'Tháng bắt đầu (2026-05) sau tháng kết thúc (2026-03).',
        messageEn: 'The first month (2026-05) is after the last month (2026-03).',
      },
    ]);
  });
});
