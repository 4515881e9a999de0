import { addictionDeterminationCaseload } from './caseload';
import { defineProcedure } from '../procedure-module';
import { addictionDeterminationFigures } from './figures';
import { addictionDeterminationActions, addictionDeterminationFields, openAddictionDetermination } from './actions';
import { addictionDetermination, type StartAddictionDeterminationInput } from './definition';
import { addictionDeterminationRules } from './rules';

export const addictionDeterminationModule = defineProcedure({
  definition: addictionDetermination,
  actions: addictionDeterminationActions,
  rules: addictionDeterminationRules,
  caseload: addictionDeterminationCaseload,
  figures: addictionDeterminationFigures,
  fields: addictionDeterminationFields,
  opening: {
    body: openAddictionDetermination,
    jurisdictionOf: (body) => body.jurisdictionId,
    residenceOf: (body) => body.person.residenceJurisdictionId,
    legalDateOf: (body) => ({ field: 'requestedOn', date: body.requestedOn }),
    toInput: (body, { caseRef, actor }): StartAddictionDeterminationInput => ({
      caseRef,
      jurisdictionId: body.jurisdictionId,
      person: body.person,
      birthDate: body.person.birthDate,
      residenceJurisdictionId: body.person.residenceJurisdictionId,
      basis: body.basis,
      requestedOn: body.requestedOn,
      actor,
    }),
  },
});
