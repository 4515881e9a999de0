import { PROCEDURES } from '../../procedures/registry';

/**
 * What a periodic report counts. RECORD figures are prefilled from the cases and steps in
 * Postgres; MANUAL ones (vocational classes) are not in the record and are entered by the unit.
 * Headings are the Vietnamese of the forms officials know, with English alongside.
 */
export interface FigureDefinition {
  key: FigureKey;
  vi: string;
  en: string;
  source: 'RECORD' | 'MANUAL';
}

const CORE_KEYS = [
  'dossiersCompiled',
  'dossiersWithoutStableResidence',
  'sentToCourt',
  'decisionsApply',
  'decisionsNotApply',
  'decisionsSuspended',
  'decisionsTemporarilySuspended',
  'admissions',
  'inTreatment',
  'completions',
  'underPostRehab',
  'relapses',
  'stepsOverdue',
  'stepsCompletedLate',
  'vocationalClasses',
  'vocationalTrainees',
] as const;

/** A figure's key: the core ones above (procedure D, steps, vocational classes) or one a procedure module adds. */
export type FigureKey = string;
export type Figures = Record<FigureKey, number>;

const CORE_FIGURES: readonly FigureDefinition[] = [
  { key: 'dossiersCompiled', source: 'RECORD', vi: 'Số hồ sơ đề nghị đưa vào cơ sở cai nghiện bắt buộc đã lập', en: 'Compulsory-rehabilitation dossiers compiled' },
  { key: 'dossiersWithoutStableResidence', source: 'RECORD', vi: 'Trong đó: người không có nơi cư trú ổn định', en: 'of which: people without stable residence' },
  { key: 'sentToCourt', source: 'RECORD', vi: 'Số hồ sơ đã chuyển Tòa án', en: 'Dossiers sent to the court' },
  { key: 'decisionsApply', source: 'RECORD', vi: 'Quyết định áp dụng biện pháp', en: 'Decisions: measure applied' },
  { key: 'decisionsNotApply', source: 'RECORD', vi: 'Quyết định không áp dụng biện pháp', en: 'Decisions: measure not applied' },
  { key: 'decisionsSuspended', source: 'RECORD', vi: 'Quyết định đình chỉ', en: 'Decisions: proceedings ended' },
  { key: 'decisionsTemporarilySuspended', source: 'RECORD', vi: 'Quyết định tạm đình chỉ', en: 'Decisions: proceedings suspended' },
  { key: 'admissions', source: 'RECORD', vi: 'Số người được tiếp nhận vào cơ sở cai nghiện bắt buộc', en: 'Admissions to compulsory rehabilitation' },
  { key: 'inTreatment', source: 'RECORD', vi: 'Số người đang cai nghiện bắt buộc (cuối kỳ)', en: 'People in compulsory treatment (end of window)' },
  { key: 'completions', source: 'RECORD', vi: 'Số người chấp hành xong quyết định', en: 'Treatments completed' },
  { key: 'underPostRehab', source: 'RECORD', vi: 'Số người đang quản lý sau cai nghiện (cuối kỳ)', en: 'People under post-rehabilitation management (end of window)' },
  { key: 'relapses', source: 'RECORD', vi: 'Số người tái nghiện', en: 'Relapses (new case after post-rehabilitation)' },
  { key: 'stepsOverdue', source: 'RECORD', vi: 'Số bước xử lý đang quá hạn', en: 'Steps overdue now' },
  { key: 'stepsCompletedLate', source: 'RECORD', vi: 'Số bước hoàn thành trễ hạn trong kỳ', en: 'Steps completed late in the window' },
  { key: 'vocationalClasses', source: 'MANUAL', vi: 'Số lớp dạy nghề đã tổ chức', en: 'Vocational classes held' },
  { key: 'vocationalTrainees', source: 'MANUAL', vi: 'Số học viên được dạy nghề', en: 'Vocational trainees' },
];

/** Every figure: the core ones, then each procedure's own (procedures/<name>/figures.ts), in the registry's order. */
export const FIGURES: readonly FigureDefinition[] = [
  ...CORE_FIGURES,
  ...PROCEDURES.flatMap((procedure) =>
    (procedure.figures ?? []).map((figure): FigureDefinition => ({ key: figure.key, vi: figure.vi, en: figure.en, source: 'RECORD' })),
  ),
];
export const FIGURE_KEYS = FIGURES.map((figure) => figure.key) as [FigureKey, ...FigureKey[]];
export { CORE_KEYS };

export const emptyFigures = (): Figures =>
  Object.fromEntries(FIGURE_KEYS.map((key) => [key, 0])) as Figures;

/** Figures that are a percentage of two others: computed after counting, and again after summing units. */
const PERCENTS = PROCEDURES.flatMap((procedure) =>
  (procedure.figures ?? []).flatMap((figure) => ('percentOf' in figure.count ? [{ key: figure.key, ...figure.count }] : [])),
);

export function withPercents(figures: Figures): Figures {
  for (const { key, percentOf, over } of PERCENTS) {
    const denominator = figures[over] ?? 0;
    figures[key] = denominator > 0 ? Math.round(((figures[percentOf] ?? 0) * 100) / denominator) : 0;
  }
  return figures;
}

export function sumFigures(all: readonly Figures[]): Figures {
  const total = emptyFigures();
  for (const figures of all) for (const key of FIGURE_KEYS) total[key] = (total[key] ?? 0) + (figures[key] ?? 0);
  return withPercents(total);
}
