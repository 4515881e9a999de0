import { traffickingVictimCaseload } from './caseload';
import { defineProcedure } from '../procedure-module';
import { openTraffickingVictim, traffickingVictimActions, traffickingVictimFields } from './actions';
import { traffickingVictim, type StartTraffickingVictimInput } from './definition';
import { traffickingVictimFigures } from './figures';
import { traffickingVictimRules } from './rules';

export const traffickingVictimModule = defineProcedure({
  definition: traffickingVictim,
  actions: traffickingVictimActions,
  rules: traffickingVictimRules,
  caseload: traffickingVictimCaseload,
  figures: traffickingVictimFigures,
  fields: traffickingVictimFields,
  opening: {
    body: openTraffickingVictim,
    jurisdictionOf: (body) => body.jurisdictionId,
    residenceOf: (body) => body.person.residenceJurisdictionId,
    legalDateOf: (body) => ({ field: 'receivedOn', date: body.receivedOn }),
    toInput: (body, { caseRef, actor }): StartTraffickingVictimInput => ({
      caseRef,
      jurisdictionId: body.jurisdictionId,
      person: body.person,
      channel: body.channel,
      receivedOn: body.receivedOn,
      actor,
    }),
  },
});
