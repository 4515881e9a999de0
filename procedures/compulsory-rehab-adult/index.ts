import { compulsoryRehabAdultCaseload } from './caseload';
import { defineProcedure } from '../procedure-module';
import { compulsoryRehabAdultActions, openCompulsoryRehabAdult } from './actions';
import { compulsoryRehabAdult, type StartCompulsoryRehabInput } from './definition';
import { compulsoryRehabAdultFields, compulsoryRehabAdultPage } from './fields';
import { compulsoryRehabAdultRules } from './rules';

export const compulsoryRehabAdultModule = defineProcedure({
  definition: compulsoryRehabAdult,
  actions: compulsoryRehabAdultActions,
  rules: compulsoryRehabAdultRules,
  fields: compulsoryRehabAdultFields,
  page: compulsoryRehabAdultPage,
  caseload: compulsoryRehabAdultCaseload,
  opening: {
    body: openCompulsoryRehabAdult,
    jurisdictionOf: (body) => body.jurisdictionId,
    residenceOf: (body) => body.person.residenceJurisdictionId,
    legalDateOf: (body) => ({ field: 'groundsFoundOn', date: body.groundsFoundOn }),
    birthDateOf: (body) => body.person.birthDate,
    toInput: (body, { caseRef, actor }): StartCompulsoryRehabInput => ({
      caseRef,
      jurisdictionId: body.jurisdictionId,
      person: body.person,
      legalGround: body.legalGround,
      groundsFoundOn: body.groundsFoundOn,
      actor,
    }),
  },
});
