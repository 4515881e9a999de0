import { compulsoryRehabMinorCaseload } from './caseload';
import { defineProcedure } from '../procedure-module';
import { compulsoryRehabMinorFigures } from './figures';
import { compulsoryRehabMinorActions, compulsoryRehabMinorFields, openCompulsoryRehabMinor } from './actions';
import { compulsoryRehabMinor, type StartCompulsoryRehabMinorInput } from './definition';
import { compulsoryRehabMinorRules } from './rules';

export const compulsoryRehabMinorModule = defineProcedure({
  definition: compulsoryRehabMinor,
  actions: compulsoryRehabMinorActions,
  rules: compulsoryRehabMinorRules,
  caseload: compulsoryRehabMinorCaseload,
  figures: compulsoryRehabMinorFigures,
  fields: compulsoryRehabMinorFields,
  opening: {
    body: openCompulsoryRehabMinor,
    jurisdictionOf: (body) => body.jurisdictionId,
    residenceOf: (body) => body.person.residenceJurisdictionId,
    legalDateOf: (body) => ({ field: 'groundsFoundOn', date: body.groundsFoundOn }),
    birthDateOf: (body) => body.person.birthDate,
    toInput: (body, { caseRef, actor }): StartCompulsoryRehabMinorInput => ({
      caseRef,
      jurisdictionId: body.jurisdictionId,
      person: body.person,
      legalGround: body.legalGround,
      groundsFoundOn: body.groundsFoundOn,
      guardian: body.guardian,
      actor,
    }),
  },
});
