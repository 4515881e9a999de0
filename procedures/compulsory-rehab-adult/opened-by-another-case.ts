import { ageOn } from '../../domain/time/age';
import type { CaseActionBase } from '../../workflows/cases/case-contract';
import type { CaseEngine } from '../../workflows/cases/case-engine';
import { compulsoryRehabMinor, type StartCompulsoryRehabMinorInput } from '../compulsory-rehab-minor/definition';
import { compulsoryRehabAdult, type StartCompulsoryRehabInput } from './definition';

/** The reference of the compulsory case another case opens: one per case, so a retry opens nothing twice. */
export const compulsoryCaseRefFrom = (caseRef: string) => `${compulsoryRehabAdult.refPrefix}-${caseRef}`;
export const minorsCaseRefFrom = (caseRef: string) => `${compulsoryRehabMinor.refPrefix}-${caseRef}`;

/**
 * Opens the compulsory case another case established the ground for (a missed registration, a
 * violation of voluntary treatment, a relapse during post-rehabilitation), linked to that case:
 * an adult's (D) from 18, a minor's (E) from 12 to under 18 on the date the ground arose, none
 * below 12. Answers the reference opened, if any. Workflow code: called from the other procedure's
 * workflow.
 */
export async function openCompulsoryCase<A extends CaseActionBase>(
  from: CaseEngine<A>,
  person: { personId: string; residenceJurisdictionId: string; birthDate: string },
  legalGround: 1 | 2 | 3 | 4,
  groundsFoundOn: string,
  /** The case that established the ground, when not `from` itself (the determination of a relapse). */
  groundCaseRef: string = from.caseRef,
): Promise<string | undefined> {
  const age = ageOn(person.birthDate, groundsFoundOn);
  if (age >= 18) {
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
  // Relapse (ground 4) is no ground for a minor (Law 73/2021 Art. 33).
  if (age < 12 || legalGround === 4) return undefined;
  const caseRef = minorsCaseRefFrom(groundCaseRef);
  const input: StartCompulsoryRehabMinorInput = {
    caseRef,
    jurisdictionId: from.jurisdictionId,
    person,
    legalGround,
    groundsFoundOn,
    parentCaseRef: groundCaseRef,
  };
  await from.startCase(compulsoryRehabMinor.workflowType, caseRef, input);
  return caseRef;
}
