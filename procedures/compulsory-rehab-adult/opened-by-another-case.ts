import type { CaseActionBase } from '../../workflows/cases/case-contract';
import type { CaseEngine } from '../../workflows/cases/case-engine';
import { compulsoryRehabAdult, type StartCompulsoryRehabInput } from './definition';

/**
 * Opens an adult's compulsory case on a ground another case established (a missed registration,
 * a violation of voluntary treatment, a relapse during post-rehabilitation), linked to that case.
 * Workflow code: called from the other procedure's workflow.
 */
/** The reference of the compulsory case another case opens: one per case, so a retry opens nothing twice. */
export const compulsoryCaseRefFrom = (caseRef: string) => `${compulsoryRehabAdult.refPrefix}-${caseRef}`;

export async function openCompulsoryCase<A extends CaseActionBase>(
  from: CaseEngine<A>,
  person: { personId: string; residenceJurisdictionId: string; birthDate: string },
  legalGround: 1 | 2 | 3 | 4,
  groundsFoundOn: string,
  /** The case that established the ground, when not `from` itself (the determination of a relapse). */
  groundCaseRef: string = from.caseRef,
): Promise<string> {
  const caseRef = compulsoryCaseRefFrom(groundCaseRef);
  const input: StartCompulsoryRehabInput = {
    caseRef,
    jurisdictionId: from.jurisdictionId,
    person,
    legalGround,
    groundsFoundOn,
    parentCaseRef: groundCaseRef,
  };
  await from.startCase(compulsoryRehabAdult.workflowType, caseRef, input);
  return caseRef;
}
