import type { ProcedureFigure } from '../procedure-module';
import { Event } from './definition';

/** What procedure I adds to the periodic reports: the teams' inspections and their follow-up. */
export const inspection178Figures: readonly ProcedureFigure[] = [
  { key: 'establishmentsInspected', vi: 'Số lượt kiểm tra cơ sở kinh doanh dịch vụ (Đoàn 178)', en: 'Establishment inspections (team 178)', count: { events: Event.INSPECTION_RECORDED } },
  {
    key: 'surpriseInspections',
    vi: 'Số lượt kiểm tra đột xuất',
    en: 'Surprise inspections',
    count: { events: Event.INSPECTION_RECORDED, where: { detail: 'surprise', equals: 'true' } },
  },
  {
    key: 'inspectionViolations',
    vi: 'Số lượt kiểm tra phát hiện vi phạm',
    en: 'Inspections that found a violation',
    count: { events: Event.INSPECTION_RECORDED, where: { detail: 'result', equals: 'VIOLATION' } },
  },
  { key: 'sanctionsDecided', vi: 'Số quyết định xử lý vi phạm', en: 'Sanctions decided', count: { events: Event.SANCTION_DECIDED } },
];
