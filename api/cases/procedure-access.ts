import type { Role } from '../../generated/prisma/enums';
import type { ActionDefinition } from '../../procedures/procedure-definition';
import type { ProcedureModule } from '../../procedures/procedure-module';
import { PROCEDURES } from '../../procedures/registry';
import type { RuleBook } from '../../rules/rule-book';

/**
 * Who may do what to cases, derived from the procedures' action tables (stated once, in each
 * definition.ts) and the rule book's step owners. The workflow uses the same tables to decide
 * what is open; the API uses them to decide who may ask.
 */

/** Every role that owns a version of the rule's step. */
export function stepOwnerRoles(book: RuleBook, ruleKey: string): Role[] {
  return [...new Set(book.get(ruleKey).versions.map((version) => version.responsible.role))];
}

/** The roles that may take the action (the step's owners by any version, and the named colleagues). */
export function actionRoles(book: RuleBook, row: ActionDefinition): Role[] {
  if ('roles' in row.by) return [...row.by.roles];
  const rule = row.step?.rule;
  if (!rule) throw new Error(`action ${row.type}: a step owner's action needs a step`);
  return [...new Set([...stepOwnerRoles(book, rule), ...(row.by.alsoRoles ?? [])])];
}

const unique = (roles: Role[]) => [...new Set(roles)];

/**
 * Who moves a case to another commune of its province (`POST /cases/{caseRef}/jurisdiction`): the
 * province's coordinator, and the head of police or the chairman of the commune holding the case
 * (its jurisdiction checked by the route), each only for a procedure whose cases the role reads.
 */
export const CASE_MOVERS: readonly Role[] = ['PROVINCIAL_COORDINATOR', 'COMMUNE_POLICE_HEAD', 'COMMUNE_CHAIRMAN'];

/** Every role that takes some action in some procedure: the gate before the per-action check. */
export function caseActorRoles(book: RuleBook, procedures: readonly ProcedureModule[] = PROCEDURES): Role[] {
  return unique(procedures.flatMap((p) => p.definition.actions.flatMap((row) => actionRoles(book, row))));
}

/** Every role that reads cases of some procedure. */
export function caseReaderRoles(procedures: readonly ProcedureModule[] = PROCEDURES): Role[] {
  return unique(procedures.flatMap((p) => [...p.definition.readBy]));
}

/** Every role that opens cases of some procedure. */
export function caseOpenerRoles(procedures: readonly ProcedureModule[] = PROCEDURES): Role[] {
  return unique(procedures.flatMap((p) => [...p.definition.openedBy]));
}

/**
 * The procedures whose cases a caller with these roles may find. A confidential procedure (a
 * victim's record) is found only when asked for by name, never among other procedures' cases.
 */
export function readableProcedures(
  roles: readonly Role[],
  askedFor?: string,
  procedures: readonly ProcedureModule[] = PROCEDURES,
): string[] {
  return procedures
    .filter((p) => p.definition.readBy.some((role) => roles.includes(role)))
    .filter((p) => !p.definition.confidential || p.definition.code === askedFor)
    .map((p) => p.definition.code);
}

/**
 * The steps whose actions these roles may take beside the step's owner (a commune police officer
 * files the dossier the head of police owns): they are on the officer's task list too.
 */
export function rulesAlsoActedOnBy(roles: readonly Role[], procedures: readonly ProcedureModule[] = PROCEDURES): string[] {
  const rules = procedures.flatMap((p) =>
    p.definition.actions.flatMap((row) =>
      'stepOwner' in row.by && row.step && (row.by.alsoRoles ?? []).some((role) => roles.includes(role)) ? [row.step.rule] : [],
    ),
  );
  return [...new Set(rules)];
}

/**
 * The confidential procedures (a victim's record) these roles may not read: their steps are left
 * out of every view that lists or counts steps beyond their owners (the board, the deadline lists,
 * the performance figures), so that a number never points to a case the reader may not open.
 */
export function hiddenProcedures(roles: readonly Role[], procedures: readonly ProcedureModule[] = PROCEDURES): string[] {
  return procedures
    .filter((p) => p.definition.confidential && !p.definition.readBy.some((role) => roles.includes(role)))
    .map((p) => p.definition.code);
}
