import type { CalendarSource } from '../../db/calendar-source';
import type { Db } from '../../db/client';
import { provinceOf } from '../../db/responsible-agency';
import { addDays, computeDeadline } from '../../domain/deadlines/deadline-computation';
import type { DueDateExplanation } from '../../domain/deadlines/deadline-types';
import { isoToDateColumn } from '../../domain/time/legal-date';
import { ruleBook, type RuleBook } from '../../rules/rule-book';
import type { Actor, PersonInput } from '../../workflows/cases/case-contract';
import { effectiveRuleFor } from '../deadlines/step.activities';
import { asJson, isUniqueViolation } from '../deadlines/step-record';

export interface RegisterCaseInput {
  caseRef: string;
  workflowId: string;
  procedure: string;
  jurisdictionId: string;
  phase: string;
  /** A new person's details (a first case), or the id of a person already on record (a follow-up case). */
  person: PersonInput | { personId: string };
  parentCaseRef?: string;
  legalGround?: number;
  groundsFoundOn?: string;
  actor?: Actor;
  openedAt: string;
  /** The first timeline entry. */
  event: { kind: string; legalDate: string; details?: object };
}

/** Column changes that go with a timeline entry (dates as yyyy-mm-dd). */
export interface CasePatch {
  phase?: string;
  status?: 'OPEN' | 'CLOSED';
  interimArrangement?: string;
  heldFrom?: string;
  heldUntil?: string;
  decisionOutcome?: string;
  decidedMonths?: number;
  decisionDate?: string;
  decisionRef?: string;
  decisionEffectiveOn?: string;
  admittedOn?: string;
  termEndOn?: string;
  completedOn?: string;
  closedOn?: string;
  closedReason?: string;
}

export interface CaseEventInput {
  caseRef: string;
  /** The workflow's own counter: (case, seq) is unique, so a retried activity writes nothing twice. */
  seq: number;
  kind: string;
  legalDate: string;
  occurredAt: string;
  jurisdictionId: string;
  actor?: Actor;
  stepKey?: string;
  /** No personal data: names and numbers live in persons. */
  details?: object;
  patch?: CasePatch;
}

const DATE_FIELDS = [
  'heldFrom',
  'heldUntil',
  'decisionDate',
  'decisionEffectiveOn',
  'admittedOn',
  'termEndOn',
  'completedOn',
  'closedOn',
] as const;

function toColumns(patch: CasePatch) {
  const columns: Record<string, unknown> = { ...patch };
  for (const field of DATE_FIELDS) {
    const value = patch[field];
    if (value !== undefined) columns[field] = isoToDateColumn(value);
  }
  return columns;
}

export function createCaseActivities(db: Db, calendars: CalendarSource, book: RuleBook = ruleBook) {
  return {
    /** Creates the person (or finds them by identity number), the case row and its first timeline entry, once. */
    async registerCase(input: RegisterCaseInput): Promise<{ personId: string; provinceId: string }> {
      const existing = await db.case.findUnique({ where: { id: input.caseRef } });
      if (existing) return { personId: existing.personId, provinceId: existing.provinceId };
      const provinceId = await provinceOf(db, input.jurisdictionId);
      const personId =
        'personId' in input.person
          ? input.person.personId
          : (
              await db.person.upsert({
                where: { citizenId: input.person.citizenId },
                create: {
                  fullName: input.person.fullName,
                  birthDate: isoToDateColumn(input.person.birthDate),
                  citizenId: input.person.citizenId,
                  residenceStatus: input.person.residenceStatus,
                  residenceAddress: input.person.residenceAddress ?? null,
                  residenceJurisdictionId: input.person.residenceJurisdictionId,
                },
                // A later dossier carries the current residence.
                update: {
                  residenceStatus: input.person.residenceStatus,
                  residenceAddress: input.person.residenceAddress ?? null,
                  residenceJurisdictionId: input.person.residenceJurisdictionId,
                },
              })
            ).id;
      try {
        await db.$transaction([
          db.case.create({
            data: {
              id: input.caseRef,
              procedure: input.procedure,
              workflowId: input.workflowId,
              personId,
              jurisdictionId: input.jurisdictionId,
              provinceId,
              parentCaseId: input.parentCaseRef ?? null,
              phase: input.phase,
              legalGround: input.legalGround ?? null,
              groundsFoundOn: input.groundsFoundOn ? isoToDateColumn(input.groundsFoundOn) : null,
              createdBy: input.actor?.userId ?? null,
            },
          }),
          db.caseEvent.create({
            data: {
              caseId: input.caseRef,
              seq: 0,
              kind: input.event.kind,
              legalDate: isoToDateColumn(input.event.legalDate),
              occurredAt: new Date(input.openedAt),
              jurisdictionId: input.jurisdictionId,
              actorUserId: input.actor?.userId ?? null,
              actorAgencyId: input.actor?.agencyId ?? null,
              details: asJson(input.event.details ?? {}),
            },
          }),
        ]);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      return { personId, provinceId };
    },

    /** Appends one timeline entry and applies its column changes, in one transaction, exactly once. */
    async recordCaseEvent(input: CaseEventInput): Promise<void> {
      try {
        await db.$transaction([
          db.caseEvent.create({
            data: {
              caseId: input.caseRef,
              seq: input.seq,
              kind: input.kind,
              legalDate: isoToDateColumn(input.legalDate),
              occurredAt: new Date(input.occurredAt),
              jurisdictionId: input.jurisdictionId,
              actorUserId: input.actor?.userId ?? null,
              actorAgencyId: input.actor?.agencyId ?? null,
              stepKey: input.stepKey ?? null,
              details: asJson(input.details ?? {}),
            },
          }),
          db.case.update({ where: { id: input.caseRef }, data: toColumns(input.patch ?? {}) }),
        ]);
      } catch (error) {
        // Already recorded by an earlier attempt: the whole transaction committed then.
        if (!isUniqueViolation(error)) throw error;
      }
    },

    /**
     * The complaint window after a decision (rule CRA.D9, by the decision's date and province):
     * its last day, and the day the decision takes effect when nobody complains.
     */
    async complaintWindow(input: {
      jurisdictionId: string;
      decisionDate: string;
      openedAt: string;
    }): Promise<{ lastDay: string; closesAt: string; effectiveOn: string; explanation: DueDateExplanation }> {
      const provinceId = await provinceOf(db, input.jurisdictionId);
      const rule = await effectiveRuleFor(db, book, 'CRA.D9', provinceId, input.decisionDate);
      const window = computeDeadline(
        { rule, startDate: input.decisionDate, openedAt: input.openedAt },
        await calendars.current(),
      );
      return {
        lastDay: window.dueDate,
        closesAt: window.dueAt,
        effectiveOn: addDays(window.dueDate, 1),
        explanation: window.explanation,
      };
    },

  };
}
