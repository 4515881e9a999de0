import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../db/client';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import { StepStatus } from '../../generated/prisma/enums';
import { procedureByCode } from '../../procedures/registry';
import type { ProcedureModule } from '../../procedures/procedure-module';
import { ruleBook } from '../../rules/rule-book';
import {
  CaseFailure,
  caseActUpdate,
  caseMoveUpdate,
  caseSnapshotQuery,
  type CaseActionBase,
  type CaseMoveResult,
  type CaseSnapshot,
} from '../../workflows/cases/case-contract';
import { moveRefusal, type MoveRefusal } from '../../db/case-move';
import { ReferenceData } from '../../db/reference-data';
import { newCaseRef, pastActsInput, startCase } from '../../temporal/case-start';
import { actsFor } from '../auth/acts-for';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { idempotencyKey, idempotencyKeyReused, requestHashOf } from '../http/idempotency';
import { Problem, problems } from '../http/problem';
import type { ApiRoutes } from '../http/routes';
import { parseInput } from '../http/validation';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { readCasePage, readPersonCases, searchCases } from './case-reader';
import { checkOpening, claimSubject } from './case-opening';
import {
  caseActionBody,
  caseActionEnvelope,
  caseRefParams,
  caseSearchQuery,
  personParams,
  casePageView,
  caseSearchView,
  personCasesView,
  caseSnapshotView,
  caseMoveBody,
  caseMoveView,
  createCaseBody,
} from './cases.schemas';
import { CASE_MOVERS, actionRoles, caseActorRoles, caseOpenerRoles, caseReaderRoles, readableProcedures } from './procedure-access';
import { registerCaseDocumentRoutes, type DocumentStore } from './case-documents';

const SETTLE_ATTEMPTS = 50;
const SETTLE_POLL_MS = 100;
const CASE_OPENERS = caseOpenerRoles();
const CASE_ACTORS = caseActorRoles(ruleBook);
const CASE_READERS = caseReaderRoles();

const caseNotFound = (caseRef: string) =>
  problems.notFound({ vi: `Không có hồ sơ vụ việc ${caseRef}.`, en: `No case ${caseRef}.` });

/** The refusals of a move (the workflow's failure types), with what each says when the workflow gave no words of its own. */
const MOVE_REFUSALS: Record<string, { status: number; vi: string; en: string }> = {
  [CaseFailure.CLOSED]: { status: 409, vi: 'Hồ sơ đã kết thúc, không chuyển được', en: 'The case is closed and does not move' },
  [CaseFailure.NOT_MOVABLE]: {
    status: 422,
    vi: 'Hồ sơ của thủ tục này gắn với một xã hoặc một cơ sở, không chuyển sang xã khác',
    en: 'A case of this procedure belongs to a commune or an establishment and does not move',
  },
  [CaseFailure.ALREADY_IN_COMMUNE]: { status: 422, vi: 'Hồ sơ đang do xã này thụ lý', en: 'The case is already held by this commune' },
  [CaseFailure.TARGET_NOT_IN_FORCE]: { status: 422, vi: 'Nơi chuyển đến không phải xã, phường có hiệu lực vào ngày đó', en: 'The destination is not a commune in force on that date' },
  [CaseFailure.TARGET_OTHER_PROVINCE]: { status: 422, vi: 'Nơi chuyển đến thuộc tỉnh khác', en: 'The destination is in another province' },
  [CaseFailure.TARGET_HAS_NO_AGENCY]: {
    status: 422,
    vi: 'Xã chuyển đến chưa có cơ quan nhận bước đang mở',
    en: 'The destination has no agency to take over an open step',
  },
};

const moveProblem = (code: string, caseRef: string, said?: Pick<MoveRefusal, 'vi' | 'en'>, extras: Record<string, unknown> = {}) => {
  const known = MOVE_REFUSALS[code] ?? { status: 422, vi: 'Không chuyển được hồ sơ', en: 'The case cannot be moved' };
  return new Problem(
    known.status,
    code,
    { vi: 'Không chuyển được hồ sơ', en: 'Case not moved' },
    { vi: `Hồ sơ ${caseRef}: ${said?.vi ?? known.vi}.`, en: `Case ${caseRef}: ${said?.en ?? known.en}.` },
    extras,
  );
};

export interface CaseRouteSettings {
  taskQueue: string;
}

/**
 * The case API: open a case, act on it (one Temporal Update per action), read it, search, and
 * its documents. Authorisation happens here, before Temporal: role, then the step's owner (or
 * the agency covering the case's jurisdiction); the workflow then checks that the step is open.
 */
export function registerCaseRoutes(
  routes: ApiRoutes,
  deps: { db: Db; temporal: Client; directory: JurisdictionDirectory; documents: DocumentStore },
  settings: CaseRouteSettings,
): void {
  const { db, temporal, directory } = deps;
  // The registry as the worker reads it (db/reference-data.ts): a move is checked here as the workflow checks it again.
  const reference = new ReferenceData(db);

  async function loadCase(caseRef: string) {
    const row = await db.case.findUnique({ where: { id: caseRef } });
    if (!row) throw caseNotFound(caseRef);
    return row;
  }

  /** The agency itself, or the agency that took over its work (a district court → the regional court). */
  async function openStepsOf(caseRef: string) {
    const rows = await db.step.findMany({
      where: { caseRef, status: { in: [StepStatus.OPEN, StepStatus.SUSPENDED] } },
      orderBy: { openedAt: 'asc' },
    });
    return rows.map((step) => ({
      stepKey: step.stepKey,
      ruleKey: step.ruleKey,
      status: step.status,
      titleVi: step.titleVi,
      titleEn: step.titleEn,
      dueDate: step.dueDate.toISOString().slice(0, 10),
      ownerAgencyId: step.ownerAgencyId,
      ownerRole: step.ownerRole,
    }));
  }

  const notOpen = (caseRef: string, phase: string, action: string, openSteps: unknown[], allowed?: unknown, laterActOn?: string) =>
    new Problem(
      409,
      'CASE.STEP_NOT_OPEN',
      { vi: 'Bước này không mở', en: 'Step not open' },
      laterActOn
        ? {
            vi: `Hồ sơ ${caseRef} đang ở giai đoạn ${phase}; không ghi nhận được ${action} vào ngày này vì đã có thao tác sau đó, ngày ${laterActOn}.`,
            en: `Case ${caseRef} is in phase ${phase}; ${action} cannot be recorded on that date: an act was recorded after it, on ${laterActOn}.`,
          }
        : {
            vi: `Hồ sơ ${caseRef} đang ở giai đoạn ${phase}; thao tác ${action} không thực hiện được lúc này. Xem các bước đang mở.`,
            en: `Case ${caseRef} is in phase ${phase}; ${action} cannot be taken now. See the open steps.`,
          },
      { phase, openSteps, ...(allowed ? { allowedActions: allowed } : {}), ...(laterActOn ? { laterActOn } : {}) },
    );

  /** Role, jurisdiction and step ownership for one action; answers 403 or 409 before Temporal is asked. */
  /** Waits (a few seconds at most) while the case workflow is in the middle of a change; false if it never settles. */
  async function settled(workflowId: string): Promise<boolean> {
    const handle = temporal.workflow.getHandle(workflowId);
    for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt += 1) {
      const snapshot = await handle.query(caseSnapshotQuery);
      if (!snapshot.settling) return true;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
    return false;
  }

  /** The procedure a case runs, from its stored code. */
  function moduleOf(caseRow: { procedure: string }): ProcedureModule {
    const module = procedureByCode(caseRow.procedure);
    if (!module) throw new Error(`case procedure ${caseRow.procedure} is not registered`);
    return module;
  }

  /** The action's body, checked against its case's procedure; an unknown type names those that exist. */
  function parseAction(module: ProcedureModule, body: { type: string }): CaseActionBase {
    const known = module.definition.actions.map((row) => row.type);
    if (!known.includes(body.type)) {
      throw problems.invalidRequest([
        {
          field: 'body.type',
          message: `Thủ tục ${module.definition.code} không có thao tác ${body.type}; các thao tác: ${known.join(', ')}`,
          messageEn: `Procedure ${module.definition.code} has no action ${body.type}; its actions: ${known.join(', ')}`,
        },
      ]);
    }
    return parseInput(module.actions, body, 'body') as unknown as CaseActionBase;
  }

  /** Every unit an action names (a move's destination) must exist in the registry: a clear 400, not a stuck workflow. */
  async function assertUnitsExist(action: CaseActionBase): Promise<void> {
    const scope = await directory.scope();
    const unknown = Object.entries(action).filter(
      ([field, value]) => field.endsWith('JurisdictionId') && typeof value === 'string' && !scope.has(value),
    );
    if (unknown.length > 0)
      throw problems.invalidRequest(
        unknown.map(([field]) => ({
          field: `body.${field}`,
          message: 'Không có đơn vị hành chính này',
          messageEn: 'No such administrative unit',
        })),
      );
  }

  /** The case is the caller's to see: their agency owns one of its steps, or their jurisdiction covers it. */
  async function assertInReach(principal: Principal, caseRow: { id: string; jurisdictionId: string }) {
    const owns = await db.step.findFirst({ where: { caseRef: caseRow.id, ownerAgencyId: principal.agencyId }, select: { id: true } });
    if (!owns) assertCovers(await directory.scope(), principal, caseRow.jurisdictionId);
  }

  /**
   * Role, jurisdiction and step ownership for one action, from the procedure's action table;
   * answers 403 or 409 before Temporal is asked.
   */
  async function authorise(
    principal: Principal,
    caseRow: { id: string; phase: string; status?: string; jurisdictionId: string; workflowId: string; procedure: string },
    action: CaseActionBase,
  ) {
    const row = moduleOf(caseRow).definition.actions.find((candidate) => candidate.type === action.type);
    if (!row) throw new Error(`action ${action.type} vanished from its table`);
    if ('roles' in row.by) {
      if (!principal.roles.some((role) => actionRoles(ruleBook, row).includes(role))) throw problems.forbiddenRole(row.by.roles);
      assertCovers(await directory.scope(), principal, caseRow.jurisdictionId);
      return;
    }
    const ruleKey = row.step?.rule as string;
    const findStep = () =>
      db.step.findFirst({
        where: { caseRef: caseRow.id, ruleKey, status: { in: [StepStatus.OPEN, StepStatus.SUSPENDED] } },
        orderBy: { openedAt: 'desc' },
      });
    // A timer may be half-way through opening the step (the phase is on record, the step not yet).
    const step = (await findStep()) ?? ((await settled(caseRow.workflowId)) ? await findStep() : null);
    if (!step) {
      // What stands open on a case is told only to whom could take the action and may see the case.
      const mayTake = actionRoles(ruleBook, row);
      if (!principal.roles.some((role) => mayTake.includes(role))) throw problems.forbiddenRole(mayTake);
      await assertInReach(principal, caseRow);
      throw notOpen(caseRow.id, caseRow.phase, action.type, await openStepsOf(caseRow.id));
    }
    // The owner's role then, or the role the rule book names today: an agency that took the work
    // over (the police after the labour divisions, in 2025) acts through its own officials.
    const roles = [...new Set([step.ownerRole, ...todaysOwnerRole(ruleKey), ...(row.by.alsoRoles ?? [])])];
    if (!principal.roles.some((role) => roles.includes(role))) throw problems.forbiddenRole(roles);
    if (!(await actsFor(db, principal, step.ownerAgencyId))) throw problems.forbiddenJurisdiction();
  }

  /**
   * Who may move a case to another commune: a role of CASE_MOVERS that reads its procedure, whose
   * agency covers the commune holding it (a coordinator their province, a commune's head of police
   * or chairman their commune, or one it absorbed). Answers 403 as the other case routes do.
   */
  async function authoriseMove(principal: Principal, caseRow: { procedure: string; jurisdictionId: string }): Promise<void> {
    const readers = moduleOf(caseRow).definition.readBy;
    const allowed = CASE_MOVERS.filter((role) => readers.includes(role));
    if (!principal.roles.some((role) => allowed.includes(role))) throw problems.forbiddenRole(allowed);
    assertCovers(await directory.scope(), principal, caseRow.jurisdictionId);
  }

  /** The quick refusals of a move, before Temporal is asked (the workflow checks them again, and decides). */
  async function assertMovable(
    caseRow: { id: string; procedure: string; status: string; jurisdictionId: string },
    move: { toJurisdictionId: string; on: string },
  ): Promise<void> {
    if (caseRow.status === 'CLOSED') throw moveProblem(CaseFailure.CLOSED, caseRow.id);
    if ((moduleOf(caseRow).definition.subject ?? 'PERSON') !== 'PERSON') throw moveProblem(CaseFailure.NOT_MOVABLE, caseRow.id);
    if (move.on > vietnamDate())
      throw moveProblem(CaseFailure.INVALID_ACTION, caseRow.id, { vi: `ngày ${move.on} là ngày trong tương lai`, en: `the date ${move.on} is in the future` }, { field: 'body.on' });
    const refusal = moveRefusal(await reference.snapshot(), { fromJurisdictionId: caseRow.jurisdictionId, toJurisdictionId: move.toJurisdictionId, on: move.on });
    if (refusal) throw moveProblem(refusal.code, caseRow.id, refusal, { field: 'body.toJurisdictionId' });
  }

  /**
   * The communes the caller may move the case to (null when they may not move it): those of its
   * province in force today, except the one holding it (or the unit it became); the units its
   * commune was split into first.
   */
  async function moveTargetsFor(principal: Principal, caseRow: { procedure: string; status: string; jurisdictionId: string; provinceId: string }) {
    if (caseRow.status === 'CLOSED' || (moduleOf(caseRow).definition.subject ?? 'PERSON') !== 'PERSON') return null;
    const mayMove = await authoriseMove(principal, caseRow).then(
      () => true,
      () => false,
    );
    if (!mayMove) return null;
    const today = isoToDateColumn(vietnamDate());
    const holding = new Set((await directory.scope()).pathsOf(caseRow.jurisdictionId));
    const [communes, shares] = await Promise.all([
      db.jurisdiction.findMany({
        where: { level: 'COMMUNE', path: { startsWith: `/${caseRow.provinceId}/` }, validFrom: { lte: today }, OR: [{ validTo: null }, { validTo: { gte: today } }] },
        select: { id: true, path: true, nameVi: true, nameEn: true },
        orderBy: { nameVi: 'asc' },
      }),
      db.jurisdictionShare.findMany({ where: { unitId: caseRow.jurisdictionId }, select: { successorId: true } }),
    ]);
    const splitInto = new Set(shares.map((share) => share.successorId));
    return communes
      .filter((commune) => !holding.has(commune.path))
      .map(({ id, nameVi, nameEn }) => ({ id, nameVi, nameEn, splitFromCurrent: splitInto.has(id) }))
      .sort((a, b) => Number(b.splitFromCurrent) - Number(a.splitFromCurrent));
  }

  /**
   * The actions open on the case now (its phase and open steps, as the workflow decides) that the
   * caller may take (as `authorise` decides): what the case page offers.
   */
  async function actionsOpenTo(
    principal: Principal,
    caseRow: Parameters<typeof authorise>[1],
    openSteps: { ruleKey: string; status: string }[],
  ): Promise<string[]> {
    if (caseRow.status === 'CLOSED') return [];
    const open = moduleOf(caseRow).definition.actions.filter((row) => {
      if (row.phases && !row.phases.includes(caseRow.phase)) return false;
      if (!row.step) return row.phases !== undefined;
      return openSteps.some((step) => step.ruleKey === row.step?.rule && step.status === (row.step.status ?? 'OPEN'));
    });
    const verdicts = await Promise.all(
      open.map((row) =>
        authorise(principal, caseRow, { type: row.type } as CaseActionBase).then(
          () => true,
          () => false,
        ),
      ),
    );
    return open.filter((_, index) => verdicts[index]).map((row) => row.type);
  }

  routes.add({
    method: 'post',
    path: '/cases',
    tag: 'Cases',
    summary: 'Open a case in a procedure (`procedure` says which; `GET /procedures` lists them and who may open each)',
    description:
      'Send an `Idempotency-Key` header: a retry with the same key and body answers with the case the first request opened. ' +
      'A person outside the ages the procedure applies to on the legal date answers 422, naming the ages.',
    access: { roles: CASE_OPENERS },
    body: createCaseBody,
    responses: {
      201: { description: 'The case was opened: its first step and due date', schema: caseSnapshotView },
      409: { description: 'The Idempotency-Key was used before with another body, or the subject already has its case (a commune’s assessment of the year): the answer names it' },
      422: { description: 'The person is outside the ages the procedure applies to, or the procedure does not apply' },
    },
    handler: async ({ principal, body, req }) => {
      const key = parseInput(idempotencyKey, req.get('idempotency-key'), 'headers.idempotency-key');
      const module = procedureByCode(String(body.procedure)) as ProcedureModule;
      const opening = module.opening;
      const definition = module.definition;
      if (!opening) throw new Error(`procedure ${definition.code} has no opening`);
      if (!principal.roles.some((role) => definition.openedBy.includes(role))) throw problems.forbiddenRole(definition.openedBy);
      const { scope, lookedUp, legalDate } = await checkOpening({ db, directory }, module, principal, body);
      assertMayEnter(module, principal, (body.pastActs ?? []) as { action: CaseActionBase }[]);
      const requestHash = requestHashOf(body);
      const intakeKey = `${principal.userId}:${key}`;
      const caseRef = await db.$transaction(async (tx) => {
        const existing = await tx.caseIntake.findUnique({ where: { key: intakeKey } });
        if (existing) {
          if (existing.requestHash !== requestHash) throw idempotencyKeyReused();
          return existing.caseRef;
        }
        const provinceId = scope.pathOf(opening.jurisdictionOf(body))?.split('/')[1] ?? 'XX';
        const ref = await newCaseRef(tx, module, provinceId, legalDate.date);
        await tx.caseIntake.create({ data: { key: intakeKey, userId: principal.userId, requestHash, caseRef: ref } });
        const subject = opening.oneCasePer?.(body);
        if (subject !== undefined) await claimSubject(tx, subject, ref);
        return ref;
      });
      const actor = { userId: principal.userId, agencyId: principal.agencyId };
      const pastActs = pastActsInput(body.pastActs as { action: CaseActionBase; onPaperBy?: string }[] | undefined, actor);
      const input = { ...(opening.toInput(body, { caseRef, actor, found: lookedUp?.found }) as object), ...(pastActs.length > 0 ? { pastActs } : {}) };
      const snapshot = await startCase(temporal, settings.taskQueue, module, caseRef, input, opening.jurisdictionOf(body));
      return { status: 201, body: snapshot, headers: { Location: `/cases/${caseRef}` } };
    },
  });

  routes.add({
    method: 'post',
    path: '/cases/:caseRef/actions',
    tag: 'Cases',
    summary: 'Take an action on a case (file the dossier, record a decision, admit, …)',
    description:
      'One Temporal Update per action. `Idempotency-Key` is required: a retry with the same key gets the first answer. ' +
      'An action whose step is not open answers 409 with the open steps and the actions allowed now.',
    access: { roles: CASE_ACTORS },
    params: caseRefParams,
    body: caseActionEnvelope,
    bodyDocs: caseActionBody,
    responses: {
      200: { description: 'Where the case stands after the action', schema: caseSnapshotView },
      404: { description: 'No such case' },
      409: { description: 'The step is not open: the answer lists what is' },
      422: { description: 'The action breaks a rule of the procedure (term out of range, dates out of order)' },
    },
    handler: async ({ principal, params, body, req }) => {
      const key = parseInput(idempotencyKey, req.get('idempotency-key'), 'headers.idempotency-key');
      const caseRow = await loadCase(params.caseRef);
      const action = parseAction(moduleOf(caseRow), body);
      await assertUnitsExist(action);
      const handle = temporal.workflow.getHandle(caseRow.workflowId);
      const updateId = `${principal.userId}:${action.type}:${key}`;
      try {
        await authorise(principal, caseRow, action);
      } catch (problem) {
        // A retry of an action that went through: its step is closed now, so answer as the first time.
        if (problem instanceof Problem && problem.status === 409) {
          const first = await handle
            .getUpdateHandle<CaseSnapshot>(updateId)
            .result()
            .catch(() => undefined);
          if (first) return { status: 200, body: first };
        }
        throw problem;
      }
      const act = () =>
        handle.executeUpdate(caseActUpdate, {
          args: [{ action, actor: { userId: principal.userId, agencyId: principal.agencyId } }],
          updateId,
        });
      try {
        return { status: 200, body: await act() };
      } catch (error) {
        // Refused while a timer was half-way through a change (the phase moved, its step not yet
        // open): once the case settles, ask again. A refused update left no trace, so its id is free.
        if (!isNotAllowed(error) || !(await settled(caseRow.workflowId))) throw toActionProblem(error, caseRow.id, action.type);
        try {
          return { status: 200, body: await act() };
        } catch (again) {
          throw toActionProblem(again, caseRow.id, action.type);
        }
      }
    },
  });

  routes.add({
    method: 'post',
    path: '/cases/:caseRef/jurisdiction',
    tag: 'Cases',
    summary: 'Move a running case to another commune of its province (a commune split among several, or the person moved), whatever its procedure',
    description:
      'The same case goes on under the new commune. Its timeline records who moved it, when, from where, to where and why (`CASE_MOVED`). ' +
      'Every open step keeps its due date and what it already sent; those held by a body of the old commune (its police, its People’s Committee) pass to the new commune’s body of the same kind, which finds each in its inbox; ' +
      'steps held above the commune (a court, a facility) keep their owner. ' +
      'For the province’s coordinators, and the head of police or the chairman of the commune holding the case (`moveTargets` on the case page says whether you may, and where to). ' +
      '`Idempotency-Key` is required: a retry with the same key and body answers as the first time and moves nothing twice. ' +
      'Drug-user management and post-rehabilitation also record a person’s move as an action (`RECORD_MOVE`), with the notice steps the law asks for.',
    access: { roles: CASE_MOVERS },
    params: caseRefParams,
    body: caseMoveBody,
    responses: {
      200: { description: 'The case moved: where it stands now, and which open steps changed hands', schema: caseMoveView },
      404: { description: 'No such case' },
      409: { description: 'The case is closed (`CASE.CLOSED`), or the Idempotency-Key was used for another request' },
      422: {
        description:
          '`CASE.TARGET_NOT_IN_FORCE` (not a commune in force on `on`), `CASE.TARGET_OTHER_PROVINCE`, `CASE.ALREADY_IN_COMMUNE` (the commune holding it, or the unit its commune became), ' +
          '`CASE.NOT_MOVABLE` (a commune’s assessment, an establishment’s inspection), `CASE.TARGET_HAS_NO_AGENCY` (the new commune lacks a body holding an open step), ' +
          'or `CASE.INVALID_ACTION` (a date in the future, or before the case’s last recorded date)',
      },
    },
    handler: async ({ principal, params, body, req }) => {
      const key = parseInput(idempotencyKey, req.get('idempotency-key'), 'headers.idempotency-key');
      const caseRow = await loadCase(params.caseRef);
      const handle = temporal.workflow.getHandle(caseRow.workflowId);
      const updateId = `${principal.userId}:MOVE:${key}`;
      // The same key with another move is a client's mistake, never a retry.
      const answer = (result: CaseMoveResult) => {
        const { to, on, reason } = result.moved;
        if (to !== body.toJurisdictionId || on !== body.on || reason !== body.reason) throw idempotencyKeyReused();
        return { status: 200, body: result };
      };
      try {
        await authoriseMove(principal, caseRow);
        await assertMovable(caseRow, body);
      } catch (problem) {
        // A retry of a move that went through: the case is elsewhere now, so answer as the first time.
        if (problem instanceof Problem) {
          const first = await handle
            .getUpdateHandle<CaseMoveResult>(updateId)
            .result()
            .catch(() => undefined);
          if (first) return answer(first);
        }
        throw problem;
      }
      let result: CaseMoveResult;
      try {
        result = await handle.executeUpdate(caseMoveUpdate, {
          args: [{ ...body, actor: { userId: principal.userId, agencyId: principal.agencyId } }],
          updateId,
        });
      } catch (error) {
        throw toMoveProblem(error, caseRow.id);
      }
      return answer(result);
    },
  });

  function toMoveProblem(error: unknown, caseRef: string): unknown {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (!(cause instanceof ApplicationFailure) || !cause.type) return error;
    const details = (cause.details?.[0] ?? {}) as Partial<MoveRefusal> & { field?: string };
    if (cause.type === CaseFailure.INVALID_ACTION)
      return moveProblem(cause.type, caseRef, { vi: `ngày chuyển hoặc lý do không hợp lệ (${cause.message})`, en: cause.message }, details.field ? { field: `body.${details.field}` } : {});
    if (!(cause.type in MOVE_REFUSALS)) return error;
    const said = details.vi && details.en ? { vi: details.vi, en: details.en } : undefined;
    const aboutTarget = cause.type !== CaseFailure.CLOSED && cause.type !== CaseFailure.NOT_MOVABLE;
    return moveProblem(cause.type, caseRef, said, aboutTarget ? { field: 'body.toJurisdictionId' } : {});
  }

  function isNotAllowed(error: unknown): boolean {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    return cause instanceof ApplicationFailure && cause.type === CaseFailure.ACTION_NOT_ALLOWED;
  }

  function toActionProblem(error: unknown, caseRef: string, actionType: string): unknown {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (!(cause instanceof ApplicationFailure)) return error;
    const details = (cause.details?.[0] ?? {}) as {
      phase?: string;
      openSteps?: unknown[];
      allowedActions?: unknown;
      field?: string;
      laterActOn?: string;
    };
    if (cause.type === CaseFailure.ACTION_NOT_ALLOWED)
      return notOpen(caseRef, details.phase ?? '?', actionType, details.openSteps ?? [], details.allowedActions, details.laterActOn);
    if (cause.type === CaseFailure.INVALID_ACTION)
      return new Problem(
        422,
        cause.type,
        { vi: 'Thao tác trái quy định', en: 'Action breaks a procedural rule' },
        { vi: `Không thực hiện được ${actionType}: ${cause.message}.`, en: `${actionType} refused: ${cause.message}.` },
        details.field ? { field: `body.${details.field}` } : {},
      );
    return error;
  }

  routes.add({
    method: 'get',
    path: '/cases/:caseRef',
    tag: 'Cases',
    summary: 'The case page: person, phase, open steps with due dates and why, timeline, documents',
    description: 'Every read is written to the audit log (sensitive personal data, Decree 13/2023).',
    access: { roles: CASE_READERS },
    params: caseRefParams,
    responses: { 200: { description: 'The case', schema: casePageView }, 404: { description: 'No such case' } },
    handler: async ({ principal, params, req }) => {
      const caseRow = await loadCase(params.caseRef);
      // Each procedure names who may read its cases (a trafficking victim's record is stricter than a drug case).
      const readers = moduleOf(caseRow).definition.readBy;
      if (!principal.roles.some((role) => readers.includes(role))) throw problems.forbiddenRole(readers);
      await assertInReach(principal, caseRow);
      const page = await readCasePage(db, caseRow.id);
      const actionsForYou = await actionsOpenTo(principal, caseRow, page.openSteps);
      const moveTargets = await moveTargetsFor(principal, caseRow);
      const jurisdictionName = (await directory.nameOf(caseRow.jurisdictionId)) ?? null;
      await db.auditEvent.create({
        data: {
          action: 'case.read',
          actorUserId: principal.userId,
          actorAgencyId: principal.agencyId,
          subjectType: 'case',
          subjectId: caseRow.id,
          jurisdictionId: caseRow.jurisdictionId,
          requestId: String(req.id),
        },
      });
      return { status: 200, body: { ...page, jurisdictionName, actionsForYou, moveTargets } };
    },
  });

  routes.add({
    method: 'get',
    path: '/cases',
    tag: 'Cases',
    summary: 'Search cases in your jurisdiction by identity number, name, procedure, phase or status',
    description: 'Only the procedures whose cases your roles may read are searched.',
    access: { roles: CASE_READERS },
    query: caseSearchQuery,
    responses: { 200: { description: 'Matching cases, newest first', schema: caseSearchView } },
    handler: async ({ principal, query, req }) => {
      const scope = await directory.scope();
      const units = scope.ids().filter((id) => scope.covers(principal.jurisdictionPath, id));
      const found = await searchCases(db, units, readableProcedures(principal.roles, query.procedure), query);
      await db.auditEvent.create({
        data: {
          action: 'case.search',
          actorUserId: principal.userId,
          actorAgencyId: principal.agencyId,
          subjectType: 'case',
          subjectId: '*',
          jurisdictionId: principal.jurisdictionId,
          requestId: String(req.id),
          // What was asked, without the name or number themselves.
          details: { byCitizenId: Boolean(query.citizenId), byName: Boolean(query.name), results: found.length },
        },
      });
      return { status: 200, body: { items: found } };
    },
  });

  routes.add({
    method: 'get',
    path: '/persons/:personId',
    tag: 'Cases',
    summary: 'One person and every case of theirs you may read, oldest first, each linked to the case it came from',
    description:
      'Cases of procedures your roles may not read, or outside your jurisdiction (unless your agency owns one of their steps), are left out. ' +
      'Every read is written to the audit log.',
    access: { roles: CASE_READERS },
    params: personParams,
    responses: { 200: { description: 'The person and their cases', schema: personCasesView }, 404: { description: 'No such person, or none of their cases is yours to read' } },
    handler: async ({ principal, params, req }) => {
      const found = await readPersonCases(db, params.personId);
      const notFound = problems.notFound({ vi: 'Không có người này.', en: 'No such person.' });
      if (!found) throw notFound;
      const scope = await directory.scope();
      const readable = new Set(readableProcedures(principal.roles));
      const owned = new Set(
        (
          await db.step.findMany({
            where: { caseRef: { in: found.cases.map((c) => c.caseRef) }, ownerAgencyId: principal.agencyId },
            select: { caseRef: true },
          })
        ).map((step) => step.caseRef),
      );
      const cases = found.cases.filter(
        (c) => readable.has(c.procedure) && (owned.has(c.caseRef) || scope.covers(principal.jurisdictionPath, c.jurisdictionId)),
      );
      // Someone with no case of theirs to read learns nothing, not even that the person exists.
      if (cases.length === 0) throw notFound;
      await db.auditEvent.create({
        data: {
          action: 'person.read',
          actorUserId: principal.userId,
          actorAgencyId: principal.agencyId,
          subjectType: 'person',
          subjectId: found.person.id,
          jurisdictionId: principal.jurisdictionId,
          requestId: String(req.id),
          details: { cases: cases.map((c) => c.caseRef) },
        },
      });
      return { status: 200, body: { person: found.person, cases } };
    },
  });

  registerCaseDocumentRoutes(routes, { db, directory, documents: deps.documents, loadCase, readers: CASE_READERS });
}

/** An act entered from the paper file must be one the caller's roles may take in the procedure. */
function assertMayEnter(module: ProcedureModule, principal: Principal, pastActs: readonly { action: CaseActionBase }[]): void {
  for (const [index, { action }] of pastActs.entries()) {
    const row = module.definition.actions.find((candidate) => candidate.type === action.type);
    const roles = row ? actionRoles(ruleBook, row) : [];
    if (!principal.roles.some((role) => roles.includes(role)))
      throw new Problem(
        403,
        'AUTH.ROLE_NOT_ALLOWED',
        { vi: 'Không có quyền', en: 'Not allowed' },
        {
          vi: `Vai trò của bạn không ghi nhận được thao tác ${action.type} (mục ${index + 1}); vai trò được phép: ${roles.join(', ')}.`,
          en: `Your roles cannot record ${action.type} (item ${index + 1}); roles allowed: ${roles.join(', ')}.`,
        },
        { field: `body.pastActs.${index}.action.type` },
      );
  }
}

/** The role the rule book names for a step today, if it has a version in force. */
function todaysOwnerRole(ruleKey: string): string[] {
  try {
    return [ruleBook.effectiveRule(ruleKey, vietnamDate()).responsible.role];
  } catch {
    return [];
  }
}

