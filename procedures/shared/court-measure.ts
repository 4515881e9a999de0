import { addDays, endOfLegalDay } from '../../domain/deadlines/deadline-computation';
import type { CaseActionBase } from '../../workflows/cases/case-contract';
import { caseRecord, type CaseEngine, type Wake } from '../../workflows/cases/case-engine';

/** The names one court-ordered measure uses for its lifecycle. */
export interface CourtMeasureNames {
  /** The complaint window's rule (procedure D's when absent, as workflows before the minors' procedure asked). */
  windowRule?: string;
  admissionRule: string;
  completionRule: string;
  events: { windowOpened: string; effective: string; termEnded: string };
  phases: { window: string; awaitingAdmission: string; inTreatment: string; completing: string };
}

/**
 * What compulsory rehabilitation of adults (D) and of minors (E) share after the court decides:
 * the complaint window that closes by itself, the decision taking effect and the admission step,
 * and the term that ends by itself and opens the completion step. Workflow code.
 */
export class CourtMeasure<A extends CaseActionBase> {
  window: { lastDay: string; closesAt: string; effectiveOn: string } | undefined;
  termEndOn: string | undefined;

  constructor(
    private readonly engine: CaseEngine<A>,
    private readonly names: CourtMeasureNames,
  ) {}

  /** The snapshot's part: the term's end and the window's last day. */
  snapshot() {
    return {
      ...(this.termEndOn ? { termEndOn: this.termEndOn } : {}),
      ...(this.window ? { complaintWindowEndsOn: this.window.lastDay } : {}),
    };
  }

  /** The window after a decision, counted from `from` (the announcement, or receipt), recorded on the timeline. */
  async openWindow(decidedOn: string, from: string, actor: Parameters<CaseEngine<A>['moveTo']>[3], stepKey: string | undefined, details: object = {}) {
    const window = await caseRecord().complaintWindow({
      jurisdictionId: this.engine.jurisdictionId,
      decisionDate: from,
      openedAt: new Date().toISOString(),
      ...(this.names.windowRule ? { ruleKey: this.names.windowRule } : {}),
    });
    this.window = window;
    await this.engine.moveTo(this.names.phases.window, this.names.events.windowOpened, decidedOn, actor, stepKey, {
      ...details,
      lastDay: window.lastDay,
      explanation: window.explanation,
    });
  }

  /** The window closing or the term ending, when the case is in those phases. */
  wake(): Wake | undefined {
    const phase = this.engine.phase;
    if (phase === this.names.phases.window && this.window) {
      const window = this.window;
      return {
        at: window.closesAt,
        on: window.effectiveOn,
        run: () => this.takeEffect(window.effectiveOn),
        undo: () => ({ fields: { decisionEffectiveOn: null } }),
      };
    }
    if (phase === this.names.phases.inTreatment && this.termEndOn) {
      const lastDay = this.termEndOn;
      // The day after the last day: an act dated on the last day itself still belongs to the term.
      return { at: endOfLegalDay(lastDay), on: addDays(lastDay, 1), run: () => this.startCompletion(lastDay) };
    }
    return undefined;
  }

  /** The decision takes effect (nobody complained, or the appeal upheld it): the person is to be admitted. */
  async takeEffect(effectiveOn: string): Promise<void> {
    this.engine.advanceTo(effectiveOn);
    await this.engine.moveTo(this.names.phases.awaitingAdmission, this.names.events.effective, effectiveOn, undefined, undefined, {}, {
      fields: { decisionEffectiveOn: effectiveOn },
    });
    await this.engine.openStep(this.names.admissionRule, effectiveOn);
  }

  /** The term's last day passed (or an early release): the completion step opens. */
  async startCompletion(lastDay: string): Promise<void> {
    this.engine.advanceTo(lastDay);
    await this.engine.moveTo(this.names.phases.completing, this.names.events.termEnded, lastDay);
    await this.engine.openStep(this.names.completionRule, lastDay);
  }
}
