import { CaseEngine, caseRecord, rejectAction } from '../../workflows/cases/case-engine';
import type { Actor, CaseSnapshot } from '../../workflows/cases/case-contract';
import type { CommuneAssessmentAction as Action } from './actions';
import { communeAssessment, Event, Phase, type StartCommuneAssessmentInput } from './definition';
import { assess, outcomeRank, scoreProblems, type Assessment, type CriteriaSet, type Score } from './scoring';

/**
 * Procedure J (domain/procedures.md §12): the criteria set in force when the assessment opens is
 * kept for its whole life (a province's later version never rescores it); both scorings are
 * checked against it, and the decision may not recognise more than the council's scores reach.
 */
class CommuneAssessmentCase {
  readonly engine: CaseEngine<Action>;
  private set: CriteriaSet | undefined;
  private council: Assessment | undefined;

  constructor(private readonly input: StartCommuneAssessmentInput) {
    this.engine = new CaseEngine<Action>(communeAssessment, input.caseRef, input.jurisdictionId, input.openedOn);
  }

  serve(): Promise<CaseSnapshot> {
    return this.engine.serve(
      { validate: (action) => this.validate(action), perform: (action, actor) => this.perform(action, actor) },
      async () => {
        const { programme, year } = this.input;
        const set = await caseRecord().criteriaSetFor({ jurisdictionId: this.input.jurisdictionId, programme, year });
        this.set = set;
        const maxScore = set.criteria.reduce((sum, criterion) => sum + criterion.maxScore, 0);
        await this.engine.register(
          {
            actor: this.input.actor,
            fields: { programme, year, criteriaSetId: set.id, criteriaExample: set.example, maxScore },
            event: {
              kind: Event.ASSESSMENT_OPENED,
              legalDate: this.input.openedOn,
              details: { programme, year, criteriaSetId: set.id, criteriaVersion: set.version, example: set.example },
            },
          },
          ['ASM.SELF'],
        );
        await this.engine.runUntilClosed();
      },
    );
  }

  private validate(action: Action): void {
    if (action.type === 'RECORD_DECISION') {
      const reached = this.council?.level ?? 'NOT_RECOGNISED';
      if (outcomeRank(action.level) < outcomeRank(reached))
        throw rejectAction(`the council's scores reach ${reached}; the decision cannot recognise ${action.level}`, { field: 'level', reached });
      return;
    }
    const problems = this.set ? scoreProblems(this.set, action.scores) : [];
    if (problems.length > 0)
      throw rejectAction(problems.map((problem) => problem.messageEn).join('; '), {
        field: problems[0]?.field,
        errors: problems,
      });
  }

  private scored(scores: readonly Score[]) {
    const result = assess(this.set as CriteriaSet, scores);
    const list = scores.map(({ criterion, score }) => ({ criterion, score }));
    return { result, details: { scores: list, ...result } };
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    const engine = this.engine;
    const by = { actorId: actor.userId };
    switch (action.type) {
      case 'SUBMIT_SELF_ASSESSMENT': {
        const { result, details } = this.scored(action.scores);
        const evidenceRefs = action.scores.flatMap((entry) => (entry.evidenceRef ? [entry.evidenceRef] : []));
        await engine.complete('ASM.SELF', action.on, by, result.level);
        await engine.moveTo(Phase.COUNCIL_REVIEW, Event.SELF_ASSESSMENT_SUBMITTED, action.on, actor, undefined, { ...details, evidenceRefs }, {
          fields: { selfScore: result.total, selfLevel: result.level },
        });
        await engine.openStep('ASM.REVIEW', action.on);
        return;
      }
      case 'RECORD_COUNCIL_SCORES': {
        const { result, details } = this.scored(action.scores);
        this.council = result;
        await engine.complete('ASM.REVIEW', action.on, by, result.level);
        await engine.moveTo(Phase.AWAITING_DECISION, Event.COUNCIL_SCORED, action.on, actor, undefined, { ...details, minutesRef: action.minutesRef ?? null }, {
          fields: { councilScore: result.total, proposedLevel: result.level },
        });
        await engine.openStep('ASM.DECISION', action.on);
        return;
      }
      case 'RECORD_DECISION': {
        const { programme, year } = this.input;
        await engine.complete('ASM.DECISION', action.on, by, action.level);
        await engine.close(
          Event.ASSESSMENT_DECIDED,
          action.on,
          actor,
          action.level,
          { fields: { level: action.level, decisionRef: action.decisionRef } },
          {
            programme,
            year,
            level: action.level,
            decisionRef: action.decisionRef,
            ...(action.level === 'NOT_RECOGNISED' ? {} : { recognisedIn: programme }),
          },
        );
        return;
      }
    }
  }
}

export async function communeAssessmentWorkflow(input: StartCommuneAssessmentInput): Promise<CaseSnapshot> {
  return new CommuneAssessmentCase(input).serve();
}
