import { z } from 'zod';
import { vietnamDate } from '../../domain/time/legal-date';
import type { ActionDefinition } from '../../procedures/procedure-definition';
import type { ProcedureModule } from '../../procedures/procedure-module';
import { PROCEDURES } from '../../procedures/registry';
import type { RuleBook } from '../../rules/rule-book';
import { ANY_ROLE } from '../auth/roles';
import type { ApiRoutes } from '../http/routes';
import { actionRoles } from '../cases/procedure-access';

const jsonSchema = z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema (draft 2020-12) of the request body' });
const bilingual = { titleVi: z.string(), titleEn: z.string() };

const actionView = z.object({
  type: z.string(),
  ...bilingual,
  schema: jsonSchema,
  when: z.object({
    step: z.object({ rule: z.string(), status: z.enum(['OPEN', 'SUSPENDED']) }).optional(),
    phases: z.array(z.string()).optional(),
  }),
  by: z.object({
    stepOwner: z
      .object({ rule: z.string(), agencyKind: z.string(), role: z.string() })
      .optional()
      .meta({ description: 'The step’s owner as the rule book names it today (a case keeps the owner of its own date)' }),
    roles: z.array(z.string()).meta({ description: 'Every role that may take it' }),
  }),
  completes: z.string().optional(),
  suspends: z.string().optional(),
  resumes: z.string().optional(),
  opens: z.array(z.string()),
  records: z.string(),
  movesTo: z.string().optional(),
});

const procedureView = z
  .object({
    code: z.string(),
    ...bilingual,
    section: z.string(),
    refPrefix: z.string(),
    phases: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string() })),
    initialPhase: z.string(),
    openedBy: z.array(z.string()),
    opening: jsonSchema.nullable().meta({ description: 'The body of `POST /cases` for this procedure; null when only another case opens it' }),
    readBy: z.array(z.string()),
    appliesTo: z
      .object({ minYears: z.number().optional(), belowYears: z.number().optional(), source: z.string(), confidence: z.string() })
      .nullable(),
    actions: z.array(actionView),
    caseloadSheet: z.string().nullable().meta({ description: 'The sheet of the caseload import that holds its running cases; null when its cases cannot be imported' }),
  })
  .meta({ id: 'Procedure' });

/** The JSON Schema of each action's body, by type, from the procedure's zod union. */
function actionSchemas(module: ProcedureModule): Map<string, Record<string, unknown>> {
  const schemas = new Map<string, Record<string, unknown>>();
  for (const option of module.actions.options) {
    const type = (option.shape.type as z.ZodLiteral<string>).value;
    schemas.set(type, z.toJSONSchema(option, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
  }
  return schemas;
}

function describeAction(book: RuleBook, row: ActionDefinition, schema: Record<string, unknown> | undefined) {
  const ownerRule = 'stepOwner' in row.by ? row.step?.rule : undefined;
  const owner = ownerRule ? book.effectiveRule(ownerRule, vietnamDate()).responsible : undefined;
  return {
    type: row.type,
    titleVi: row.titleVi,
    titleEn: row.titleEn,
    schema: schema ?? {},
    when: {
      ...(row.step ? { step: { rule: row.step.rule, status: row.step.status ?? 'OPEN' } } : {}),
      ...(row.phases ? { phases: [...row.phases] } : {}),
    },
    by: {
      ...(ownerRule && owner ? { stepOwner: { rule: ownerRule, agencyKind: owner.agencyKind, role: owner.role } } : {}),
      roles: actionRoles(book, row),
    },
    ...(row.completes ? { completes: row.completes } : {}),
    ...(row.suspends ? { suspends: row.suspends } : {}),
    ...(row.resumes ? { resumes: row.resumes } : {}),
    opens: [...(row.opens ?? [])],
    records: row.records,
    ...(row.movesTo ? { movesTo: row.movesTo } : {}),
  };
}

export function describeProcedure(book: RuleBook, module: ProcedureModule): z.infer<typeof procedureView> {
  const { definition } = module;
  const schemas = actionSchemas(module);
  return {
    code: definition.code,
    titleVi: definition.titleVi,
    titleEn: definition.titleEn,
    section: definition.section,
    refPrefix: definition.refPrefix,
    phases: Object.entries(definition.phases).map(([code, label]) => ({ code, ...label })),
    initialPhase: definition.initialPhase,
    openedBy: [...definition.openedBy],
    opening: module.opening
      ? (z.toJSONSchema(module.opening.body.extend({ procedure: z.literal(definition.code) }), { io: 'input' }) as Record<string, unknown>)
      : null,
    readBy: [...definition.readBy],
    appliesTo: definition.appliesTo ? { ...definition.appliesTo } : null,
    actions: definition.actions.map((row) => describeAction(book, row, schemas.get(row.type))),
    caseloadSheet: module.caseload?.sheet ?? null,
  };
}

/**
 * `GET /procedures`: every procedure with its phases and actions, each action's JSON Schema and
 * who may take it, so a client builds a form for any action without knowing the procedure.
 */
export function registerProcedureRoutes(routes: ApiRoutes, book: RuleBook): void {
  // Computed once: procedures change only with a deployment.
  const described = PROCEDURES.map((module) => describeProcedure(book, module));
  routes.add({
    method: 'get',
    path: '/procedures',
    tag: 'Cases',
    summary: 'Every procedure: phases, who opens and reads its cases, and each action with its JSON Schema and who may take it',
    access: { roles: ANY_ROLE },
    responses: { 200: { description: 'The procedures', schema: z.object({ items: z.array(procedureView) }) } },
    handler: async () => ({ status: 200, body: { items: described } }),
  });
}
