import { compulsoryRehabAdultCaseload } from './caseload';
import { defineProcedure, type CaseOpening } from '../procedure-module';
import { compulsoryRehabAdultActions, openCompulsoryRehabAdult } from './actions';
import { compulsoryRehabAdult, type StartCompulsoryRehabInput } from './definition';
import { compulsoryRehabAdultFields, compulsoryRehabAdultPage } from './fields';
import { compulsoryRehabAdultRules } from './rules';

/** How a case of D is opened; the 2014–2021 regime opens its cases the same way (procedures/compulsory-rehab-adult-2014). */
export const compulsoryRehabAdultOpening = {
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
} satisfies CaseOpening<typeof openCompulsoryRehabAdult>;

export const compulsoryRehabAdultModule = defineProcedure({
  definition: compulsoryRehabAdult,
  actions: compulsoryRehabAdultActions,
  rules: compulsoryRehabAdultRules,
  fields: compulsoryRehabAdultFields,
  page: compulsoryRehabAdultPage,
  caseload: compulsoryRehabAdultCaseload,
  opening: compulsoryRehabAdultOpening,
});
