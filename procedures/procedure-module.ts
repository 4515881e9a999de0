import type { z } from 'zod';
import type { Db } from '../db/client';
import type { StepRule } from '../rules/rule-types';
import type { Actor } from '../workflows/cases/case-contract';
import type { CaseloadSheet } from './caseload-sheet';
import type { ProcedureDefinition } from './procedure-definition';

/** Why a procedure does not apply to what the body says, for one field. */
export interface CheckProblem {
  field: string;
  message: string;
  messageEn: string;
}

/** What opening a case of a procedure through `POST /cases` needs. */
export interface CaseOpening<B extends z.ZodObject = z.ZodObject> {
  /** The body's fields besides `procedure`. */
  body: B;
  /** The commune that handles the case. */
  jurisdictionOf(body: z.output<B>): string;
  /** The unit of residence named in the body, checked against the registry. */
  residenceOf?(body: z.output<B>): string | undefined;
  /** The legal date that opens the case: its year is in the reference; it may not be in the future. */
  legalDateOf(body: z.output<B>): { field: string; date: string };
  /** The person's birth date, to check the procedure's ages on the legal date. */
  birthDateOf?(body: z.output<B>): string | undefined;
  /** Who the procedure applies to beyond age, as the body shows it (problems found, by field; empty when it applies). */
  check?(body: z.output<B>): CheckProblem[];
  /**
   * What the body names that only the record knows (an establishment of the register): the
   * problems by field (422 before anything starts), or what the workflow's input takes from it.
   */
  lookUp?(body: z.output<B>, db: Db): Promise<{ problems: CheckProblem[]; found?: Record<string, unknown> }>;
  /** The subject that has at most one case of the procedure (a commune's assessment of a year): a second opening answers 409. */
  oneCasePer?(body: z.output<B>): string;
  /** The workflow's input. */
  toInput(body: z.output<B>, context: { caseRef: string; actor: Actor; found?: Record<string, unknown> }): unknown;
}

/** How a figure of a periodic report is counted from the record, for a unit's subtree and a window. */
export type FigureCount =
  /** Timeline entries of a kind recorded in the window (optionally by a detail, or people rather than entries). */
  | {
      events: string;
      where?: { detail: string; equals?: string; includesAny?: readonly string[] };
      distinctPeople?: boolean;
    }
  /** Cases of the procedure begun by a date field and not closed: at the window's end, or at any time in it. */
  | {
      cases: string;
      startedBy: string;
      openAt: 'END' | 'ANY_TIME';
      /** A date field that ends the count before the case closes (a measure served, then followed up). */
      endedBy?: string;
      where?: { field: string; equals: string; orMissing?: boolean };
    }
  /** A percentage of two other figures (rounded), e.g. relapses over people under post-rehabilitation. */
  | { percentOf: string; over: string };

export interface ProcedureFigure {
  key: string;
  vi: string;
  en: string;
  count: FigureCount;
  /**
   * Below the province, a count from 1 to under this is reported as 0, so that a small number
   * cannot point to a person (victims' records). The province's own figure is exact.
   */
  suppressBelowProvinceUnder?: number;
}

/**
 * Everything that is one procedure's own, for the API and the rule book (DESIGN.md decision 11):
 * its definition (the data the workflow shares), its actions' schemas, its rules, and how a case
 * of it is opened. Registered once in procedures/registry.ts.
 */
export interface ProcedureModule {
  definition: ProcedureDefinition;
  /** A discriminated union on `type`, one object schema per action in the definition. */
  actions: z.ZodDiscriminatedUnion<z.ZodObject[], 'type'>;
  rules: readonly StepRule[];
  /** The procedure's own case fields (cases.fields), as its timeline entries write them. */
  fields: z.ZodObject;
  /** What it adds to the periodic reports, counted from the record. */
  figures?: readonly ProcedureFigure[];
  /** The case page's part for those fields; the fields as they are when absent. */
  page?(fields: Record<string, unknown>): object;
  opening?: CaseOpening;
  /** How its running cases are imported from a province's spreadsheet (needs `opening`). */
  caseload?: CaseloadSheet;
}

export const defineProcedure = <B extends z.ZodObject, F extends z.ZodObject>(
  module: Omit<ProcedureModule, 'opening' | 'fields' | 'page'> & {
    fields: F;
    page?(fields: z.output<F>): object;
    opening?: CaseOpening<B>;
  },
) => module as unknown as ProcedureModule;
