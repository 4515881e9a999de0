import type { Db } from '../../db/client';
import { addCriteriaSetVersion, criteriaSetById, criteriaSetInForce, criteriaSetVersions } from '../../db/assessment/criteria-sets';
import { vietnamDate } from '../../domain/time/legal-date';
import { Role } from '../../generated/prisma/enums';
import { criteriaSetBody } from '../../procedures/commune-assessment/criteria';
import { communeAssessment } from '../../procedures/commune-assessment/definition';
import type { Outcome } from '../../procedures/commune-assessment/scoring';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { ANY_ROLE } from '../auth/roles';
import { problems } from '../http/problem';
import { auditChange } from '../http/audit';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import {
  assessmentRollupView,
  criteriaBodyJsonSchema,
  criteriaPathParams,
  criteriaQuery,
  criteriaSetParams,
  criteriaSetView,
  criteriaView,
  rollupQuery,
} from './assessment.schemas';

const PROVINCE_ROLES = [Role.PROVINCIAL_COORDINATOR, Role.SYSTEM_ADMIN];
/** The figure a province's yearly target of recognised communes is set on (report targets). */
const TARGET_METRIC = { HEALTHY_COMMUNE: 'healthyCommunesRecognised', DRUG_FREE_COMMUNE: 'drugFreeCommunesRecognised' } as const;

/**
 * Procedure J beside its cases: the criteria sets a province enters (each save a new version,
 * audited) and the province's roll-up of a programme's year, commune by commune. The cases
 * themselves are opened and acted on through /cases like every procedure's.
 */
export function registerAssessmentRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  async function assertProvince(principal: Principal, provinceId: string) {
    const scope = await directory.scope();
    if (scope.pathOf(provinceId) !== `/${provinceId}/`) throw problems.notFound({ vi: 'Không có tỉnh này.', en: 'No such province.' });
    assertCovers(scope, principal, provinceId);
  }

  routes.add({
    method: 'get',
    path: '/assessment-criteria',
    tag: 'Assessments',
    summary: 'The criteria a new assessment of the year uses (the province’s latest version, else the marked example), and the province’s versions',
    description: 'Every official of the province may read them: communes assess themselves against them.',
    access: { roles: ANY_ROLE },
    query: criteriaQuery,
    responses: {
      200: { description: 'The set in force and the versions', schema: criteriaView },
      404: { description: 'No such province' },
    },
    handler: async ({ principal, query }) => {
      const scope = await directory.scope();
      if (scope.pathOf(query.provinceId) !== `/${query.provinceId}/`) throw problems.notFound({ vi: 'Không có tỉnh này.', en: 'No such province.' });
      if (!scope.isVisibleFrom(principal.jurisdictionPath, query.provinceId)) throw problems.forbiddenJurisdiction();
      const [inForce, versions] = await Promise.all([
        criteriaSetInForce(db, query.provinceId, query.programme, query.year),
        criteriaSetVersions(db, query.provinceId, query.programme, query.year),
      ]);
      return { status: 200, body: { inForce, versions, bodySchema: criteriaBodyJsonSchema } };
    },
  });

  routes.add({
    method: 'get',
    path: '/assessment-criteria/sets/:id',
    tag: 'Assessments',
    summary: 'One criteria set, as an assessment snapshotted it (its id is in the case’s fields)',
    access: { roles: ANY_ROLE },
    params: criteriaSetParams,
    responses: {
      200: { description: 'The set', schema: criteriaSetView },
      404: { description: 'No such set, or not of your province' },
    },
    handler: async ({ principal, params }) => {
      const set = await criteriaSetById(db, params.id);
      const notFound = problems.notFound({ vi: 'Không có bộ tiêu chí này.', en: 'No such criteria set.' });
      if (!set) throw notFound;
      if (set.provinceId !== null) {
        const scope = await directory.scope();
        if (!scope.isVisibleFrom(principal.jurisdictionPath, set.provinceId)) throw notFound;
      }
      return { status: 200, body: set };
    },
  });

  routes.add({
    method: 'post',
    path: '/assessment-criteria/:provinceId/:programme/:year',
    tag: 'Assessments',
    summary: 'Enter the province’s criteria set for a programme and year (a new version; assessments already open keep theirs)',
    description:
      'Codes unique, each maximum 1–100, each level’s minimum within the highest possible total, GOOD not below RECOGNISED. ' +
      'Audited with the whole set.',
    access: { roles: PROVINCE_ROLES },
    params: criteriaPathParams,
    body: criteriaSetBody,
    responses: {
      201: { description: 'The version stored', schema: criteriaSetView },
      404: { description: 'No such province' },
    },
    handler: async ({ principal, params, body, req }) => {
      await assertProvince(principal, params.provinceId);
      const set = await addCriteriaSetVersion(db, { ...params, body, createdBy: principal.userId });
      await auditChange(db, principal, {
        action: 'assessment.criteria_set',
        subjectType: 'assessment_criteria_set',
        subjectId: set.id,
        jurisdictionId: params.provinceId,
        requestId: req.id,
        details: { programme: params.programme, year: params.year, version: set.version, criteria: body.criteria.length },
      });
      return { status: 201, body: set, headers: { Location: `/assessment-criteria/sets/${encodeURIComponent(set.id)}` } };
    },
  });

  routes.add({
    method: 'get',
    path: '/assessments',
    tag: 'Assessments',
    summary: 'The province’s roll-up of a programme’s year: every commune in force, its assessment’s phase, scores and level, and the counts',
    description:
      'Communes in force on the last day of the year (today, for the current year), each with its case if one was opened. ' +
      'Recognised at any level counts toward the percentage; the target is the province’s report target for the year.',
    access: { roles: PROVINCE_ROLES },
    query: rollupQuery,
    responses: {
      200: { description: 'The roll-up', schema: assessmentRollupView },
      404: { description: 'No such province' },
    },
    handler: async ({ principal, query }) => {
      await assertProvince(principal, query.provinceId);
      const today = vietnamDate();
      const onDate = new Date(`${`${query.year}-12-31` < today ? `${query.year}-12-31` : today}T00:00:00Z`);
      const [units, cases, target] = await Promise.all([
        db.jurisdiction.findMany({
          where: {
            level: 'COMMUNE',
            path: { startsWith: `/${query.provinceId}/` },
            validFrom: { lte: onDate },
            OR: [{ validTo: null }, { validTo: { gte: onDate } }],
          },
          orderBy: { nameVi: 'asc' },
          select: { id: true, nameVi: true, nameEn: true },
        }),
        db.case.findMany({
          where: {
            procedure: communeAssessment.code,
            provinceId: query.provinceId,
            AND: [{ fields: { path: ['programme'], equals: query.programme } }, { fields: { path: ['year'], equals: query.year } }],
          },
          select: { id: true, jurisdictionId: true, phase: true, fields: true },
        }),
        db.reportTarget.findUnique({
          where: { year_jurisdictionId_metric: { year: query.year, jurisdictionId: query.provinceId, metric: TARGET_METRIC[query.programme] } },
        }),
      ]);
      const steps = await db.step.findMany({
        where: { caseRef: { in: cases.map((row) => row.id) }, status: { in: ['OPEN', 'SUSPENDED'] } },
        select: { caseRef: true, ruleKey: true, dueDate: true, dueAt: true },
      });
      const now = Date.now();
      const stepOf = new Map(steps.map((step) => [step.caseRef, step]));
      const caseOf = new Map(cases.map((row) => [row.jurisdictionId, row]));
      const communes = units.map((unit) => {
        const found = caseOf.get(unit.id);
        const fields = (found?.fields ?? {}) as Record<string, unknown>;
        const step = found ? stepOf.get(found.id) : undefined;
        const number = (key: string) => (typeof fields[key] === 'number' ? (fields[key] as number) : null);
        return {
          jurisdictionId: unit.id,
          nameVi: unit.nameVi,
          nameEn: unit.nameEn,
          caseRef: found?.id ?? null,
          phase: found?.phase ?? null,
          criteriaSetId: typeof fields.criteriaSetId === 'string' ? fields.criteriaSetId : null,
          criteriaExample: typeof fields.criteriaExample === 'boolean' ? fields.criteriaExample : null,
          selfScore: number('selfScore'),
          councilScore: number('councilScore'),
          maxScore: number('maxScore'),
          proposedLevel: (fields.proposedLevel as Outcome | undefined) ?? null,
          level: (fields.level as Outcome | undefined) ?? null,
          openStep: step
            ? { ruleKey: step.ruleKey, dueDate: step.dueDate.toISOString().slice(0, 10), dueAt: step.dueAt.toISOString(), late: step.dueAt.getTime() < now }
            : null,
        };
      });
      const count = (test: (row: (typeof communes)[number]) => boolean) => communes.filter(test).length;
      const recognised = count((row) => row.level === 'GOOD' || row.level === 'RECOGNISED');
      return {
        status: 200,
        body: {
          provinceId: query.provinceId,
          programme: query.programme,
          year: query.year,
          communes,
          counts: {
            communes: communes.length,
            notOpened: count((row) => row.caseRef === null),
            selfAssessment: count((row) => row.phase === 'SELF_ASSESSMENT'),
            councilReview: count((row) => row.phase === 'COUNCIL_REVIEW'),
            awaitingDecision: count((row) => row.phase === 'AWAITING_DECISION'),
            decided: count((row) => row.level !== null),
            good: count((row) => row.level === 'GOOD'),
            recognised,
            notRecognised: count((row) => row.level === 'NOT_RECOGNISED'),
            late: count((row) => row.openStep?.late === true),
          },
          recognisedPercent: communes.length === 0 ? null : Math.round((recognised / communes.length) * 1000) / 10,
          target: target ? { communes: target.target, metric: target.metric, source: target.source } : null,
        },
      };
    },
  });
}
