import type { ProcedureFigure } from '../procedure-module';
import { Event } from './definition';

/** What procedure G adds to the periodic reports: measures decided, under way and completed. */
export const educationAtCommuneFigures: readonly ProcedureFigure[] = [
  {
    key: 'educationMeasuresDecided',
    vi: 'Số quyết định áp dụng biện pháp giáo dục tại xã',
    en: 'Education measures decided',
    count: { events: Event.EDUCATION_DECIDED, where: { detail: 'outcome', equals: 'APPLY' } },
  },
  {
    key: 'educationMeasuresUnderWay',
    vi: 'Số người đang chấp hành biện pháp giáo dục tại xã (cuối kỳ)',
    en: 'Education measures under way (end of window)',
    count: { cases: 'EDUCATION_AT_COMMUNE', startedBy: 'measureFrom', endedBy: 'completedOn', openAt: 'END' },
  },
  { key: 'educationMeasuresCompleted', vi: 'Số người chấp hành xong biện pháp giáo dục tại xã', en: 'Education measures completed', count: { events: Event.EDUCATION_COMPLETED } },
];
