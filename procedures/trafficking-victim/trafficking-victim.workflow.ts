import { patched } from '@temporalio/workflow';
import { ageOn } from '../../domain/time/age';
import { CaseEngine, rejectAction } from '../../workflows/cases/case-engine';
import type { Actor, CaseSnapshot } from '../../workflows/cases/case-contract';
import type { TraffickingVictimAction as Action } from './actions';
import { CHILD_BELOW_AGE, Event, Phase, traffickingVictim, type StartTraffickingVictimInput } from './definition';
import { supportRuleOf, type SupportMeasure } from './rules';

/** The patch that gives a child victim the child-protection step (cases received before it have none). */
export const CHILD_PROTECTION = 'trf-child-protection';

/**
 * Procedure H (domain/procedures.md §10): the verification's outcome, the victim's consent (or
 * refusal) to the support measures, one step per measure agreed, and the case closing when the
 * last one is provided. A child (under 16 on the day received) also gets the child-protection
 * step at once, and their support needs the representative's consent.
 */
class TraffickingVictimCase {
  readonly engine: CaseEngine<Action>;
  private readonly agreed = new Set<SupportMeasure>();
  private readonly child: boolean;

  constructor(private readonly input: StartTraffickingVictimInput) {
    this.engine = new CaseEngine<Action>(traffickingVictim, input.caseRef, input.jurisdictionId, input.receivedOn);
    this.child = ageOn(input.person.birthDate, input.receivedOn) < CHILD_BELOW_AGE;
  }

  serve(): Promise<CaseSnapshot> {
    return this.engine.serve(
      {
        validate: (action) => {
          if (action.type === 'PROVIDE_SUPPORT' && !this.agreed.has(action.measure))
            throw rejectAction(`${action.measure} was not agreed, or was already provided`, { field: 'measure' });
          if (action.type === 'AGREE_SUPPORT' && this.child && action.consentBy !== 'REPRESENTATIVE')
            throw rejectAction('a child’s support needs the consent of their representative (consentBy: REPRESENTATIVE)', { field: 'consentBy' });
        },
        perform: (action, actor) => this.perform(action, actor),
      },
      async () => {
        const childProtection = this.child && patched(CHILD_PROTECTION);
        await this.engine.register(
          {
            person: this.input.person,
            actor: this.input.actor,
            fields: { channel: this.input.channel, receivedOn: this.input.receivedOn, ...(childProtection ? { child: true } : {}) },
            event: { kind: Event.VICTIM_RECEIVED, legalDate: this.input.receivedOn, details: { channel: this.input.channel } },
          },
          childProtection ? ['TRF.BRING', 'TRF.CHILD_PROTECTION'] : ['TRF.BRING'],
          this.input.pastActs,
        );
        await this.engine.runUntilClosed();
      },
    );
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    const engine = this.engine;
    const by = { actorId: actor.userId };
    switch (action.type) {
      case 'RECORD_VERIFICATION':
      case 'CONCLUDE_FURTHER_VERIFICATION': {
        const rule = action.type === 'RECORD_VERIFICATION' ? 'TRF.VERIFICATION' : 'TRF.FURTHER_VERIFICATION';
        await engine.complete(rule, action.on, by, action.result);
        const details = { result: action.result, evidenceRef: action.evidenceRef ?? null };
        if (action.result === 'NOT_A_VICTIM') {
          await engine.close(Event.VICTIM_VERIFIED, action.on, actor, 'NOT_A_VICTIM', {}, details);
        } else if (action.result === 'FURTHER_VERIFICATION') {
          await engine.moveTo(Phase.FURTHER_VERIFICATION, Event.VICTIM_VERIFIED, action.on, actor, undefined, details);
          await engine.openStep('TRF.FURTHER_VERIFICATION', action.on);
        } else {
          await engine.moveTo(Phase.IDENTIFIED, Event.VICTIM_VERIFIED, action.on, actor, undefined, details, { fields: { identifiedOn: action.on } });
        }
        return;
      }
      case 'RECORD_CHILD_PROTECTION':
        await engine.complete('TRF.CHILD_PROTECTION', action.on, by, action.representative);
        await engine.note(Event.CHILD_PROTECTION_RECORDED, action.on, actor, undefined, {
          details: { representative: action.representative, alternativeCare: action.alternativeCare },
          patch: { fields: { representative: action.representative } },
        });
        return;
      case 'AGREE_SUPPORT': {
        const measures = [...new Set(action.measures)];
        await engine.moveTo(Phase.SUPPORTING, Event.SUPPORT_AGREED, action.on, actor, undefined, { measures, consentBy: action.consentBy });
        for (const measure of measures) {
          this.agreed.add(measure);
          await engine.openStep(supportRuleOf(measure), action.on);
        }
        return;
      }
      case 'REFUSE_SUPPORT':
        // Support needs the victim's consent: the refusal is on record and the case ends.
        await engine.close(Event.SUPPORT_REFUSED, action.on, actor, 'SUPPORT_REFUSED');
        return;
      case 'PROVIDE_SUPPORT':
        await engine.complete(supportRuleOf(action.measure), action.on, by);
        this.agreed.delete(action.measure);
        await engine.note(Event.SUPPORT_PROVIDED, action.on, actor, undefined, { details: { measure: action.measure } });
        if (this.agreed.size === 0) await engine.close(Event.VICTIM_CASE_CLOSED, action.on, actor, 'SUPPORT_ENDED');
        return;
      default:
        throw rejectAction(`${action.type} is performed by the action table`);
    }
  }
}

export async function traffickingVictimWorkflow(input: StartTraffickingVictimInput): Promise<CaseSnapshot> {
  return new TraffickingVictimCase(input).serve();
}
