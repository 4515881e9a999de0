import { voluntaryRehabCaseload } from './caseload';
import { defineProcedure } from '../procedure-module';
import { voluntaryRehabFigures } from './figures';
import { openVoluntaryRehab, voluntaryRehabActions, voluntaryRehabFields } from './actions';
import { voluntaryRehab, type StartVoluntaryRehabInput } from './definition';
import { voluntaryRehabRules } from './rules';

export const voluntaryRehabModule = defineProcedure({
  definition: voluntaryRehab,
  actions: voluntaryRehabActions,
  rules: voluntaryRehabRules,
  figures: voluntaryRehabFigures,
  fields: voluntaryRehabFields,
  caseload: voluntaryRehabCaseload,
  opening: {
    body: openVoluntaryRehab,
    jurisdictionOf: (body) => body.jurisdictionId,
    residenceOf: (body) => body.person.residenceJurisdictionId,
    legalDateOf: (body) => ({ field: 'registeredOn', date: body.registeredOn }),
    toInput: (body, { caseRef, actor }): StartVoluntaryRehabInput => ({
      caseRef,
      jurisdictionId: body.jurisdictionId,
      person: body.person,
      birthDate: body.person.birthDate,
      residenceJurisdictionId: body.person.residenceJurisdictionId,
      setting: body.setting,
      registeredOn: body.registeredOn,
      actor,
    }),
  },
});
