import type { ProcedureFigure } from '../procedure-module';
import { Event } from './definition';

const conclusion = (result: string) => ({ events: Event.CONCLUSION_RECORDED, where: { detail: 'result', equals: result } });

/** What procedure B adds to the periodic reports. */
export const addictionDeterminationFigures: readonly ProcedureFigure[] = [
  { key: 'determinationsRequested', vi: 'Số trường hợp đề nghị xác định tình trạng nghiện', en: 'Determinations requested', count: { events: Event.DETERMINATION_REQUESTED } },
  { key: 'determinedAddicted', vi: 'Trong đó: xác định là người nghiện', en: 'of which: found addicted', count: conclusion('ADDICTED') },
  { key: 'determinedNotAddicted', vi: 'Trong đó: không nghiện', en: 'of which: not addicted', count: conclusion('NOT_ADDICTED') },
  { key: 'determinationsMonitored', vi: 'Trong đó: cần tiếp tục theo dõi', en: 'of which: further monitoring', count: conclusion('FURTHER_MONITORING') },
];
