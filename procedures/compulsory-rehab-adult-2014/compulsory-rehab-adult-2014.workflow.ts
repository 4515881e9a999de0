import type { CaseSnapshot } from '../../workflows/cases/case-contract';
import { CompulsoryRehabCase } from '../compulsory-rehab-adult/compulsory-rehab-adult.workflow';
import type { StartCompulsoryRehabInput } from '../compulsory-rehab-adult/definition';
import { compulsoryRehabAdult2014 } from './definition';

/**
 * A case of the 2014–2021 regime runs as today's procedure D does (the interim hold, the decision
 * and its window, the term, the hand-over to post-rehabilitation) on its own definition and rules;
 * the justice division's check is a plain row of its action table.
 */
export async function compulsoryRehabAdult2014Workflow(input: StartCompulsoryRehabInput): Promise<CaseSnapshot> {
  return new CompulsoryRehabCase(input, { definition: compulsoryRehabAdult2014, rule: 'CRO', windowRule: 'CRO.D9' }).serve();
}
