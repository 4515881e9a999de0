import { PROCEDURES } from '../procedures/registry';
import { reportingRules } from './reporting.rules';
import {
  ruleOverrideParametersSchema,
  type EffectiveRule,
  type RuleOverrideParameters,
  type StepRule,
} from './rule-types';

/** A province's override row as the rule book needs it. */
export interface ProvinceOverride {
  provinceId: string;
  effectiveFrom: string;
  reason: string;
  parameters: unknown;
}

export class RuleNotFoundError extends Error {
  readonly code = 'RULE.NOT_FOUND';
  constructor(readonly ruleKey: string) {
    super(`Không có quy tắc thời hạn "${ruleKey}" / No deadline rule "${ruleKey}"`);
  }
}

export class RuleNotInForceError extends Error {
  readonly code = 'RULE.NOT_IN_FORCE';
  constructor(
    readonly ruleKey: string,
    readonly onDate: string,
  ) {
    super(
      `Quy tắc "${ruleKey}" không có phiên bản áp dụng cho ngày ${onDate} / Rule "${ruleKey}" has no version in force on ${onDate}`,
    );
  }
}

/** Every rule the engine knows, by key. Procedures add their own rule files here. */
export class RuleBook {
  private readonly byKey: ReadonlyMap<string, StepRule>;

  constructor(rules: readonly StepRule[]) {
    const byKey = new Map<string, StepRule>();
    for (const rule of rules) {
      if (byKey.has(rule.key)) throw new Error(`duplicate rule key ${rule.key}`);
      assertVersionsOrdered(rule);
      byKey.set(rule.key, rule);
    }
    this.byKey = byKey;
  }

  list(): StepRule[] {
    return [...this.byKey.values()];
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): StepRule {
    const rule = this.byKey.get(key);
    if (!rule) throw new RuleNotFoundError(key);
    return rule;
  }

  /**
   * The rule as it applies to a step whose start event happened on `onDate` in a province: the
   * law's version in force that day, with the latest of the province's overrides effective by then.
   */
  effectiveRule(key: string, onDate: string, overrides: readonly ProvinceOverride[] = []): EffectiveRule {
    const rule = this.get(key);
    const version = rule.versions.find(
      (v) => v.effectiveFrom <= onDate && (!v.effectiveTo || onDate <= v.effectiveTo),
    );
    if (!version) throw new RuleNotInForceError(key, onDate);
    const base: EffectiveRule = {
      key: rule.key,
      procedure: rule.procedure,
      titleVi: rule.titleVi,
      titleEn: rule.titleEn,
      ...version,
    };

    const override = overrides
      .filter((o) => o.effectiveFrom <= onDate)
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
    if (!override) return base;
    const parameters: RuleOverrideParameters = ruleOverrideParametersSchema.parse(override.parameters);
    return {
      ...base,
      ...parameters,
      override: {
        provinceId: override.provinceId,
        effectiveFrom: override.effectiveFrom,
        reason: override.reason,
        fields: Object.keys(parameters),
      },
    };
  }
}

function assertVersionsOrdered(rule: StepRule): void {
  rule.versions.forEach((version, index) => {
    const next = rule.versions[index + 1];
    if (next && (!version.effectiveTo || version.effectiveTo >= next.effectiveFrom)) {
      throw new Error(`rule ${rule.key}: versions overlap at ${next.effectiveFrom}`);
    }
  });
}

/** Every procedure's rules (procedures/registry.ts) and the reporting rules. */
export const ruleBook = new RuleBook([...PROCEDURES.flatMap((procedure) => procedure.rules), ...reportingRules]);
