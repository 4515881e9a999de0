import type { ProcedureFigure } from '../procedure-module';
import { Event } from './definition';

/** Below the province, counts under 5 are reported as 0: a small number could point to a victim. */
const SUPPRESS_UNDER = 5;
const note = { vi: ' (dưới cấp tỉnh, số nhỏ hơn 5 ghi 0)', en: ' (below the province, counts under 5 show as 0)' };
const figure = (key: string, vi: string, en: string, count: ProcedureFigure['count']): ProcedureFigure => ({
  key,
  vi: vi + note.vi,
  en: en + note.en,
  count,
  suppressBelowProvinceUnder: SUPPRESS_UNDER,
});

/** What procedure H adds to the periodic reports. */
export const traffickingVictimFigures: readonly ProcedureFigure[] = [
  figure('victimsReceived', 'Số người được tiếp nhận (nghi là nạn nhân bị mua bán)', 'People received as possible trafficking victims', { events: Event.VICTIM_RECEIVED }),
  figure('victimsIdentified', 'Số người được xác định là nạn nhân', 'People identified as victims', {
    events: Event.VICTIM_VERIFIED,
    where: { detail: 'result', equals: 'IDENTIFIED' },
  }),
  figure('victimsSupported', 'Số nạn nhân được hỗ trợ', 'Victims who agreed to support', { events: Event.SUPPORT_AGREED }),
  figure('victimsRefusedSupport', 'Số nạn nhân từ chối hỗ trợ', 'Victims who refused support', { events: Event.SUPPORT_REFUSED }),
];
