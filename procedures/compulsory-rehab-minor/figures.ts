import type { ProcedureFigure } from '../procedure-module';
import { Event } from './definition';

/** What procedure E adds to the periodic reports: minors' dossiers, decisions and admissions. */
export const compulsoryRehabMinorFigures: readonly ProcedureFigure[] = [
  { key: 'minorDossiersCompiled', vi: 'Số hồ sơ đề nghị đưa người chưa thành niên vào cơ sở cai nghiện bắt buộc', en: 'Minors’ dossiers compiled', count: { events: Event.MINOR_DOSSIER_FILED } },
  {
    key: 'minorDecisionsSend',
    vi: 'Quyết định đưa người chưa thành niên vào cơ sở cai nghiện bắt buộc',
    en: 'Decisions to send a minor to compulsory rehabilitation',
    count: { events: Event.MINOR_DECISION_RECORDED, where: { detail: 'outcome', equals: 'SEND' } },
  },
  { key: 'minorAdmissions', vi: 'Số người chưa thành niên được tiếp nhận vào cơ sở', en: 'Minors admitted to a facility', count: { events: Event.MINOR_ADMITTED } },
];
