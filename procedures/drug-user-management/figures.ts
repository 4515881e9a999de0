import type { ProcedureFigure } from '../procedure-module';
import { Event } from './definition';

/** What procedure A adds to the periodic reports. */
export const drugUserManagementFigures: readonly ProcedureFigure[] = [
  { key: 'drugUsersRegistered', vi: 'Số người sử dụng trái phép chất ma túy được lập hồ sơ', en: 'Drug users registered after a positive test', count: { events: Event.USER_REGISTERED } },
  {
    key: 'drugUsersUnderManagement',
    vi: 'Số người sử dụng trái phép chất ma túy đang được quản lý (cuối kỳ)',
    en: 'Drug users under management (end of window)',
    count: { cases: 'DRUG_USER_MANAGEMENT', startedBy: 'managementFrom', openAt: 'END' },
  },
];
