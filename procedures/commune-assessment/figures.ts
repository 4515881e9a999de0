import type { ProcedureFigure } from '../procedure-module';
import { Event } from './definition';

/** What procedure J adds to the periodic reports: communes recognised in the window, by programme. */
export const communeAssessmentFigures: readonly ProcedureFigure[] = [
  {
    key: 'healthyCommunesRecognised',
    vi: 'Số xã, phường được công nhận lành mạnh không có tệ nạn ma túy, mại dâm',
    en: 'Communes recognised as healthy (free of drug and prostitution evils)',
    count: { events: Event.ASSESSMENT_DECIDED, where: { detail: 'recognisedIn', equals: 'HEALTHY_COMMUNE' } },
  },
  {
    key: 'drugFreeCommunesRecognised',
    vi: 'Số xã, phường được công nhận không ma túy',
    en: 'Communes recognised as drug-free',
    count: { events: Event.ASSESSMENT_DECIDED, where: { detail: 'recognisedIn', equals: 'DRUG_FREE_COMMUNE' } },
  },
];
