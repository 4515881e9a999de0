import { z } from 'zod';
import type { Db } from '../../db/client';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import { Role } from '../../generated/prisma/enums';
import type { RuleBook } from '../../rules/rule-book';
import { ruleOverrideParametersSchema, ruleVersionSchema } from '../../rules/rule-types';
import { assertCovers, assertVisible } from '../auth/jurisdiction-guard';
import { ANY_ROLE } from '../auth/roles';
import { Problem } from '../http/problem';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';

const keyParams = z.object({ key: z.string().min(1).max(64) });
const ruleHeader = { key: z.string(), procedure: z.string(), titleVi: z.string(), titleEn: z.string() };
const ruleBookView = z
  .object({
    items: z.array(z.object({ ...ruleHeader, versions: z.array(ruleVersionSchema) })),
    overrideParametersSchema: z
      .record(z.string(), z.unknown())
      .meta({ description: 'JSON Schema of what a province may set (`parameters` of PUT /rules/{key}/overrides)' }),
  })
  .meta({ id: 'RuleBook' });
const effectiveRuleView = ruleVersionSchema
  .extend({
    ...ruleHeader,
    override: z
      .object({ provinceId: z.string(), effectiveFrom: z.string(), reason: z.string(), fields: z.array(z.string()) })
      .optional()
      .meta({ description: 'The province’s override folded in, if one applies on that date' }),
  })
  .meta({ id: 'EffectiveRule' });
const overridesQuery = z.object({ provinceId: z.string().min(1).max(64) });
const overrideListView = z
  .object({
    items: z.array(
      z.object({
        ruleKey: z.string(),
        provinceId: z.string(),
        effectiveFrom: z.iso.date(),
        parameters: z.record(z.string(), z.unknown()),
        reason: z.string(),
        createdAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'RuleOverrideList' });
/** What a province may set, as JSON Schema: the screens draw the override form from it. */
const overrideParametersJsonSchema = z.toJSONSchema(ruleOverrideParametersSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
const effectiveQuery = z.object({ provinceId: z.string().min(1).max(64), onDate: z.iso.date().optional() });
const overrideBody = z.object({
  provinceId: z.string().min(1).max(64),
  effectiveFrom: z.iso
    .date()
    .meta({ description: 'Applies to steps whose start event is on or after this date' }),
  parameters: ruleOverrideParametersSchema,
  reason: z.string().trim().min(5).max(500),
});

/**
 * The rule book, readable by every official, and the province's overrides, set by its coordinator.
 * A confirmed legal time limit cannot be overridden (only its reminders and ladder can): the law
 * is changed by a new effective-dated rule version in code, reviewed like any other change.
 */
export function registerRuleRoutes(
  routes: ApiRoutes,
  db: Db,
  book: RuleBook,
  directory: JurisdictionDirectory,
): void {
  routes.add({
    method: 'get',
    path: '/rules',
    tag: 'Rules',
    summary: 'Every deadline rule with its versions, legal sources and confidence',
    access: { roles: ANY_ROLE },
    responses: { 200: { description: 'The rule book', schema: ruleBookView } },
    handler: async () => ({ status: 200, body: { items: book.list(), overrideParametersSchema: overrideParametersJsonSchema } }),
  });

  routes.add({
    method: 'get',
    path: '/rules/overrides',
    tag: 'Rules',
    summary: 'A province’s overrides of the rule book, every rule, newest first (each with its reason)',
    access: { roles: ANY_ROLE },
    query: overridesQuery,
    responses: { 200: { description: 'The overrides on record', schema: overrideListView } },
    handler: async ({ principal, query }) => {
      assertVisible(await directory.scope(), principal, query.provinceId);
      const rows = await db.ruleOverride.findMany({
        where: { provinceId: query.provinceId },
        orderBy: [{ ruleKey: 'asc' }, { effectiveFrom: 'desc' }],
      });
      return {
        status: 200,
        body: {
          items: rows.map((row) => ({
            ruleKey: row.ruleKey,
            provinceId: row.provinceId,
            effectiveFrom: row.effectiveFrom.toISOString().slice(0, 10),
            parameters: row.parameters as Record<string, unknown>,
            reason: row.reason,
            createdAt: row.createdAt.toISOString(),
          })),
        },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/rules/:key/effective',
    tag: 'Rules',
    summary: 'The rule as it applies in a province on a date, with the province’s override folded in',
    access: { roles: ANY_ROLE },
    params: keyParams,
    query: effectiveQuery,
    responses: {
      200: { description: 'The effective rule', schema: effectiveRuleView },
      404: { description: 'No such rule' },
      422: { description: 'The rule has no version in force on that date' },
    },
    handler: async ({ params, query }) => {
      const rows = await db.ruleOverride.findMany({
        where: { ruleKey: params.key, provinceId: query.provinceId },
      });
      const rule = book.effectiveRule(
        params.key,
        query.onDate ?? vietnamDate(),
        rows.map((row) => ({
          provinceId: row.provinceId,
          effectiveFrom: row.effectiveFrom.toISOString().slice(0, 10),
          reason: row.reason,
          parameters: row.parameters,
        })),
      );
      return { status: 200, body: rule };
    },
  });

  routes.add({
    method: 'put',
    path: '/rules/:key/overrides',
    tag: 'Rules',
    summary:
      'Set a province’s value for a rule from a date (reminders, ladder, or an unconfirmed time limit)',
    access: { roles: [Role.PROVINCIAL_COORDINATOR, Role.SYSTEM_ADMIN] },
    params: keyParams,
    body: overrideBody,
    responses: {
      200: {
        description: 'The override as stored, and the rule it produces',
        schema: z.object({ override: overrideBody, effective: effectiveRuleView }).meta({ id: 'RuleOverrideSet' }),
      },
      404: { description: 'No such rule' },
      409: { description: 'A confirmed legal time limit cannot be overridden' },
      422: { description: 'The rule has no version in force on that date' },
    },
    handler: async ({ principal, params, body, req }) => {
      const scope = await directory.scope();
      assertCovers(scope, principal, body.provinceId);
      const lawVersion = book.effectiveRule(params.key, body.effectiveFrom);
      if (lawVersion.confidence === 'CONFIRMED' && (body.parameters.budget || body.parameters.responsible)) {
        throw new Problem(
          409,
          'RULE.CONFIRMED_LIMIT',
          { vi: 'Không được thay đổi thời hạn luật định', en: 'Confirmed legal limit' },
          {
            vi: `Thời hạn và cơ quan chịu trách nhiệm của quy tắc ${params.key} đã được xác minh theo ${lawVersion.source.document}; chỉ được điều chỉnh nhắc hạn và cấp báo cáo.`,
            en: `Rule ${params.key}'s time limit and responsible agency are confirmed by ${lawVersion.source.document}; only reminders and the escalation ladder may be changed.`,
          },
        );
      }
      const effectiveFrom = isoToDateColumn(body.effectiveFrom);
      const data = { parameters: body.parameters, reason: body.reason, createdBy: principal.userId };
      await db.$transaction([
        db.ruleOverride.upsert({
          where: {
            ruleKey_provinceId_effectiveFrom: {
              ruleKey: params.key,
              provinceId: body.provinceId,
              effectiveFrom,
            },
          },
          create: { ruleKey: params.key, provinceId: body.provinceId, effectiveFrom, ...data },
          update: data,
        }),
        db.auditEvent.create({
          data: {
            actorUserId: principal.userId,
            actorAgencyId: principal.agencyId,
            action: 'rule.override_set',
            subjectType: 'rule',
            subjectId: params.key,
            jurisdictionId: body.provinceId,
            requestId: String(req.id ?? ''),
            details: { ...body },
          },
        }),
      ]);
      const rows = await db.ruleOverride.findMany({
        where: { ruleKey: params.key, provinceId: body.provinceId },
      });
      const rule = book.effectiveRule(
        params.key,
        body.effectiveFrom,
        rows.map((row) => ({
          provinceId: row.provinceId,
          effectiveFrom: row.effectiveFrom.toISOString().slice(0, 10),
          reason: row.reason,
          parameters: row.parameters,
        })),
      );
      return { status: 200, body: { override: body, effective: rule } };
    },
  });
}
