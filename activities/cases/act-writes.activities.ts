import type { CalendarSource } from '../../db/calendar-source';
import type { Db } from '../../db/client';
import type { ReferenceData } from '../../db/reference-data';
import { provinceOf } from '../../db/responsible-agency';
import { stepIdOf, type StepPlan } from '../../workflows/deadlines/contract';
import { createStepWriter, type OpeningInput, type StepChangeWrite } from '../deadlines/step.activities';
import { isUniqueViolation } from '../deadlines/step-record';
import { writeCaseEvent, writeCaseRegistration, type CaseEventInput, type RegisterCaseInput } from './case.activities';

/** One write of an act, in the order the workflow made it. */
export type ActWrite =
  | { kind: 'register'; input: RegisterCaseInput }
  | { kind: 'event'; input: CaseEventInput }
  | { kind: 'open'; input: OpeningInput }
  | ({ kind: 'change' } & StepChangeWrite);

/** What each write answers: whom a registered case is about, a step as it now stands, nothing for a timeline entry. */
export type ActWriteResult = { personId: string | null; provinceId: string } | StepPlan | null;

/**
 * An act's writes in one transaction: its timeline entries, the steps it closes, stops or moves
 * and the steps it opens, each with its ledger entry. Either all of them are on record or none:
 * a retry after a crash finds the first and reads back what the attempt before wrote.
 */
export function createActWritesActivities(db: Db, calendars: CalendarSource, reference: ReferenceData) {
  const steps = createStepWriter(db, calendars, reference);

  /** What a write answered, read back from the record; undefined when it is not on record. */
  async function recorded(write: ActWrite): Promise<ActWriteResult | undefined> {
    switch (write.kind) {
      case 'register': {
        const row = await db.case.findUnique({ where: { id: write.input.caseRef } });
        return row ? { personId: row.personId, provinceId: row.provinceId } : undefined;
      }
      case 'event':
        return (await db.caseEvent.count({ where: { caseId: write.input.caseRef, seq: write.input.seq } })) > 0 ? null : undefined;
      case 'open':
        return steps.planAt(stepIdOf(write.input.workflowId, write.input.stepKey), 0);
      case 'change':
        return steps.planAt(write.input.stepId, write.input.revision);
    }
  }

  /** An act's writes are on record together or not at all: what each answered, read back. */
  const readBack = (writes: readonly ActWrite[]) => Promise.all(writes.map(recorded)) as Promise<ActWriteResult[]>;

  return {
    async recordActWrites({ writes }: { writes: ActWrite[] }): Promise<ActWriteResult[]> {
      const [first] = writes;
      if (!first) return [];
      if ((await recorded(first)) !== undefined) return readBack(writes);
      // Due dates and the registry are worked out before the transaction, which then only writes.
      const registry = await reference.snapshot();
      const planned = await Promise.all(writes.map((write) => (write.kind === 'open' ? steps.planOpening(write.input, registry) : undefined)));
      try {
        return await db.$transaction(async (tx) => {
          const results: ActWriteResult[] = [];
          for (const [index, write] of writes.entries()) {
            switch (write.kind) {
              case 'register':
                results.push(await writeCaseRegistration(tx, write.input, provinceOf(registry, write.input.jurisdictionId)));
                break;
              case 'event':
                await writeCaseEvent(tx, write.input);
                results.push(null);
                break;
              case 'open':
                results.push(await steps.writeOpening(tx, planned[index] as Awaited<ReturnType<typeof steps.planOpening>>));
                break;
              case 'change':
                results.push(await steps.writeChange(tx, write));
                break;
            }
          }
          return results;
        });
      } catch (error) {
        // An attempt before this one, still running when this began, wrote them first.
        if (isUniqueViolation(error)) return readBack(writes);
        throw error;
      }
    },
  };
}
