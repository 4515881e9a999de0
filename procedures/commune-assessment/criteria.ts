import { z } from 'zod';
import { RecognisedLevel, type CriteriaSet, type Programme } from './scoring';

/**
 * The criteria a commune is scored against (domain/procedures.md §12). Neither the healthy-commune
 * thresholds of NQLT 01/2008 nor the content of QĐ 28/2025/QĐ-TTg has been read, so the criteria
 * are data: versioned per province, programme and year, entered by the province; until it enters
 * its own, the example sets below apply, marked as examples wherever they show.
 */

const text = z.string().trim().min(3).max(300);

export const criterionSchema = z.object({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9._-]{0,19}$/, 'Mã tiêu chí: chữ in hoa, số, . _ - / upper-case letters, digits, . _ -'),
  vi: text,
  en: text,
  maxScore: z.number().int().min(1).max(100),
  /** Met in full (its maximum) or no recognition at all, whatever the total. */
  required: z.boolean().default(false),
});

export const levelSchema = z.object({
  code: z.enum(RecognisedLevel),
  vi: text,
  en: text,
  /** The total score from which the level is reached (with every required criterion met). */
  minScore: z.number().int().min(0).max(6000),
});

/** What a province enters: checked on write, so a running assessment never meets a broken set. */
export const criteriaSetBody = z
  .object({
    criteria: z.array(criterionSchema).min(1).max(60),
    levels: z.array(levelSchema).min(1).max(RecognisedLevel.length),
    source: text.meta({ description: 'The province’s decision or plan that sets these criteria' }),
    note: z.string().trim().max(1000).optional(),
  })
  .superRefine((set, ctx) => {
    const codes = set.criteria.map((criterion) => criterion.code);
    codes.forEach((code, index) => {
      if (codes.indexOf(code) !== index)
        ctx.addIssue({ code: 'custom', path: ['criteria', index, 'code'], message: `Mã tiêu chí ${code} bị trùng / duplicate criterion code` });
    });
    const total = set.criteria.reduce((sum, criterion) => sum + criterion.maxScore, 0);
    const seen = new Set<string>();
    set.levels.forEach((level, index) => {
      if (seen.has(level.code))
        ctx.addIssue({ code: 'custom', path: ['levels', index, 'code'], message: `Mức ${level.code} bị trùng / duplicate level` });
      seen.add(level.code);
      if (level.minScore > total)
        ctx.addIssue({
          code: 'custom',
          path: ['levels', index, 'minScore'],
          message: `Điểm tối thiểu ${level.minScore} vượt tổng điểm tối đa ${total} / above the highest possible total ${total}`,
        });
    });
    const good = set.levels.find((level) => level.code === 'GOOD');
    const recognised = set.levels.find((level) => level.code === 'RECOGNISED');
    if (good && recognised && good.minScore < recognised.minScore)
      ctx.addIssue({
        code: 'custom',
        path: ['levels'],
        message: 'Mức "Tốt" phải cần điểm không thấp hơn mức "Đạt" / GOOD needs at least the score of RECOGNISED',
      });
  });
export type CriteriaSetBody = z.output<typeof criteriaSetBody>;


const EXAMPLE_SOURCE = 'VÍ DỤ của phần mềm, không phải văn bản pháp luật / The software’s EXAMPLE, not the law';

/** Shown until a province enters its own set for the year: illustrations, marked as such by `example` on every screen. */
export const exampleCriteriaSets: Record<Programme, CriteriaSetBody> = {
  HEALTHY_COMMUNE: {
    source: EXAMPLE_SOURCE,
    note: 'Tiêu chí và ngưỡng điểm của NQLT 01/2008 chưa được xác minh; tỉnh nhập bộ tiêu chí của mình. / NQLT 01/2008 criteria and thresholds are unconfirmed; the province enters its own.',
    criteria: [
      { code: 'LM1', vi: 'Không có tụ điểm, điểm phức tạp về ma túy, mại dâm', en: 'No drug or prostitution hotspot', maxScore: 20, required: true },
      { code: 'LM2', vi: 'Người sử dụng trái phép chất ma túy, người nghiện được quản lý, hỗ trợ cai nghiện', en: 'Drug users and addicts managed and helped to rehabilitation', maxScore: 20, required: false },
      { code: 'LM3', vi: 'Cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn được kiểm tra, không vi phạm', en: 'Establishments prone to social evils inspected, without violations', maxScore: 15, required: false },
      { code: 'LM4', vi: 'Tuyên truyền phòng, chống tệ nạn xã hội thường xuyên', en: 'Regular prevention campaigns', maxScore: 15, required: false },
      { code: 'LM5', vi: 'Người sau cai nghiện, người bán dâm hoàn lương được hỗ trợ tái hòa nhập', en: 'People after rehabilitation or leaving prostitution helped to reintegrate', maxScore: 15, required: false },
      { code: 'LM6', vi: 'Báo cáo định kỳ đầy đủ, đúng hạn', en: 'Periodic reports complete and on time', maxScore: 15, required: false },
    ],
    levels: [
      { code: 'GOOD', vi: 'Lành mạnh, mức tốt', en: 'Healthy, good', minScore: 90 },
      { code: 'RECOGNISED', vi: 'Lành mạnh', en: 'Healthy', minScore: 70 },
    ],
  },
  DRUG_FREE_COMMUNE: {
    source: EXAMPLE_SOURCE,
    note: 'Nội dung tiêu chí của QĐ 28/2025/QĐ-TTg chưa được xác minh; tỉnh nhập bộ tiêu chí của mình. / The content of QĐ 28/2025/QĐ-TTg is unconfirmed; the province enters its own.',
    criteria: [
      { code: 'KMT1', vi: 'Không có điểm, tụ điểm phức tạp về ma túy', en: 'No drug hotspot', maxScore: 25, required: true },
      { code: 'KMT2', vi: 'Không phát sinh người nghiện mới trong năm', en: 'No new addict during the year', maxScore: 25, required: true },
      { code: 'KMT3', vi: 'Người nghiện, người sử dụng trái phép được quản lý và áp dụng biện pháp cai nghiện', en: 'Addicts and users managed and in rehabilitation', maxScore: 25, required: false },
      { code: 'KMT4', vi: 'Tội phạm ma túy phát sinh được phát hiện, xử lý kịp thời', en: 'Drug offences detected and handled promptly', maxScore: 25, required: false },
    ],
    levels: [{ code: 'RECOGNISED', vi: 'Xã không ma túy', en: 'Drug-free commune', minScore: 90 }],
  },
};

export const exampleCriteriaSet = (programme: Programme, year: number): CriteriaSet => ({
  ...exampleCriteriaSets[programme],
  id: `EXAMPLE:${programme}:v1`,
  programme,
  year,
  version: 1,
  example: true,
  provinceId: null,
});
