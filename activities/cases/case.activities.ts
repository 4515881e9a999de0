import { createHash } from 'node:crypto';
import type { CalendarSource } from '../../db/calendar-source';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import type { ReferenceData } from '../../db/reference-data';
import { placeOf, provinceOf, servingAgencies } from '../../db/responsible-agency';
import { addDays, computeDeadline } from '../../domain/deadlines/deadline-computation';
import type { DueDateExplanation } from '../../domain/deadlines/deadline-types';
import { foldName } from '../../domain/persons/name-folding';
import { isoToDateColumn } from '../../domain/time/legal-date';
import { ruleBook, type RuleBook } from '../../rules/rule-book';
import type { Actor, PersonInput } from '../../workflows/cases/case-contract';
import { effectiveRuleFor, ruleInForce, ruleOverridesOf } from '../deadlines/step.activities';
import type { EffectiveRule } from '../../rules/rule-types';
import { asJson, firePointsOf, isUniqueViolation, snapshotOf } from '../deadlines/step-record';
import { handoverOf, moveRefusal, type MoveRefusal } from '../../db/case-move';
import type { HandoverAgency } from '../../workflows/deadlines/contract';
import type { StepHandover } from '../../workflows/cases/case-contract';

export interface RegisterCaseInput {
  caseRef: string;
  workflowId: string;
  procedure: string;
  jurisdictionId: string;
  phase: string;
  /** A new person's details (a first case), or the id of a person already on record (a follow-up case); absent when the case is not about a person (a commune's assessment). */
  person?: PersonInput | { personId: string };
  parentCaseRef?: string;
  /** The procedure's own fields (cases.fields). */
  fields?: CaseFields;
  /** Procedure D's opening fields as workflows before the case engine sent them; now inside `fields`. */
  legalGround?: number;
  groundsFoundOn?: string;
  actor?: Actor;
  openedAt: string;
  /** The first timeline entry. */
  event: { kind: string; legalDate: string; details?: object };
}

/** A procedure's own case fields: JSON values, dates as yyyy-mm-dd. */
export type CaseFields = Record<string, string | number | boolean | null>;

/**
 * Changes to the case row that go with a timeline entry. The columns every procedure has are
 * named; a procedure's own fields go in `fields` and are merged into cases.fields. Any other key
 * is one of procedure D's fields as workflows before the case engine sent them (still arriving
 * from activities scheduled by that code), and is merged into `fields` too.
 */
export interface CasePatch {
  phase?: string;
  status?: 'OPEN' | 'CLOSED';
  /** The case moved to another commune (the person moved): it is handled there from now on. */
  jurisdictionId?: string;
  closedOn?: string;
  closedReason?: string;
  fields?: CaseFields;
  [legacyField: string]: unknown;
}

/** The steps an action would open, checked on its date in the case's commune. */
export interface StepsCheck {
  ruleKeys: string[];
  jurisdictionId: string;
  onDate: string;
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

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The case row's columns and the JSON to merge into its fields. */
function splitPatch(patch: CasePatch) {
  const { phase, status, jurisdictionId, closedOn, closedReason, fields, ...legacy } = patch;
  return { columns: { phase, status, jurisdictionId, closedOn, closedReason }, fields: { ...(legacy as CaseFields), ...fields } };
}

/** A stable id for a person recorded without an identity number, so a retried registration records them once. */
function personIdFor(caseRef: string): string {
  const hex = createHash('sha256').update(`person:${caseRef}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The person's id: the one named, the one with the same identity number (updated), or a new record. */
async function recordPerson(db: Prisma.TransactionClient, caseRef: string, person: PersonInput | { personId: string }): Promise<string> {
  if ('personId' in person) return person.personId;
  const residence = {
    residenceStatus: person.residenceStatus,
    residenceAddress: person.residenceAddress ?? null,
    residenceJurisdictionId: person.residenceJurisdictionId,
  };
  const identity = { fullName: person.fullName, nameFolded: foldName(person.fullName), birthDate: isoToDateColumn(person.birthDate) };
  if (person.citizenId === undefined) {
    // Without a citizen identity number nobody can be matched safely: each case records the person anew.
    const id = personIdFor(caseRef);
    const created = await db.person.upsert({
      where: { id },
      update: {},
      create: { id, ...identity, otherIdentification: person.otherIdentification ?? null, ...residence },
    });
    return created.id;
  }
  // A later dossier carries the current residence.
  const found = await db.person.upsert({
    where: { citizenId: person.citizenId },
    create: { ...identity, citizenId: person.citizenId, ...residence },
    update: residence,
  });
  return found.id;
}

/**
 * Writes the person (found by identity number, or new), the case row and its first timeline entry,
 * in the caller's transaction; answers whom the case is about and its province.
 */
export async function writeCaseRegistration(
  db: Prisma.TransactionClient,
  input: RegisterCaseInput,
  provinceId: string,
): Promise<{ personId: string | null; provinceId: string }> {
  const personId = input.person === undefined ? null : await recordPerson(db, input.caseRef, input.person);
  await db.case.create({
    data: {
      id: input.caseRef,
      procedure: input.procedure,
      workflowId: input.workflowId,
      personId,
      jurisdictionId: input.jurisdictionId,
      provinceId,
      parentCaseId: input.parentCaseRef ?? null,
      phase: input.phase,
      fields: asJson({
        ...(input.legalGround !== undefined ? { legalGround: input.legalGround } : {}),
        ...(input.groundsFoundOn !== undefined ? { groundsFoundOn: input.groundsFoundOn } : {}),
        ...input.fields,
      }),
      createdBy: input.actor?.userId ?? null,
    },
  });
  await db.caseEvent.create({
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
  });
  return { personId, provinceId };
}

/**
 * Appends one timeline entry and applies its column changes, exactly once: one statement, so
 * one round trip (every act and every change of the case's own writes one). A retry finds its
 * (case, seq) taken, inserts nothing, and so changes the case row not again.
 */
export async function writeCaseEvent(db: Prisma.TransactionClient, input: CaseEventInput): Promise<void> {
  const { columns, fields } = splitPatch(input.patch ?? {});
  await db.$executeRaw`
    WITH entry AS (
      INSERT INTO case_events (case_id, seq, kind, legal_date, occurred_at, jurisdiction_id, actor_user_id, actor_agency_id, step_key, details)
      VALUES (
        ${input.caseRef}, ${input.seq}, ${input.kind}, ${input.legalDate}::date, ${input.occurredAt}::timestamptz, ${input.jurisdictionId},
        ${input.actor?.userId ?? null}::uuid, ${input.actor?.agencyId ?? null}, ${input.stepKey ?? null}, ${JSON.stringify(input.details ?? {})}::jsonb
      )
      ON CONFLICT (case_id, seq) DO NOTHING
      RETURNING case_id
    )
    -- The common columns given, and the procedure's fields merged into the JSON.
    UPDATE cases SET
      phase = COALESCE(${columns.phase ?? null}, phase),
      status = COALESCE(${columns.status ?? null}::"CaseStatus", status),
      jurisdiction_id = COALESCE(${columns.jurisdictionId ?? null}, jurisdiction_id),
      closed_on = COALESCE(${columns.closedOn ?? null}::date, closed_on),
      closed_reason = COALESCE(${columns.closedReason ?? null}, closed_reason),
      fields = fields || ${JSON.stringify(fields)}::jsonb,
      updated_at = now()
    WHERE id = (SELECT case_id FROM entry)`;
}

export function createCaseActivities(db: Db, calendars: CalendarSource, reference: ReferenceData, book: RuleBook = ruleBook) {
  /**
   * Whether the steps an action would open can open: each rule has a version in force on the
   * date and the registry has its owner for the case's place. Asked before the action changes
   * anything, so a case never stops half-way (its event recorded, its next step missing).
   * Answers the problems found, in words for the official; none is a failure to retry.
   */
  async function stepsCanOpen(input: StepsCheck): Promise<{ problems: string[] }> {
    const registry = await reference.snapshot();
    const place = placeOf(registry, input.jurisdictionId);
    const overrides = ruleOverridesOf(registry, place.provinceId, input.ruleKeys);
    const problems: string[] = [];
    const rules: EffectiveRule[] = [];
    for (const ruleKey of input.ruleKeys) {
      try {
        rules.push(ruleInForce(book, ruleKey, place.provinceId, input.onDate, overrides));
      } catch (error) {
        problems.push(messageOf(error));
      }
    }
    const serving = servingAgencies(registry, place, input.onDate);
    for (const rule of rules) {
      try {
        serving(rule.responsible);
      } catch (error) {
        problems.push(messageOf(error));
      }
    }
    return { problems };
  }

  return {
    /** Creates the person (or finds them by identity number), the case row and its first timeline entry, once. */
    async registerCase(input: RegisterCaseInput): Promise<{ personId: string | null; provinceId: string }> {
      const existing = await db.case.findUnique({ where: { id: input.caseRef } });
      if (existing) return { personId: existing.personId, provinceId: existing.provinceId };
      const provinceId = provinceOf(await reference.snapshot(), input.jurisdictionId);
      try {
        return await db.$transaction((tx) => writeCaseRegistration(tx, input, provinceId));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const written = await db.case.findUniqueOrThrow({ where: { id: input.caseRef } });
        return { personId: written.personId, provinceId: written.provinceId };
      }
    },

    /** Appends one timeline entry and applies its column changes, exactly once (writeCaseEvent). */
    async recordCaseEvent(input: CaseEventInput): Promise<void> {
      await writeCaseEvent(db, input);
    },

    /** Whether the steps an action would open can open (stepsCanOpen), as a local activity. */
    checkStepsCanOpen: (input: StepsCheck) => stepsCanOpen(input),

    /**
     * Scheduled first by a case's act, as an ordinary activity: the act's acceptance is on record
     * once it runs (workflows/support/acceptance.ts), and it checks meanwhile that the steps the
     * act would open can open, so the act needs no other round trip before it changes anything.
     */
    actAccepted: async ({ check }: { check?: StepsCheck }) => (check ? stepsCanOpen(check) : { problems: [] }),

    /**
     * Before a case moves to another commune, nothing written: it must go to a commune of its
     * province in force on the date, and each open step held by a body of the old commune must
     * find the new commune's body of the same kind. Answers the refusal (a value: nothing to
     * retry), or who takes over from whom and the steps whose owner changes.
     */
    async planCaseMove(input: {
      fromJurisdictionId: string;
      toJurisdictionId: string;
      on: string;
      /** The case's open (or suspended) steps, in the workflow's order. */
      stepIds: string[];
    }): Promise<{ refusal?: MoveRefusal; handover: Record<string, HandoverAgency>; steps: StepHandover[] }> {
      const registry = await reference.snapshot();
      const refusal = moveRefusal(registry, input);
      if (refusal) return { refusal, handover: {}, steps: [] };
      const found = await db.step.findMany({ where: { id: { in: input.stepIds } } });
      const rows = input.stepIds.flatMap((id) => found.filter((step) => step.id === id));
      const named = rows.flatMap((step) => [
        step.ownerAgencyId,
        ...snapshotOf(step).rungRecipients.map((recipient) => recipient.agencyId),
        ...firePointsOf(step).map((point) => point.recipient.agencyId),
      ]);
      const planned = handoverOf(registry, input, named);
      if (planned.refusal) return { refusal: planned.refusal, handover: {}, steps: [] };
      const steps = rows.flatMap((step) => {
        const to = planned.handover[step.ownerAgencyId];
        return to ? [{ stepKey: step.stepKey, fromAgencyId: step.ownerAgencyId, toAgencyId: to.agencyId }] : [];
      });
      return { handover: planned.handover, steps };
    },

    /**
     * The complaint window after a decision (rule CRA.D9, by the decision's date and province):
     * its last day, and the day the decision takes effect when nobody complains.
     */
    async complaintWindow(input: {
      jurisdictionId: string;
      decisionDate: string;
      openedAt: string;
      /** The window's rule; procedure D's when absent (as workflows before the minors' procedure asked). */
      ruleKey?: string;
    }): Promise<{ lastDay: string; closesAt: string; effectiveOn: string; explanation: DueDateExplanation }> {
      const registry = await reference.snapshot();
      const provinceId = provinceOf(registry, input.jurisdictionId);
      const rule = effectiveRuleFor(registry, book, input.ruleKey ?? 'CRA.D9', provinceId, input.decisionDate);
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
