import { defineProcedure } from '../procedure-module';
import { compulsoryRehabAdultFields, compulsoryRehabAdultPage } from '../compulsory-rehab-adult/fields';
import type { StartCompulsoryRehabInput } from '../compulsory-rehab-adult/definition';
import { compulsoryRehabAdult2014Actions, openCompulsoryRehabAdult2014 } from './actions';
import { compulsoryRehabAdult2014Caseload } from './caseload';
import { compulsoryRehabAdult2014 } from './definition';
import { REGIME_TO, compulsoryRehabAdult2014Rules } from './rules';

export const compulsoryRehabAdult2014Module = defineProcedure({
  definition: compulsoryRehabAdult2014,
  actions: compulsoryRehabAdult2014Actions,
  rules: compulsoryRehabAdult2014Rules,
  fields: compulsoryRehabAdultFields,
  page: compulsoryRehabAdultPage,
  caseload: compulsoryRehabAdult2014Caseload,
  opening: {
    body: openCompulsoryRehabAdult2014,
    jurisdictionOf: (body) => body.jurisdictionId,
    residenceOf: (body) => body.person.residenceJurisdictionId,
    legalDateOf: (body) => ({ field: 'groundsFoundOn', date: body.groundsFoundOn }),
    birthDateOf: (body) => body.person.birthDate,
    // The regime ended with 2021: grounds found later are today's procedure D.
    check: (body) =>
      body.groundsFoundOn > REGIME_TO
        ? [
            {
              field: 'body.groundsFoundOn',
              message: `Căn cứ phát hiện sau ngày 31/12/2021 được nhập theo thủ tục COMPULSORY_REHAB_ADULT (Luật Phòng, chống ma túy 2021)`,
              messageEn: 'Grounds found after 31/12/2021 are entered as procedure COMPULSORY_REHAB_ADULT (Drug Law 2021)',
            },
          ]
        : [],
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
