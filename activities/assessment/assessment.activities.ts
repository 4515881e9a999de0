import { criteriaSetInForce } from '../../db/assessment/criteria-sets';
import type { Db } from '../../db/client';
import type { ReferenceData } from '../../db/reference-data';
import { provinceOf } from '../../db/responsible-agency';
import type { CriteriaSet, Programme } from '../../procedures/commune-assessment/scoring';

/** Procedure J's reads: the criteria set an assessment snapshots when it opens. */
export function createAssessmentActivities(db: Db, reference: ReferenceData) {
  return {
    /** The province's set for the programme and year, or the example set until the province enters one. */
    async criteriaSetFor(input: { jurisdictionId: string; programme: Programme; year: number }): Promise<CriteriaSet> {
      return criteriaSetInForce(db, provinceOf(await reference.snapshot(), input.jurisdictionId), input.programme, input.year);
    },
  };
}
