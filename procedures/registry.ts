import { addictionDeterminationModule } from './addiction-determination';
import { communeAssessmentModule } from './commune-assessment';
import { compulsoryRehabAdultModule } from './compulsory-rehab-adult';
import { compulsoryRehabAdult2014Module } from './compulsory-rehab-adult-2014';
import { compulsoryRehabMinorModule } from './compulsory-rehab-minor';
import { drugUserManagementModule } from './drug-user-management';
import { educationAtCommuneModule } from './education-at-commune';
import { inspection178Module } from './inspection-178';
import { postRehabModule } from './post-rehab';
import { traffickingVictimModule } from './trafficking-victim';
import { voluntaryRehabModule } from './voluntary-rehab';
import type { ProcedureModule } from './procedure-module';

/**
 * The composition root of procedures: the API, the rule book and `GET /procedures` know a
 * procedure because it is listed here (its workflow is listed in procedures/workflows.ts).
 */
export const PROCEDURES: readonly ProcedureModule[] = [
  drugUserManagementModule,
  addictionDeterminationModule,
  voluntaryRehabModule,
  compulsoryRehabAdultModule,
  compulsoryRehabAdult2014Module,
  compulsoryRehabMinorModule,
  educationAtCommuneModule,
  postRehabModule,
  traffickingVictimModule,
  inspection178Module,
  communeAssessmentModule,
];

const byCode = new Map(PROCEDURES.map((module) => [module.definition.code, module]));

export function procedureByCode(code: string): ProcedureModule | undefined {
  return byCode.get(code);
}
