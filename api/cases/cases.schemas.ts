import { z } from 'zod';
import { DOCUMENT_TYPES } from '../../domain/documents/document-type';
import { PROCEDURES } from '../../procedures/registry';
import { citizenId, isoDate, on, reason } from '../../procedures/shared/schemas';
import { uploadedFileName } from '../http/file-name';

export { citizenId, personSchema } from '../../procedures/shared/schemas';

const openable = PROCEDURES.flatMap((module) =>
  module.opening ? [{ code: module.definition.code, body: module.opening.body, actions: module.actions }] : [],
);

/** Acts already done on paper, entered with the case; each is one of the procedure's actions. */
const pastActsOf = (actions: z.ZodType) =>
  z
    .array(
      z.object({
        action: actions,
        onPaperBy: z.string().trim().min(2).max(200).optional().meta({ description: 'The official who did it on paper, when not you' }),
      }),
    )
    .max(50)
    .optional()
    .meta({ description: 'Acts already done on paper, recorded in order with their own dates (late entry of a running case)' });
const procedureList = openable.map((p) => p.code).join(', ');

/** Opening a case: `procedure` says which, and the rest is that procedure's opening body. */
export const createCaseBody = z
  .discriminatedUnion(
    'procedure',
    openable.map(({ code, body, actions }) => body.extend({ procedure: z.literal(code), pastActs: pastActsOf(actions) })) as unknown as [
      z.ZodObject,
      ...z.ZodObject[],
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `Không có thủ tục này; các thủ tục mở được: ${procedureList} / No such procedure; procedures that can be opened: ${procedureList}`
          : undefined,
    },
  )
  .meta({ id: 'CreateCase' });

/** What every action carries; the case's procedure gives the rest of its schema. */
export const caseActionEnvelope = z.looseObject({ type: z.string().min(1).max(60), on });

/** Every procedure's actions, for the OpenAPI document (each request is checked against its case's procedure). */
export const caseActionBody = z
  .union(PROCEDURES.map((module) => module.actions) as unknown as [z.ZodType, ...z.ZodType[]])
  .meta({ id: 'CaseAction' });

/** POST /cases/:caseRef/jurisdiction: the case goes to another commune of its province. */
export const caseMoveBody = z
  .object({
    toJurisdictionId: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .meta({ description: 'The commune the case goes to: a commune of the case’s province in force on `on` (the case page lists them as `moveTargets`)' }),
    on: on.meta({ description: 'The legal date of the move: today or earlier, not before the case’s last recorded date' }),
    reason: reason.meta({ description: 'Why (the resolution that split the commune, the person’s new residence); kept on the case’s timeline' }),
  })
  .meta({ id: 'CaseMove' });

export const personParams = z.object({ personId: z.uuid() });
export const caseRefParams = z.object({ caseRef: z.string().regex(/^[A-Z0-9-]{3,80}$/) });
export const documentParams = caseRefParams.extend({ documentId: z.uuid() });

export const documentUploadQuery = z.object({
  kind: z.enum(['ADDICTION_RESULT', 'VIOLATION_RECORD', 'CURRICULUM_VITAE', 'STATEMENT', 'DECISION', 'CERTIFICATE', 'OTHER']),
  title: z.string().trim().min(1).max(200),
  fileName: uploadedFileName,
});

export const caseSearchQuery = z.object({
  citizenId: citizenId.optional(),
  name: z.string().trim().min(2).max(120).optional(),
  procedure: z.string().max(60).optional(),
  phase: z.string().max(40).optional(),
  status: z.enum(['OPEN', 'CLOSED']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const caseSnapshotView = z
  .object({
    caseRef: z.string(),
    phase: z.string(),
    closed: z.boolean(),
    openSteps: z.array(
      z.object({
        stepKey: z.string(),
        ruleKey: z.string(),
        status: z.string(),
        dueDate: isoDate,
        ownerAgencyId: z.string(),
        ownerRole: z.string(),
      }),
    ),
    allowedActions: z.array(z.string()),
    termEndOn: isoDate.optional(),
    complaintWindowEndsOn: isoDate.optional(),
    pastActs: z
      .object({
        recorded: z.number().int(),
        refused: z.object({ index: z.number().int(), type: z.string(), reason: z.string() }).optional(),
      })
      .optional(),
  })
  .meta({ id: 'CaseSnapshot' });

/** What a move answers: where the case stands now, and what moved. */
export const caseMoveView = caseSnapshotView
  .extend({
    moved: z.object({
      from: z.string(),
      to: z.string(),
      on: isoDate,
      reason: z.string(),
      steps: z
        .array(z.object({ stepKey: z.string(), fromAgencyId: z.string(), toAgencyId: z.string() }))
        .meta({ description: 'The open steps handed from the old commune’s body to the new one’s of the same kind; the others keep their owner' }),
    }),
  })
  .meta({ id: 'CaseMoved' });

const stepDue = {
  stepKey: z.string(),
  ruleKey: z.string(),
  status: z.string(),
  ownerAgencyId: z.string(),
  dueDate: isoDate,
};

/** The case page (api/cases/case-reader.ts); a procedure adds its own part beside these (a term's end, a window). */
export const casePageView = z
  .looseObject({
    caseRef: z.string(),
    procedure: z.string(),
    status: z.enum(['OPEN', 'CLOSED']),
    phase: z.string(),
    jurisdictionId: z.string(),
    jurisdictionName: z
      .object({ nameVi: z.string(), nameEn: z.string() })
      .nullable()
      .meta({ description: 'The name of the commune holding the case (`jurisdictionId`), as the registry has it now' }),
    parentCaseRef: z.string().nullable(),
    followUps: z.array(z.object({ caseRef: z.string(), procedure: z.string(), phase: z.string(), status: z.string() })),
    person: z.object({
      id: z.string(),
      fullName: z.string(),
      birthDate: isoDate,
      citizenId: z.string().nullable(),
      otherIdentification: z.string().nullable(),
      residenceStatus: z.string(),
      residenceAddress: z.string().nullable(),
      residenceJurisdictionId: z.string(),
    })
      .nullable()
      .meta({ description: 'Null when the case is not about a person (a commune’s assessment, procedure J)' }),
    fields: z.unknown(),
    closedOn: isoDate.nullable(),
    closedReason: z.string().nullable(),
    openSteps: z.array(
      z.object({
        ...stepDue,
        titleVi: z.string(),
        titleEn: z.string(),
        ownerRole: z.string(),
        statutoryDueDate: isoDate.nullable(),
        explanation: z.unknown().meta({ description: 'How the due date was computed: rule, source, skipped days' }),
      }),
    ),
    steps: z.array(z.object({ ...stepDue, startDate: isoDate, completedAt: z.iso.datetime().nullable() })),
    timeline: z.array(
      z.object({
        seq: z.number().int(),
        kind: z.string(),
        on: isoDate,
        recordedAt: z.iso.datetime(),
        stepKey: z.string().nullable(),
        actor: z.object({ userId: z.string(), name: z.string().nullable(), agencyId: z.string().nullable() }).nullable(),
        details: z.unknown(),
      }),
    ),
    documents: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        title: z.string(),
        fileName: z.string(),
        contentType: z.string(),
        sizeBytes: z.number().int(),
        sha256: z.string(),
        uploadedAt: z.iso.datetime(),
      }),
    ),
    actionsForYou: z
      .array(z.string())
      .meta({ description: 'The actions open on the case now that the caller’s agency and roles may take, in the procedure’s order' }),
    moveTargets: z
      .array(z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string(), splitFromCurrent: z.boolean() }))
      .nullable()
      .meta({
        description:
          'Null unless the caller may move the case to another commune (`POST /cases/{caseRef}/jurisdiction`); then the communes of its province in force today that it may go to, those its commune was split into first',
      }),
  })
  .meta({ id: 'CasePage' });

const caseStatus = z.enum(['OPEN', 'CLOSED']);

export const caseSearchView = z
  .object({
    items: z.array(
      z.object({
        caseRef: z.string(),
        procedure: z.string(),
        phase: z.string(),
        status: caseStatus,
        jurisdictionId: z.string(),
        /** Null for a case about no person (a commune's assessment). */
        fullName: z.string().nullable(),
        birthDate: z.iso.date().nullable(),
        openedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'CaseSearchResult' });

export const personCasesView = z
  .object({
    person: z.object({
      id: z.uuid(),
      fullName: z.string(),
      birthDate: z.iso.date(),
      citizenId: z.string().nullable(),
      otherIdentification: z.string().nullable(),
      residenceStatus: z.enum(['STABLE', 'NO_STABLE_RESIDENCE']),
      residenceJurisdictionId: z.string(),
    }),
    cases: z.array(
      z.object({
        caseRef: z.string(),
        procedure: z.string(),
        phase: z.string(),
        status: caseStatus,
        jurisdictionId: z.string(),
        parentCaseRef: z.string().nullable(),
        openedAt: z.iso.datetime(),
        closedOn: z.iso.date().nullable(),
        closedReason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'PersonCases' });

/** POST /cases/:caseRef/documents: the stored document, its id to name in actions (documentIds). */
export const documentStoredView = z
  .object({
    id: z.uuid(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    sizeBytes: z.number().int().positive(),
    contentType: z.enum(DOCUMENT_TYPES),
  })
  .meta({ id: 'CaseDocumentStored' });
