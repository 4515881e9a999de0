import type { ProcedureFigure } from '../procedure-module';
import { Event } from './definition';

const underManagement = (months: string, orMissing: boolean) =>
  ({ cases: 'POST_REHAB', startedBy: 'startedOn', openAt: 'END', where: { field: 'months', equals: months, orMissing } }) as const;

/** What procedure F adds to the periodic reports; the relapse rate is the plans' (relapses ÷ people managed in the window). */
export const postRehabFigures: readonly ProcedureFigure[] = [
  { key: 'postRehabOneYear', vi: 'Số người quản lý sau cai nghiện 1 năm (cuối kỳ)', en: 'Under 1-year post-rehabilitation (end of window)', count: underManagement('12', false) },
  { key: 'postRehabTwoYears', vi: 'Số người quản lý sau cai nghiện 2 năm (cuối kỳ)', en: 'Under 2-year post-rehabilitation (end of window)', count: underManagement('24', true) },
  {
    key: 'postRehabManagedInWindow',
    vi: 'Số người được quản lý sau cai nghiện trong kỳ',
    en: 'People under post-rehabilitation at some time in the window',
    count: { cases: 'POST_REHAB', startedBy: 'startedOn', openAt: 'ANY_TIME' },
  },
  { key: 'relapsesConfirmed', vi: 'Số người tái nghiện trong thời gian quản lý sau cai nghiện', en: 'Relapses confirmed during post-rehabilitation', count: { events: Event.RELAPSED } },
  { key: 'relapseRatePercent', vi: 'Tỷ lệ tái nghiện (%)', en: 'Relapse rate (%)', count: { percentOf: 'relapsesConfirmed', over: 'postRehabManagedInWindow' } },
  {
    key: 'supportedIntoWork',
    vi: 'Số người sau cai nghiện được hỗ trợ dạy nghề, việc làm',
    en: 'People supported into training or work',
    count: { events: Event.CHECK_IN_RECORDED, where: { detail: 'support', includesAny: ['VOCATIONAL_TRAINING', 'JOB'] }, distinctPeople: true },
  },
];
