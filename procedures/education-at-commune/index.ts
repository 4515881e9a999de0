import { educationAtCommuneCaseload } from './caseload';
import { defineProcedure } from '../procedure-module';
import { educationAtCommuneActions, educationAtCommuneFields, openEducationAtCommune } from './actions';
import { educationAtCommune, type StartEducationAtCommuneInput } from './definition';
import { educationAtCommuneFigures } from './figures';
import { educationAtCommuneRules } from './rules';

const SIX_MONTHS_AFTER = (date: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1 + 6, day)).toISOString().slice(0, 10);
};

export const educationAtCommuneModule = defineProcedure({
  definition: educationAtCommune,
  actions: educationAtCommuneActions,
  rules: educationAtCommuneRules,
  figures: educationAtCommuneFigures,
  fields: educationAtCommuneFields,
  caseload: educationAtCommuneCaseload,
  opening: {
    body: openEducationAtCommune,
    jurisdictionOf: (body) => body.jurisdictionId,
    residenceOf: (body) => body.person.residenceJurisdictionId,
    legalDateOf: (body) => ({ field: 'violationOn', date: body.violationOn }),
    birthDateOf: (body) => body.person.birthDate,
    // Since 2022, for drug use: fined twice for use, and a third use within 6 months (ND 120/2021).
    check: (body) => {
      if (body.basis !== 'DRUG_USE') return [];
      const fines = body.priorFines.filter((fine) => fine.on < body.violationOn).map((fine) => fine.on).sort();
      const lastTwo = fines.slice(-2);
      if (lastTwo.length < 2)
        return [
          {
            field: 'body.priorFines',
            message: 'Cần đã 2 lần bị xử phạt về hành vi sử dụng trái phép chất ma túy trước lần vi phạm này',
            messageEn: 'Two earlier fines for illegal drug use are needed before this violation',
          },
        ];
      if (body.violationOn > SIX_MONTHS_AFTER(lastTwo[0] as string))
        return [
          {
            field: 'body.violationOn',
            message: 'Lần sử dụng thứ ba phải trong vòng 6 tháng (kể từ lần bị xử phạt thứ nhất trong hai lần gần nhất; chưa xác minh cách tính)',
            messageEn: 'The third use must be within 6 months (of the earlier of the two fines; how it is counted is unconfirmed)',
          },
        ];
      return [];
    },
    toInput: (body, { caseRef, actor }): StartEducationAtCommuneInput => ({
      caseRef,
      jurisdictionId: body.jurisdictionId,
      person: body.person,
      basis: body.basis,
      violationOn: body.violationOn,
      actor,
    }),
  },
});
