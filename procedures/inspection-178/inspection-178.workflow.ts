import { CaseEngine } from '../../workflows/cases/case-engine';
import type { Actor, CaseSnapshot } from '../../workflows/cases/case-contract';
import type { Inspection178Action as Action } from './actions';
import { Event, inspection178, Phase, type StartInspectionInput } from './definition';

/**
 * Procedure I (domain/procedures.md §11): the inspection on record opens the case; a violation
 * waits for the competent authority's sanction; a complex establishment is then (or, without a
 * violation, straight away) inspected again; otherwise the case closes with the inspection.
 */
class InspectionCase {
  readonly engine: CaseEngine<Action>;

  constructor(private readonly input: StartInspectionInput) {
    this.engine = new CaseEngine<Action>(inspection178, input.caseRef, input.jurisdictionId, input.inspectedOn);
  }

  serve(): Promise<CaseSnapshot> {
    const input = this.input;
    return this.engine.serve({ perform: (action, actor) => this.perform(action, actor) }, async () => {
      const violation = input.result === 'VIOLATION';
      // The case is on record from the first entry at the phase the inspection leads to.
      if (violation) this.engine.phase = Phase.AWAITING_SANCTION;
      else if (input.complex) this.engine.phase = Phase.AWAITING_REINSPECTION;
      await this.engine.register(
        {
          actor: input.actor,
          fields: {
            establishmentId: input.establishmentId,
            establishmentKind: input.establishmentKind,
            teamAgencyId: input.teamAgencyId,
            inspectedOn: input.inspectedOn,
            surprise: input.surprise,
            result: input.result,
            violations: input.violations,
            complex: input.complex,
          },
          event: {
            kind: Event.INSPECTION_RECORDED,
            legalDate: input.inspectedOn,
            details: {
              establishmentId: input.establishmentId,
              kind: input.establishmentKind,
              surprise: input.surprise,
              result: input.result,
              violations: input.violations,
              minutesRef: input.minutesRef,
              teamAgencyId: input.teamAgencyId,
            },
          },
        },
        violation ? ['INS.SANCTION'] : input.complex ? ['INS.REINSPECTION'] : [],
      );
      if (!violation && !input.complex) await this.engine.close(Event.INSPECTION_CLOSED, input.inspectedOn, input.actor, 'NO_VIOLATION');
      await this.engine.runUntilClosed();
    });
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    const engine = this.engine;
    const by = { actorId: actor.userId };
    switch (action.type) {
      case 'RECORD_SANCTION': {
        await engine.complete('INS.SANCTION', action.on, by, action.outcome);
        const details = { outcome: action.outcome, decisionRef: action.decisionRef ?? null };
        if (this.input.complex) {
          await engine.moveTo(Phase.AWAITING_REINSPECTION, Event.SANCTION_DECIDED, action.on, actor, undefined, details, { fields: { sanction: action.outcome } });
          await engine.openStep('INS.REINSPECTION', action.on);
        } else {
          await engine.close(Event.SANCTION_DECIDED, action.on, actor, 'SANCTION_DECIDED', { fields: { sanction: action.outcome } }, details);
        }
        return;
      }
      case 'RECORD_REINSPECTION':
        await engine.complete('INS.REINSPECTION', action.on, by, action.result);
        // A violation found again is a new inspection on record (a new case), with its own sanction.
        await engine.close(Event.REINSPECTION_RECORDED, action.on, actor, action.result, { fields: { reinspection: action.result } }, {
          result: action.result,
          minutesRef: action.minutesRef,
        });
        return;
    }
  }
}

export async function inspection178Workflow(input: StartInspectionInput): Promise<CaseSnapshot> {
  return new InspectionCase(input).serve();
}
