import type { ProcedureFigure } from '../procedure-module';
import { Event } from './definition';

/** What procedure C adds to the periodic reports (the Kiên Giang plan counts voluntary admissions to a facility). */
export const voluntaryRehabFigures: readonly ProcedureFigure[] = [
  { key: 'voluntaryRegistrations', vi: 'Số người đăng ký cai nghiện tự nguyện', en: 'Voluntary rehabilitation registrations', count: { events: Event.VOLUNTARY_REGISTERED } },
  { key: 'voluntaryAdmissionsToFacility', vi: 'Số người cai nghiện tự nguyện tại cơ sở', en: 'Voluntary admissions to a facility', count: { events: Event.VOLUNTARY_ADMITTED } },
  {
    key: 'inVoluntaryTreatment',
    vi: 'Số người đang cai nghiện tự nguyện (cuối kỳ)',
    en: 'People in voluntary treatment (end of window)',
    count: { cases: 'VOLUNTARY_REHAB', startedBy: 'treatmentFrom', openAt: 'END' },
  },
  { key: 'voluntaryCompletions', vi: 'Số người hoàn thành cai nghiện tự nguyện', en: 'Voluntary treatments completed', count: { events: Event.VOLUNTARY_COMPLETED } },
];
