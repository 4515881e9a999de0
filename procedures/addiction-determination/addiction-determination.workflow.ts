import { addDays } from '../../domain/deadlines/deadline-computation';
import { ageOn } from '../../domain/time/age';
import { CaseEngine, rejectAction, type Wake } from '../../workflows/cases/case-engine';
import type { Actor, CaseSnapshot } from '../../workflows/cases/case-contract';
import { compulsoryCaseRefFrom, minorsCaseRefFrom, openCompulsoryCase } from '../compulsory-rehab-adult/opened-by-another-case';
import { voluntaryRehab, type StartVoluntaryRehabInput } from '../voluntary-rehab/definition';
import type { AddictionDeterminationAction as Action } from './actions';
import { Event, Phase, addictionDetermination, type StartAddictionDeterminationInput } from './definition';

type Conclusion = Extract<Action, { type: 'RECORD_CONCLUSION' | 'CONCLUDE_MONITORING' }>;

/**
 * Procedure B (domain/procedures.md §3): the conclusion and where it leads. Found addicted, the
 * person has 5 working days to register for treatment (ND 116/2021 Art. 3(3)); when they pass
 * unregistered, a compulsory case (an adult's, or a minor's from 12) opens on Art. 32 ground 1 (ground 3 for an opioid
 * addict, for whom substitution therapy was the choice), linked to this one.
 */
class AddictionDeterminationCase {
  readonly engine: CaseEngine<Action>;
  private opioid = false;
  private personId = '';

  constructor(private readonly input: StartAddictionDeterminationInput) {
    this.engine = new CaseEngine<Action>(addictionDetermination, input.caseRef, input.jurisdictionId, input.requestedOn);
  }

  serve(): Promise<CaseSnapshot> {
    return this.engine.serve(
      { perform: (action, actor) => this.perform(action, actor), nextWake: () => this.nextWake() },
      async () => {
        const { personId } = await this.engine.register(
          {
            person: this.input.person,
            ...(this.input.actor ? { actor: this.input.actor } : {}),
            ...(this.input.parentCaseRef ? { parentCaseRef: this.input.parentCaseRef } : {}),
            fields: { basis: this.input.basis, requestedOn: this.input.requestedOn },
            event: { kind: Event.DETERMINATION_REQUESTED, legalDate: this.input.requestedOn, details: { basis: this.input.basis } },
          },
          ['DET.EXAMINATION'],
          this.input.pastActs,
        );
        this.personId = personId;
        await this.engine.runUntilClosed();
      },
    );
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    switch (action.type) {
      case 'RECORD_CONCLUSION':
        await this.conclude('DET.EXAMINATION', action, actor);
        return;
      case 'CONCLUDE_MONITORING':
        await this.conclude('DET.MONITORING', action, actor);
        return;
      case 'REGISTER_TREATMENT':
        await this.engine.complete('DET.REGISTRATION', action.on, { actorId: actor.userId }, action.programme);
        // Voluntary rehabilitation (C) takes over from here; substitution therapy is not followed here.
        await this.engine.close(
          Event.TREATMENT_REGISTERED,
          action.on,
          actor,
          'REGISTERED',
          { fields: { programme: action.programme } },
          { programme: action.programme },
        );
        if (action.programme !== 'SUBSTITUTION_THERAPY') await this.startVoluntaryTreatment(action.programme, action.on, actor);
        return;
      default:
        throw rejectAction(`${(action as Action).type} is performed by the action table`);
    }
  }

  private async startVoluntaryTreatment(setting: 'COMMUNITY' | 'FACILITY', on: string, actor: Actor): Promise<void> {
    const caseRef = `${voluntaryRehab.refPrefix}-${this.input.caseRef}`;
    const input: StartVoluntaryRehabInput = {
      caseRef,
      jurisdictionId: this.engine.jurisdictionId,
      person: { personId: this.personId },
      ...(this.input.birthDate ? { birthDate: this.input.birthDate } : {}),
      residenceJurisdictionId: this.input.residenceJurisdictionId,
      setting,
      registeredOn: on,
      actor,
      parentCaseRef: this.input.caseRef,
    };
    await this.engine.startCase(voluntaryRehab.workflowType, caseRef, input);
  }

  private async conclude(ruleKey: string, action: Conclusion, actor: Actor): Promise<void> {
    const engine = this.engine;
    this.opioid = action.opioid;
    await engine.complete(ruleKey, action.on, { actorId: actor.userId }, action.result);
    const details = { result: action.result, opioid: action.opioid, resultRef: action.resultRef };
    const fields = { result: action.result, concludedOn: action.on, opioid: action.opioid };
    switch (action.result) {
      case 'ADDICTED':
        if (this.input.basis === 'POST_REHAB_USING') {
          // A relapse under post-rehabilitation is itself a ground (Art. 32(4)): no registration, the case that asked decides.
          await engine.close(Event.CONCLUSION_RECORDED, action.on, actor, 'ADDICTED_RELAPSE', { fields }, details);
          break;
        }
        await engine.moveTo(Phase.AWAITING_REGISTRATION, Event.CONCLUSION_RECORDED, action.on, actor, undefined, details, { fields });
        await engine.openStep('DET.REGISTRATION', action.on);
        break;
      case 'NOT_ADDICTED':
        await engine.close(Event.CONCLUSION_RECORDED, action.on, actor, 'NOT_ADDICTED', { fields }, details);
        break;
      case 'FURTHER_MONITORING':
        await engine.moveTo(Phase.MONITORING, Event.CONCLUSION_RECORDED, action.on, actor, undefined, details, { fields });
        await engine.openStep('DET.MONITORING', action.on);
        return;
    }
    // The result goes back to the case that asked (a managed user stays managed unless addicted).
    await engine.tellParent(this.input.parentCaseRef, { outcome: action.result, on: action.on });
  }

  /** The registration's last instant: past it, unregistered, the compulsory procedure takes over. */
  private nextWake(): Wake | undefined {
    if (this.engine.phase !== Phase.AWAITING_REGISTRATION) return undefined;
    const plan = this.engine.steps.current('DET.REGISTRATION')?.state.plan;
    if (!plan || plan.status !== 'OPEN') return undefined;
    return { at: plan.dueAt, run: () => this.registrationMissed(plan.dueDate) };
  }

  private async registrationMissed(lastDay: string): Promise<void> {
    const engine = this.engine;
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const dayAfter = addDays(lastDay, 1);
    const groundsFoundOn = dayAfter < today ? dayAfter : today;
    engine.advanceTo(groundsFoundOn);
    const birthDate = this.input.birthDate;
    const legalGround = this.opioid ? 3 : 1;
    const age = birthDate === undefined ? undefined : ageOn(birthDate, groundsFoundOn);
    const compulsoryRef =
      age === undefined || age < 12 ? undefined : age >= 18 ? compulsoryCaseRefFrom(this.input.caseRef) : minorsCaseRefFrom(this.input.caseRef);
    await engine.close(Event.REGISTRATION_MISSED, groundsFoundOn, undefined, compulsoryRef ? 'NOT_REGISTERED' : 'NOT_REGISTERED_NO_MEASURE', {}, {
      ...(compulsoryRef ? { compulsoryCaseRef: compulsoryRef, legalGround } : {}),
    });
    // An adult's case (D) or, from 12 to under 18, a minor's (E); nobody below 12.
    if (birthDate !== undefined && compulsoryRef)
      await openCompulsoryCase(
        engine,
        { personId: this.personId, residenceJurisdictionId: this.input.residenceJurisdictionId, birthDate },
        legalGround,
        groundsFoundOn,
      );
  }
}

export async function addictionDeterminationWorkflow(input: StartAddictionDeterminationInput): Promise<CaseSnapshot> {
  return new AddictionDeterminationCase(input).serve();
}
