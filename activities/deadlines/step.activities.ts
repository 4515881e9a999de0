import { ApplicationFailure } from '@temporalio/common';
import type { CalendarSource } from '../../db/calendar-source';
import type { Db } from '../../db/client';
import type { ReferenceData, ReferenceSnapshot } from '../../db/reference-data';
import { namedOwner, placeOf, servingAgencies } from '../../db/responsible-agency';
import {
  adjustDeadline,
  computeDeadline,
  planFirePoints,
  planStatutoryFirePoints,
} from '../../domain/deadlines/deadline-computation';
import type { Adjustment } from '../../domain/deadlines/deadline-types';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import { ruleBook, type RuleBook } from '../../rules/rule-book';
import type { EffectiveRule } from '../../rules/rule-types';
import { NotificationKind, StepEventKind, StepStatus } from '../../generated/prisma/enums';
import type { Prisma, RuleOverride, Step } from '../../generated/prisma/client';
import type { Recipient } from '../../domain/deadlines/deadline-types';
import {
  stepIdOf,
  StepFailure,
  type CompleteStepInput,
  type ExtendStepInput,
  type MoveStepInput,
  type OpenStepInput,
  type ResumeStepInput,
  type StepPlan,
  type SuspendStepInput,
} from '../../workflows/deadlines/contract';
import {
  asJson,
  explanationOf,
  firePointsOf,
  isUniqueViolation,
  planOf,
  snapshotOf,
  type StepSnapshot,
} from './step-record';
import { handoverText } from './notification-text';

export interface Change {
  stepId: string;
  /** The ledger revision this change writes; (step, revision) is unique, so a retry finds it. */
  revision: number;
  /** Workflow time of the change. */
  at: string;
}

/** A step's opening as a workflow asks for it. */
export type OpeningInput = OpenStepInput & { workflowId: string; openedAt: string };

/** A change a workflow makes to a step, at the revision it names. */
export type StepChangeWrite =
  | { change: 'complete' | 'cancel'; input: Change & CompleteStepInput }
  | { change: 'suspend'; input: Change & SuspendStepInput }
  | { change: 'resume'; input: Change & ResumeStepInput }
  | { change: 'extend'; input: Change & ExtendStepInput }
  | { change: 'move'; input: Change & MoveStepInput };

/** The step's new columns for a change, what its ledger entry says, and what else it writes. */
type StepMutation = (
  /** The step's row as it stands, read only by the changes that need it (a new due date, new recipients). */
  row: () => Promise<Step>,
  tx: Prisma.TransactionClient,
) => Promise<{
  data: Prisma.StepUpdateInput;
  details: object;
  /** Written in the same transaction, after the step (a notification of the change). */
  alsoWrite?: (tx: Prisma.TransactionClient, updated: Step) => Promise<unknown>;
}>;

type StepChange = [StepEventKind, StepMutation];

const ruleFailure = (error: unknown) =>
  ApplicationFailure.create({
    type: StepFailure.RULE,
    nonRetryable: true,
    message: error instanceof Error ? error.message : String(error),
  });

type OverrideRow = Pick<RuleOverride, 'ruleKey' | 'effectiveFrom' | 'reason' | 'parameters'>;

/** A province's overrides of some rules: the rows of each rule key. */
export function ruleOverridesOf(registry: ReferenceSnapshot, provinceId: string, ruleKeys: readonly string[]): Map<string, readonly OverrideRow[]> {
  return new Map([...new Set(ruleKeys)].map((ruleKey) => [ruleKey, registry.overridesOf(provinceId, ruleKey)]));
}

/** The rule in force on a date with the province's overrides already read; a court's term in months when it decided one. */
export function ruleInForce(
  book: RuleBook,
  ruleKey: string,
  provinceId: string,
  onDate: string,
  overrides: ReadonlyMap<string, readonly OverrideRow[]>,
  decidedMonths?: number,
): EffectiveRule {
  let rule: EffectiveRule;
  try {
    rule = book.effectiveRule(
      ruleKey,
      onDate,
      (overrides.get(ruleKey) ?? []).map((row) => ({
        provinceId,
        effectiveFrom: row.effectiveFrom.toISOString().slice(0, 10),
        reason: row.reason,
        parameters: row.parameters,
      })),
    );
  } catch (error) {
    throw ruleFailure(error);
  }
  if (decidedMonths === undefined) return rule;
  const { budget } = rule;
  if (
    budget.kind !== 'MONTHS' ||
    decidedMonths < (budget.minMonths ?? 1) ||
    decidedMonths > (budget.maxMonths ?? budget.months)
  ) {
    throw ruleFailure(
      new Error(
        `Thời hạn ${decidedMonths} tháng không hợp lệ cho quy tắc ${ruleKey} / ${decidedMonths} months is not valid for rule ${ruleKey}`,
      ),
    );
  }
  return { ...rule, budget: { ...budget, months: decidedMonths } };
}

export function effectiveRuleFor(
  registry: ReferenceSnapshot,
  book: RuleBook,
  ruleKey: string,
  provinceId: string,
  onDate: string,
  decidedMonths?: number,
): EffectiveRule {
  return ruleInForce(book, ruleKey, provinceId, onDate, ruleOverridesOf(registry, provinceId, [ruleKey]), decidedMonths);
}

/**
 * How a step is written: opened (its due date computed first, then its row and first ledger entry)
 * and changed (a ledger entry with the row's new columns, at the revision the workflow names), in
 * a transaction of its own (the activities) or in an act's transaction beside its other writes.
 */
export function createStepWriter(db: Db, calendars: CalendarSource, reference: ReferenceData, book: RuleBook = ruleBook) {
  /** Writes one ledger entry and the step's row with it, in the caller's transaction; answers the step as it now stands. */
  async function writeChange(
    tx: Prisma.TransactionClient,
    change: Change,
    kind: StepEventKind,
    mutate: StepMutation,
    loaded?: Step,
  ): Promise<StepPlan> {
    let read: Promise<Step> | undefined = loaded && Promise.resolve(loaded);
    const row = () => (read ??= tx.step.findUniqueOrThrow({ where: { id: change.stepId } }));
    const { data, details, alsoWrite } = await mutate(row, tx);
    // Written only over the revision before it: a step changed meanwhile is not found, and nothing is written.
    const updated = await tx.step.update({
      where: { id: change.stepId, revision: change.revision - 1 },
      data: { ...data, revision: change.revision },
    });
    await alsoWrite?.(tx, updated);
    const plan = planOf(updated);
    await tx.stepEvent.create({
      data: {
        stepId: change.stepId,
        revision: change.revision,
        kind,
        occurredAt: new Date(change.at),
        details: asJson(details),
        plan: asJson(plan),
      },
    });
    return plan;
  }

  /** Applies one ledger entry exactly once, in a transaction of its own, and returns the step as it now stands. */
  async function applyChange(change: Change, kind: StepEventKind, mutate: StepMutation): Promise<StepPlan> {
    const step = await load(change.stepId);
    // A re-run after a crash: the ledger entry of this revision was written with the step's row.
    if (step.revision >= change.revision) return (await planAt(change.stepId, change.revision)) as StepPlan;
    try {
      return await db.$transaction((tx) => writeChange(tx, change, kind, mutate, step));
    } catch (error) {
      if (isUniqueViolation(error)) return (await planAt(change.stepId, change.revision)) as StepPlan;
      throw error;
    }
  }

  /**
   * The step as the ledger entry of `revision` left it, if that entry exists: what a task re-run
   * after a crash gets back, not the step as later entries (written by the same lost task) left it.
   * Entries written before plans were kept give the step as it stands.
   */
  async function planAt(stepId: string, revision: number): Promise<StepPlan | undefined> {
    const entry = await db.stepEvent.findUnique({ where: { stepId_revision: { stepId, revision } } });
    if (!entry) return undefined;
    return (entry.plan as StepPlan | null) ?? planOf(await load(stepId));
  }

  function load(stepId: string) {
    return db.step.findUniqueOrThrow({ where: { id: stepId } });
  }

  /** A new due date after a suspension or extension, and the reminders and rungs that go with it. */
  async function adjusted(step: Awaited<ReturnType<typeof load>>, adjustment: Adjustment) {
    const snapshot = snapshotOf(step);
    const calendar = await calendars.current();
    const next = adjustDeadline(snapshot.rule, explanationOf(step), adjustment, calendar);
    const stepFirePoints = planFirePoints(
      {
        stepId: step.id,
        rule: snapshot.rule,
        due: next,
        owner: snapshot.owner,
        rungRecipients: snapshot.rungRecipients,
      },
      calendar,
    );
    return {
      dueDate: isoToDateColumn(next.dueDate),
      dueAt: new Date(next.dueAt),
      explanation: asJson(next.explanation),
      firePoints: asJson([...stepFirePoints, ...(snapshot.statutory?.firePoints ?? [])]),
    };
  }

  const legalDate = (explicit: string | undefined, at: string) => explicit ?? vietnamDate(new Date(at));

  /** Computes a step's due date and plans every notification, before anything is written. */
  async function planOpening(input: OpeningInput, registry?: ReferenceSnapshot) {
    const stepId = stepIdOf(input.workflowId, input.stepKey);
    registry ??= await reference.snapshot();
    const place = placeOf(registry, input.jurisdictionId);
    const { provinceId } = place;
    const calendar = await calendars.current();
    const limitInput = input.statutoryLimit;
    const overrides = ruleOverridesOf(registry, provinceId, [input.ruleKey, ...(limitInput ? [limitInput.ruleKey] : [])]);
    const rule = ruleInForce(book, input.ruleKey, provinceId, input.startDate, overrides, input.decidedMonths);
    const limitRule = limitInput ? ruleInForce(book, limitInput.ruleKey, provinceId, limitInput.startDate, overrides) : undefined;
    const ladder = (escalations: EffectiveRule['escalations']) => escalations.map((rung) => rung.to);
    const serving = servingAgencies(registry, place, input.startDate);
    const owner = input.ownerAgencyId ? namedOwner(registry, input.ownerAgencyId, rule.responsible.role) : serving(rule.responsible);
    const rungRecipients = ladder(rule.escalations).map(serving);
    const deadline = computeDeadline(
      { rule, startDate: input.startDate, openedAt: input.openedAt },
      calendar,
    );

    let statutory: StepSnapshot['statutory'];
    if (limitInput && limitRule) {
      const limit = computeDeadline(
        { rule: limitRule, startDate: limitInput.startDate, openedAt: input.openedAt },
        calendar,
      );
      const recipients = ladder(limitRule.escalations).map(serving);
      const firePoints = planStatutoryFirePoints(input.workflowId, limitRule, limit, recipients, calendar);
      statutory = {
        rule: limitRule,
        dueDate: limit.dueDate,
        dueAt: limit.dueAt,
        explanation: limit.explanation,
        firePoints,
      };
    }

    const stepFirePoints = planFirePoints({ stepId, rule, due: deadline, owner, rungRecipients }, calendar);
    const snapshot: StepSnapshot = { rule, owner, rungRecipients, ...(statutory ? { statutory } : {}) };
    return {
      stepId,
      opened: { ruleKey: rule.key, startDate: input.startDate, openedAt: input.openedAt },
      row: {
        id: stepId,
        workflowId: input.workflowId,
        caseRef: input.caseRef,
        procedure: rule.procedure,
        stepKey: input.stepKey,
        ruleKey: rule.key,
        titleVi: rule.titleVi,
        titleEn: rule.titleEn,
        jurisdictionId: input.jurisdictionId,
        provinceId,
        ownerAgencyId: owner.agencyId,
        ownerRole: owner.role,
        startEvent: rule.startEvent.code,
        startDate: isoToDateColumn(input.startDate),
        openedAt: new Date(input.openedAt),
        dueDate: isoToDateColumn(deadline.dueDate),
        dueAt: new Date(deadline.dueAt),
        statutoryDueDate: statutory ? isoToDateColumn(statutory.dueDate) : null,
        statutoryDueAt: statutory ? new Date(statutory.dueAt) : null,
        ruleSnapshot: asJson(snapshot),
        explanation: asJson(deadline.explanation),
        firePoints: asJson([...stepFirePoints, ...(statutory?.firePoints ?? [])]),
      } satisfies Prisma.StepUncheckedCreateInput,
    };
  }

  /** Writes a planned step and its first ledger entry in the caller's transaction. */
  async function writeOpening(tx: Prisma.TransactionClient, planned: Awaited<ReturnType<typeof planOpening>>): Promise<StepPlan> {
    const step = await tx.step.create({ data: planned.row });
    const plan = planOf(step);
    await tx.stepEvent.create({
      data: {
        stepId: planned.stepId,
        revision: 0,
        kind: StepEventKind.OPENED,
        occurredAt: new Date(planned.opened.openedAt),
        details: asJson({ ruleKey: planned.opened.ruleKey, startDate: planned.opened.startDate }),
        plan: asJson(plan),
      },
    });
    return plan;
  }

  /** What each kind of change writes: its ledger entry's kind and the step's new columns. */
  const changes = {
    complete: (input: Change & CompleteStepInput): StepChange => [
      StepEventKind.COMPLETED,
      async () => ({
        data: {
          status: StepStatus.COMPLETED,
          completedAt: new Date(input.at),
          completedOn: input.on ? isoToDateColumn(input.on) : null,
          completedBy: input.actorId ?? null,
          suspendedSince: null,
        },
        details: { outcome: input.outcome ?? null, on: input.on ?? null, actorId: input.actorId ?? null },
      }),
    ],

    /** Closes a step the procedure no longer needs (the case ended another way); no more notifications. */
    cancel: (input: Change & CompleteStepInput): StepChange => [
      StepEventKind.CANCELLED,
      async () => ({
        data: { status: StepStatus.CANCELLED, suspendedSince: null },
        details: { reason: input.outcome ?? null, actorId: input.actorId ?? null },
      }),
    ],

    /** Stops the clock; the due date moves when it restarts, by the time it stood still. */
    suspend: (input: Change & SuspendStepInput): StepChange => [
      StepEventKind.SUSPENDED,
      async () => ({
        data: { status: StepStatus.SUSPENDED, suspendedSince: new Date(input.at) },
        details: {
          reason: input.reason,
          fromDate: legalDate(input.fromDate, input.at),
          actorId: input.actorId ?? null,
        },
      }),
    ],

    resume: (input: Change & ResumeStepInput): StepChange => [
      StepEventKind.RESUMED,
      async (row, tx) => {
        const step = await row();
        const suspension = await tx.stepEvent.findFirstOrThrow({
          where: { stepId: step.id, kind: StepEventKind.SUSPENDED },
          orderBy: { revision: 'desc' },
        });
        const details = suspension.details as { reason: string; fromDate: string };
        const toDate = legalDate(input.onDate, input.at);
        if (toDate < details.fromDate)
          throw ApplicationFailure.create({
            type: StepFailure.INVALID_ADJUSTMENT,
            nonRetryable: true,
            message: `resume date ${toDate} is before the suspension date ${details.fromDate}`,
          });
        const adjustment: Adjustment = {
          kind: 'SUSPENSION',
          fromAt: (step.suspendedSince ?? suspension.occurredAt).toISOString(),
          fromDate: details.fromDate,
          toAt: input.at,
          toDate,
          reason: details.reason,
        };
        return {
          data: { status: StepStatus.OPEN, suspendedSince: null, ...(await adjusted(step, adjustment)) },
          details: { adjustment, actorId: input.actorId ?? null },
        };
      },
    ],

    /**
     * The case moved to another commune: the step stays the same step (its due date, its
     * explanation, and the keys and instants of its reminders and rungs, so what was sent is not
     * sent again) under the new commune, and every recipient that was a body of the old commune
     * (its owner, a rung of its ladder, a statutory-limit notice) becomes the new commune's body of
     * the same kind. A new owner finds it in its inbox, written with the change: once.
     */
    move: (input: Change & MoveStepInput): StepChange => [
      StepEventKind.MOVED,
      async (row) => {
        const step = await row();
        const swap = <R extends Recipient>(recipient: R): R => {
          const next = input.handover[recipient.agencyId];
          return next ? { ...recipient, ...next } : recipient;
        };
        const snapshot = snapshotOf(step);
        const moved: StepSnapshot = {
          ...snapshot,
          owner: swap(snapshot.owner),
          rungRecipients: snapshot.rungRecipients.map(swap),
          ...(snapshot.statutory
            ? { statutory: { ...snapshot.statutory, firePoints: snapshot.statutory.firePoints.map((point) => ({ ...point, recipient: swap(point.recipient) })) } }
            : {}),
        };
        const newOwner = input.handover[step.ownerAgencyId];
        return {
          data: {
            jurisdictionId: input.toJurisdictionId,
            ...(newOwner ? { ownerAgencyId: newOwner.agencyId } : {}),
            ruleSnapshot: asJson(moved),
            firePoints: asJson(firePointsOf(step).map((point) => ({ ...point, recipient: swap(point.recipient) }))),
          },
          details: {
            on: input.on,
            fromJurisdictionId: step.jurisdictionId,
            toJurisdictionId: input.toJurisdictionId,
            fromOwnerAgencyId: step.ownerAgencyId,
            toOwnerAgencyId: newOwner?.agencyId ?? step.ownerAgencyId,
            actorId: input.actorId ?? null,
          },
          ...(newOwner
            ? {
                alsoWrite: (tx: Prisma.TransactionClient, updated: Step) =>
                  tx.notification.create({
                    data: {
                      // One per step and ledger revision: a retry finds the revision written and comes back before this.
                      key: `${step.id}:moved:${input.revision}`,
                      stepId: step.id,
                      kind: NotificationKind.CASE_MOVED,
                      rung: 0,
                      recipientAgencyId: newOwner.agencyId,
                      recipientRole: step.ownerRole,
                      scheduledAt: new Date(input.at),
                      ...handoverText(updated, { from: snapshot.owner, to: newOwner, on: input.on }),
                      inboxItems: { create: { agencyId: newOwner.agencyId, role: step.ownerRole } },
                    },
                  }),
              }
            : {}),
        };
      },
    ],

    extend: (input: Change & ExtendStepInput): StepChange => [
      StepEventKind.EXTENDED,
      async (row) => {
        const step = await row();
        const budget = snapshotOf(step).rule.budget;
        const unit =
          budget.kind === 'ELAPSED'
            ? 'SECONDS'
            : budget.kind === 'WORKING_DAYS'
              ? 'WORKING_DAYS'
              : 'CALENDAR_DAYS';
        const adjustment: Adjustment = {
          kind: 'EXTENSION',
          at: input.at,
          amount: input.amount,
          unit,
          reason: input.reason,
        };
        return {
          data: await adjusted(step, adjustment),
          details: { adjustment, actorId: input.actorId ?? null },
        };
      },
    ],
  };

  function definitionOf(write: StepChangeWrite): StepChange {
    switch (write.change) {
      case 'complete':
        return changes.complete(write.input);
      case 'cancel':
        return changes.cancel(write.input);
      case 'suspend':
        return changes.suspend(write.input);
      case 'resume':
        return changes.resume(write.input);
      case 'extend':
        return changes.extend(write.input);
      case 'move':
        return changes.move(write.input);
    }
  }

  return {
    planOpening,
    writeOpening,
    /** Writes a change in the caller's transaction (an act's other writes beside it). */
    writeChange(tx: Prisma.TransactionClient, write: StepChangeWrite): Promise<StepPlan> {
      return writeChange(tx, write.input, ...definitionOf(write));
    },
    planAt,
    /** The standalone activities: each change in a transaction of its own. */
    activities: {
      /** Opens the step once per workflow and step key: computes the due date and plans every notification. */
      async openStep(input: OpeningInput): Promise<StepPlan> {
        const planned = await planOpening(input);
        try {
          return await db.$transaction((tx) => writeOpening(tx, planned));
        } catch (error) {
          // A re-run after a crash in the task that opened it (the row is there): the step as it opened.
          if (isUniqueViolation(error)) return (await planAt(planned.stepId, 0)) as StepPlan;
          throw error;
        }
      },
      completeStep: (input: Change & CompleteStepInput) => applyChange(input, ...changes.complete(input)),
      /** Closes a step the procedure no longer needs (the case ended another way); no more notifications. */
      cancelStep: (input: Change & CompleteStepInput) => applyChange(input, ...changes.cancel(input)),
      /** Stops the clock; the due date moves when it restarts, by the time it stood still. */
      suspendStep: (input: Change & SuspendStepInput) => applyChange(input, ...changes.suspend(input)),
      resumeStep: (input: Change & ResumeStepInput) => applyChange(input, ...changes.resume(input)),
      /** The case moved to another commune: the same step under the new commune's bodies (see `changes.move`). */
      moveStep: (input: Change & MoveStepInput) => applyChange(input, ...changes.move(input)),
      extendStep: (input: Change & ExtendStepInput) => applyChange(input, ...changes.extend(input)),
    },
  };
}

/** The step activities a worker registers. */
export function createStepActivities(db: Db, calendars: CalendarSource, reference: ReferenceData, book: RuleBook = ruleBook) {
  return createStepWriter(db, calendars, reference, book).activities;
}
