import type { Db } from '../../db/client';
import { ageOn } from '../../domain/time/age';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import type { Prisma } from '../../generated/prisma/client';
import type { ProcedureModule } from '../../procedures/procedure-module';
import { PROCEDURES, procedureByCode } from '../../procedures/registry';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { Problem, problems } from '../http/problem';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';

/**
 * What opening a case checks before anything is written, whoever opens it: the commune is the
 * caller's, the residence exists, the legal date is not in the future, the ages and the
 * procedure apply, the rule book has a version for the date, the commune existed on it. `POST
 * /cases` answers the first problem; the caseload import names it against its row and column.
 */
export async function checkOpening(
  deps: { db: Db; directory: JurisdictionDirectory },
  module: ProcedureModule,
  principal: Principal,
  body: Record<string, unknown>,
) {
  const { db, directory } = deps;
  const opening = module.opening;
  if (!opening) throw new Error(`procedure ${module.definition.code} has no opening`);
  const scope = await directory.scope();
  assertCovers(scope, principal, opening.jurisdictionOf(body));
  const residence = opening.residenceOf?.(body);
  if (residence !== undefined && !scope.has(residence))
    throw problems.invalidRequest([
      {
        field: 'body.person.residenceJurisdictionId',
        message: 'Không có đơn vị hành chính này',
        messageEn: 'No such administrative unit',
      },
    ]);
  const legalDate = opening.legalDateOf(body);
  if (legalDate.date > vietnamDate())
    throw problems.invalidRequest([
      { field: `body.${legalDate.field}`, message: 'Ngày không được ở tương lai', messageEn: 'The date cannot be in the future' },
    ]);
  assertAgeApplies(module, opening.birthDateOf?.(body), legalDate.date);
  assertRulesInForce(module, legalDate);
  const lookedUp = await opening.lookUp?.(body, db);
  const notApplicable = [...(opening.check?.(body) ?? []), ...(lookedUp?.problems ?? [])];
  if (notApplicable.length > 0)
    throw new Problem(
      422,
      'CASE.PROCEDURE_NOT_APPLICABLE',
      { vi: 'Thủ tục không áp dụng cho trường hợp này', en: 'The procedure does not apply to this case' },
      {
        vi: notApplicable.map((problem) => problem.message).join('; '),
        en: notApplicable.map((problem) => problem.messageEn).join('; '),
      },
      { errors: notApplicable },
    );
  await assertUnitInForce(db, opening.jurisdictionOf(body), legalDate.date);
  return { scope, lookedUp, legalDate };
}

/** The procedure of the same group whose ages include this one (the minors' for a 16-year-old). */
function procedureForAge(module: ProcedureModule, age: number): ProcedureModule | undefined {
  const group = module.definition.ageGroup;
  if (!group) return undefined;
  return PROCEDURES.find((candidate) => {
    const range = candidate.definition.appliesTo;
    return (
      candidate !== module &&
      candidate.definition.ageGroup === group &&
      range !== undefined &&
      (range.minYears === undefined || age >= range.minYears) &&
      (range.belowYears === undefined || age < range.belowYears)
    );
  });
}

/** Claims a subject's only case (a commune's assessment of a year): a second opening is refused, naming the first. */
export async function claimSubject(tx: Prisma.TransactionClient, key: string, caseRef: string): Promise<void> {
  const claimed = await tx.$queryRaw<{ caseRef: string }[]>`
    INSERT INTO case_subjects (key, case_ref) VALUES (${key}, ${caseRef})
    ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
    RETURNING case_ref AS "caseRef"`;
  const existing = claimed[0]?.caseRef;
  if (existing !== undefined && existing !== caseRef)
    throw new Problem(
      409,
      'CASE.SUBJECT_HAS_CASE',
      { vi: 'Đã có hồ sơ cho đối tượng này', en: 'This subject already has its case' },
      { vi: `Đã mở hồ sơ ${existing} cho ${key}.`, en: `Case ${existing} is already open for ${key}.` },
      { caseRef: existing },
    );
}

/** A person outside the ages the procedure applies to on the legal date: 422, naming the ages and the procedure that applies. */
function assertAgeApplies(module: ProcedureModule, birthDate: string | undefined, legalDate: string): void {
  const range = module.definition.appliesTo;
  if (!range || !birthDate) return;
  const age = ageOn(birthDate, legalDate);
  const tooYoung = range.minYears !== undefined && age < range.minYears;
  const tooOld = range.belowYears !== undefined && age >= range.belowYears;
  if (!tooYoung && !tooOld) return;
  const ages = [
    range.minYears !== undefined ? `từ đủ ${range.minYears} tuổi` : '',
    range.belowYears !== undefined ? `dưới ${range.belowYears} tuổi` : '',
  ].filter(Boolean);
  const agesEn = [
    range.minYears !== undefined ? `aged ${range.minYears} or over` : '',
    range.belowYears !== undefined ? `under ${range.belowYears}` : '',
  ].filter(Boolean);
  const instead = procedureForAge(module, age)?.definition;
  throw new Problem(
    422,
    'CASE.AGE_NOT_APPLICABLE',
    { vi: 'Thủ tục không áp dụng cho độ tuổi này', en: 'The procedure does not apply at this age' },
    {
      vi:
        `Người này ${age} tuổi vào ngày ${legalDate}; thủ tục ${module.definition.code} áp dụng cho người ${ages.join(' và ')} (${range.source}).` +
        (instead ? ` Áp dụng thủ tục ${instead.code}: ${instead.titleVi}.` : ''),
      en:
        `The person was ${age} on ${legalDate}; procedure ${module.definition.code} applies to people ${agesEn.join(' and ')} (${range.source}).` +
        (instead ? ` Use procedure ${instead.code}: ${instead.titleEn}.` : ''),
    },
    { field: 'body.person.birthDate', age, ...(instead ? { procedureForAge: instead.code } : {}) },
  );
}

/**
 * The handling commune must have existed on the legal date: a case found in 2024 belongs to the
 * commune of 2024 (which the registry maps to its successor), not to one created in the 2025
 * reorganisation. 422, naming the units of that day.
 */
async function assertUnitInForce(db: Db, jurisdictionId: string, legalDate: string): Promise<void> {
  const unit = await db.jurisdiction.findUnique({ where: { id: jurisdictionId } });
  if (!unit) return;
  const on = isoToDateColumn(legalDate);
  const notYet = unit.validFrom > on;
  const ended = unit.validTo !== null && unit.validTo < on;
  if (!notYet && !ended) return;
  const then = notYet
    ? (await db.jurisdiction.findMany({ where: { successorId: unit.id }, select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id)
    : [unit.successorId].filter((id): id is string => id !== null);
  throw new Problem(
    422,
    'CASE.UNIT_NOT_IN_FORCE',
    { vi: 'Đơn vị hành chính không tồn tại vào ngày này', en: 'The unit did not exist on that date' },
    {
      vi: `${jurisdictionId} ${notYet ? 'chưa thành lập' : 'đã giải thể'} vào ngày ${legalDate}; đơn vị khi đó: ${then.join(', ') || '—'}.`,
      en: `${jurisdictionId} ${notYet ? 'did not exist yet' : 'had been abolished'} on ${legalDate}; the unit(s) then: ${then.join(', ') || '—'}.`,
    },
    { field: 'body.jurisdictionId', unitsThen: then },
  );
}


/** The first day the rule book has a version of one of the procedure's rules: no case may be dated before it. */
export function firstRulesOn(module: ProcedureModule): string {
  return module.rules.flatMap((rule) => rule.versions.map((version) => version.effectiveFrom)).sort()[0] ?? '?';
}

/** A case dated before the rule book's first version of its procedure cannot run its steps: 422, not a workflow that fails. */
function assertRulesInForce(module: ProcedureModule, { field, date: legalDate }: { field: string; date: string }): void {
  const inForce = module.rules.some((rule) =>
    rule.versions.some((version) => version.effectiveFrom <= legalDate && (!version.effectiveTo || legalDate <= version.effectiveTo)),
  );
  if (inForce) return;
  const first = firstRulesOn(module);
  const earlier = module.definition.earlierRegime;
  const earlierModule = earlier ? procedureByCode(earlier) : undefined;
  if (earlier && earlierModule && firstRulesOn(earlierModule) <= legalDate)
    throw new Problem(
      422,
      'CASE.EARLIER_REGIME',
      { vi: 'Ngày này thuộc chế độ pháp luật trước', en: 'That date falls under the earlier regime' },
      {
        vi: `Thủ tục ${module.definition.code} áp dụng từ ngày ${first}; hồ sơ ngày ${legalDate} được nhập theo thủ tục ${earlier} (${earlierModule.definition.titleVi}).`,
        en: `Procedure ${module.definition.code} applies from ${first}; a case of ${legalDate} is entered as procedure ${earlier} (${earlierModule.definition.titleEn}).`,
      },
      { field: `body.${field}`, firstRulesOn: first, procedure: earlier },
    );
  throw new Problem(
    422,
    'CASE.RULES_NOT_IN_FORCE',
    { vi: 'Chưa có quy định áp dụng cho ngày này', en: 'No rules in force on that date' },
    {
      vi: `Bộ quy tắc của thủ tục ${module.definition.code} bắt đầu từ ngày ${first}; hồ sơ ngày ${legalDate} chưa nhập được.`,
      en: `The rule book of procedure ${module.definition.code} starts on ${first}; a case of ${legalDate} cannot be entered yet.`,
    },
    { field: `body.${field}`, firstRulesOn: first },
  );
}

