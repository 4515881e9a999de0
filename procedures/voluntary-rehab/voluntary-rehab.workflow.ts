import { ageOn } from '../../domain/time/age';
import { CaseEngine, rejectAction } from '../../workflows/cases/case-engine';
import type { Actor, CaseSnapshot } from '../../workflows/cases/case-contract';
import { compulsoryCaseRefFrom, minorsCaseRefFrom, openCompulsoryCase } from '../compulsory-rehab-adult/opened-by-another-case';
import { postRehab, type StartPostRehabInput } from '../post-rehab/definition';
import { POST_REHAB_SHORT_MONTHS } from '../post-rehab/rules';
import type { VoluntaryRehabAction as Action } from './actions';
import { Event, Phase, voluntaryRehab, type StartVoluntaryRehabInput } from './definition';

/**
 * Procedure C (domain/procedures.md §4): the treatment period chosen at the decision or admission,
 * a violation that hands the person to a compulsory procedure (an adult's, or a minor's from 12: ground 1, or 2 for using during
 * treatment), and completion that starts one year of post-rehabilitation management.
 */
class VoluntaryRehabCase {
  readonly engine: CaseEngine<Action>;
  private personId = '';

  constructor(private readonly input: StartVoluntaryRehabInput) {
    this.engine = new CaseEngine<Action>(voluntaryRehab, input.caseRef, input.jurisdictionId, input.registeredOn);
    if (input.setting === 'FACILITY') this.engine.phase = Phase.AWAITING_ADMISSION;
  }

  serve(): Promise<CaseSnapshot> {
    return this.engine.serve({ perform: (action, actor) => this.perform(action, actor) }, async () => {
      const { personId } = await this.engine.register(
        {
          person: this.input.person,
          ...(this.input.actor ? { actor: this.input.actor } : {}),
          ...(this.input.parentCaseRef ? { parentCaseRef: this.input.parentCaseRef } : {}),
          fields: { setting: this.input.setting, registeredOn: this.input.registeredOn },
          event: { kind: Event.VOLUNTARY_REGISTERED, legalDate: this.input.registeredOn, details: { setting: this.input.setting } },
        },
        [this.input.setting === 'COMMUNITY' ? 'VOL.DECISION' : 'VOL.ADMISSION'],
        this.input.pastActs,
      );
      this.personId = personId;
      await this.engine.runUntilClosed();
    });
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    const engine = this.engine;
    const by = { actorId: actor.userId };
    switch (action.type) {
      case 'DECIDE_VOLUNTARY_TREATMENT':
      case 'ADMIT_VOLUNTARY': {
        const community = action.type === 'DECIDE_VOLUNTARY_TREATMENT';
        await engine.complete(community ? 'VOL.DECISION' : 'VOL.ADMISSION', action.on, by);
        const { type: _type, on: _on, ...details } = action;
        await engine.moveTo(
          Phase.IN_TREATMENT,
          community ? Event.VOLUNTARY_TREATMENT_DECIDED : Event.VOLUNTARY_ADMITTED,
          action.on,
          actor,
          undefined,
          details,
          { fields: { treatmentFrom: action.on, treatmentMonths: action.months } },
        );
        await engine.openStep(community ? 'VOL.COMPLETION_COMMUNITY' : 'VOL.COMPLETION_FACILITY', action.on, {
          decidedMonths: action.months,
        });
        return;
      }
      case 'RECORD_VIOLATION':
        await this.violation(action.violation, action.recordRef, action.on, actor);
        return;
      case 'COMPLETE_VOLUNTARY_TREATMENT':
      case 'COMPLETE_FACILITY_TREATMENT': {
        const rule = action.type === 'COMPLETE_VOLUNTARY_TREATMENT' ? 'VOL.COMPLETION_COMMUNITY' : 'VOL.COMPLETION_FACILITY';
        await engine.complete(rule, action.on, by);
        const followUpRef = `${postRehab.refPrefix}-${this.input.caseRef}`;
        await engine.close(Event.VOLUNTARY_COMPLETED, action.on, actor, 'COMPLETED', { fields: { completedOn: action.on } }, {
          certificateRef: action.certificateRef,
          postRehabCaseRef: followUpRef,
        });
        const followUp: StartPostRehabInput = {
          caseRef: followUpRef,
          parentCaseRef: this.input.caseRef,
          personId: this.personId,
          jurisdictionId: engine.followUpCommune(this.input.residenceJurisdictionId),
          startDate: action.on,
          months: POST_REHAB_SHORT_MONTHS,
          ...(this.input.birthDate ? { birthDate: this.input.birthDate } : {}),
        };
        await engine.startCase(postRehab.workflowType, followUpRef, followUp);
        return;
      }
      default:
        throw rejectAction(`${(action as Action).type} is performed by the action table`);
    }
  }

  /** A violation (Form 27): an adult goes to compulsory rehabilitation (D), a minor from 12 to the minors' procedure (E). */
  private async violation(kind: 'NOT_UNDERGOING' | 'QUIT' | 'USING_DURING_TREATMENT', recordRef: string, on: string, actor: Actor) {
    const engine = this.engine;
    const birthDate = this.input.birthDate;
    const age = birthDate === undefined ? undefined : ageOn(birthDate, on);
    const legalGround = kind === 'USING_DURING_TREATMENT' ? 2 : 1;
    const compulsoryRef =
      age === undefined || age < 12 ? undefined : age >= 18 ? compulsoryCaseRefFrom(engine.caseRef) : minorsCaseRefFrom(engine.caseRef);
    await engine.close(Event.VOLUNTARY_VIOLATION, on, actor, compulsoryRef ? 'VIOLATION' : 'VIOLATION_NO_MEASURE', { fields: { violation: kind } }, {
      violation: kind,
      recordRef,
      ...(compulsoryRef ? { compulsoryCaseRef: compulsoryRef, legalGround } : {}),
    });
    if (birthDate !== undefined && compulsoryRef)
      await openCompulsoryCase(engine, { personId: this.personId, residenceJurisdictionId: this.input.residenceJurisdictionId, birthDate }, legalGround, on);
  }
}

export async function voluntaryRehabWorkflow(input: StartVoluntaryRehabInput): Promise<CaseSnapshot> {
  return new VoluntaryRehabCase(input).serve();
}
