// Every procedure's workflow, for the worker's bundle (workflows/index.ts). Workflow code only.
export { compulsoryRehabAdultWorkflow } from './compulsory-rehab-adult/compulsory-rehab-adult.workflow';
export { postRehabWorkflow } from './post-rehab/post-rehab.workflow';
export { drugUserManagementWorkflow } from './drug-user-management/drug-user-management.workflow';
export { addictionDeterminationWorkflow } from './addiction-determination/addiction-determination.workflow';
export { voluntaryRehabWorkflow } from './voluntary-rehab/voluntary-rehab.workflow';
export { compulsoryRehabMinorWorkflow } from './compulsory-rehab-minor/compulsory-rehab-minor.workflow';
export { educationAtCommuneWorkflow } from './education-at-commune/education-at-commune.workflow';
export { traffickingVictimWorkflow } from './trafficking-victim/trafficking-victim.workflow';
export { communeAssessmentWorkflow } from './commune-assessment/commune-assessment.workflow';
export { inspection178Workflow } from './inspection-178/inspection-178.workflow';
export { compulsoryRehabAdult2014Workflow } from './compulsory-rehab-adult-2014/compulsory-rehab-adult-2014.workflow';
