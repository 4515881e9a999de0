import { defineProcedure } from '../procedure-module';
import { communeAssessmentActions, communeAssessmentFields, openCommuneAssessment } from './actions';
import { communeAssessment, type StartCommuneAssessmentInput } from './definition';
import { communeAssessmentFigures } from './figures';
import { communeAssessmentRules } from './rules';

export const communeAssessmentModule = defineProcedure({
  definition: communeAssessment,
  actions: communeAssessmentActions,
  rules: communeAssessmentRules,
  figures: communeAssessmentFigures,
  fields: communeAssessmentFields,
  opening: {
    body: openCommuneAssessment,
    jurisdictionOf: (body) => body.jurisdictionId,
    legalDateOf: (body) => ({ field: 'openedOn', date: body.openedOn }),
    oneCasePer: (body) => `${communeAssessment.code}:${body.programme}:${body.year}:${body.jurisdictionId}`,
    // A year is assessed during it or in the year after (the round that closes it).
    check: (body) => {
      const openedIn = Number(body.openedOn.slice(0, 4));
      return openedIn === body.year || openedIn === body.year + 1
        ? []
        : [
            {
              field: 'body.year',
              message: `Đánh giá năm ${body.year} được mở trong năm đó hoặc năm sau, không phải năm ${openedIn}`,
              messageEn: `An assessment of ${body.year} is opened in that year or the next, not in ${openedIn}`,
            },
          ];
    },
    toInput: (body, { caseRef, actor }): StartCommuneAssessmentInput => ({
      caseRef,
      jurisdictionId: body.jurisdictionId,
      programme: body.programme,
      year: body.year,
      openedOn: body.openedOn,
      actor,
    }),
  },
});
