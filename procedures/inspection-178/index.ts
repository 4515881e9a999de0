import { defineProcedure } from '../procedure-module';
import { inspection178Actions, inspection178Fields, openInspection } from './actions';
import { inspection178, type StartInspectionInput } from './definition';
import { inspection178Figures } from './figures';
import { inspection178Rules } from './rules';

export const inspection178Module = defineProcedure({
  definition: inspection178,
  actions: inspection178Actions,
  rules: inspection178Rules,
  figures: inspection178Figures,
  fields: inspection178Fields,
  opening: {
    body: openInspection,
    jurisdictionOf: (body) => body.jurisdictionId,
    legalDateOf: (body) => ({ field: 'inspectedOn', date: body.inspectedOn }),
    check: (body) =>
      (body.result === 'VIOLATION') === (body.violations.length > 0)
        ? []
        : [
            {
              field: 'body.violations',
              message: 'Có vi phạm thì nêu ít nhất một hành vi; không vi phạm thì để trống',
              messageEn: 'A violation names at least one finding; no violation names none',
            },
          ],
    // The establishment must be in the register, open, and in the commune named.
    lookUp: async (body, db) => {
      const found = await db.establishment.findUnique({ where: { id: body.establishmentId } });
      if (!found || found.jurisdictionId !== body.jurisdictionId || !found.active)
        return {
          problems: [
            {
              field: 'body.establishmentId',
              message: 'Không có cơ sở đang hoạt động này trong sổ theo dõi của xã, phường đã chọn',
              messageEn: 'No such open establishment in the register of that commune',
            },
          ],
        };
      return { problems: [], found: { kind: found.kind, complex: found.complex } };
    },
    toInput: (body, { caseRef, actor, found }): StartInspectionInput => ({
      caseRef,
      jurisdictionId: body.jurisdictionId,
      establishmentId: body.establishmentId,
      establishmentKind: String(found?.kind),
      complex: found?.complex === true,
      teamAgencyId: actor.agencyId,
      inspectedOn: body.inspectedOn,
      surprise: body.surprise,
      result: body.result,
      violations: body.violations.length,
      minutesRef: body.minutesRef,
      actor,
    }),
  },
});
