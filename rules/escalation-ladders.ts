import type { EscalationRung, Offset, Responsible } from './rule-types';

/**
 * Who hears about a late step, and when. No legal text sets these: they are the coordination
 * practice of the provincial plans (the steering committee follows up through the drug division),
 * so every ladder is a default that a province overrides without a code change.
 */
const workingDays = (amount: number): Offset => ({ unit: 'WORKING_DAYS', amount });

export const DEFAULT_REMINDERS: readonly Offset[] = [workingDays(2), workingDays(0)];

const provincialCoordinator: Responsible = {
  agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION',
  role: 'PROVINCIAL_COORDINATOR',
};
const steeringCommittee: Responsible = {
  agencyKind: 'PROVINCIAL_STEERING_COMMITTEE',
  role: 'PROVINCIAL_COORDINATOR',
};

/** The owner's head first, then the province. */
export function ladderVia(head: Responsible): EscalationRung[] {
  return [
    { after: workingDays(1), to: head },
    { after: workingDays(3), to: provincialCoordinator },
    { after: workingDays(5), to: steeringCommittee },
  ];
}

export const COMMUNE_POLICE_HEAD: Responsible = { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_HEAD' };
export const COMMUNE_CHAIRMAN: Responsible = {
  agencyKind: 'COMMUNE_PEOPLES_COMMITTEE',
  role: 'COMMUNE_CHAIRMAN',
};
export const FACILITY_DIRECTOR: Responsible = { agencyKind: 'REHAB_FACILITY', role: 'FACILITY_DIRECTOR' };
export const PROVINCIAL_COORDINATOR = provincialCoordinator;

/** For a step owned by the head of a commune body: straight to the province. */
export function ladderToProvince(): EscalationRung[] {
  return [
    { after: workingDays(1), to: provincialCoordinator },
    { after: workingDays(3), to: steeringCommittee },
  ];
}

export const MEDICAL_FACILITY_DOCTOR: Responsible = { agencyKind: 'MEDICAL_FACILITY', role: 'DOCTOR' };
export const HEALTH_DEPARTMENT: Responsible = { agencyKind: 'PROVINCIAL_HEALTH_DEPARTMENT', role: 'PROVINCIAL_COORDINATOR' };
