import { defineProcedure } from '../procedure-module';
import { compulsoryRehabAdultFields, compulsoryRehabAdultPage } from '../compulsory-rehab-adult/fields';
import { compulsoryRehabAdultOpening } from '../compulsory-rehab-adult';
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
  // Opened as today's D is (the same body but for the grounds), and only for grounds found before 2022.
  opening: {
    ...compulsoryRehabAdultOpening,
    body: openCompulsoryRehabAdult2014,
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
  },
});
