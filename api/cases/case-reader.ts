import type { Db } from '../../db/client';
import { dateColumnToIso } from '../../domain/time/legal-date';
import type { Prisma } from '../../generated/prisma/client';
import { StepStatus } from '../../generated/prisma/enums';
import { foldName } from '../../domain/persons/name-folding';
import { procedureByCode } from '../../procedures/registry';

const isoOrNull = (value: Date | null) => (value ? dateColumnToIso(value) : null);

/** The procedure's part of the page, from its own fields (checked by its schema; shown as stored if they do not parse). */
function procedurePage(procedure: string, fields: unknown): object {
  const module = procedureByCode(procedure);
  if (!module?.page) return {};
  const parsed = module.fields.safeParse(fields);
  return module.page(parsed.success ? parsed.data : ((fields ?? {}) as Record<string, unknown>));
}

/** The case page, from Postgres only (never the workflow history). */
export async function readCasePage(db: Db, caseRef: string) {
  const row = await db.case.findUniqueOrThrow({
    where: { id: caseRef },
    include: {
      person: true,
      events: { orderBy: { seq: 'asc' } },
      documents: { orderBy: { uploadedAt: 'asc' } },
      followUps: { select: { id: true, procedure: true, phase: true, status: true } },
    },
  });
  const steps = await db.step.findMany({ where: { caseRef }, orderBy: { openedAt: 'asc' } });
  const actorIds = [...new Set(row.events.map((event) => event.actorUserId).filter((id): id is string => id !== null))];
  const actors = new Map(
    (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } })).map(
      (user) => [user.id, user.displayName],
    ),
  );
  return {
    caseRef: row.id,
    procedure: row.procedure,
    status: row.status,
    phase: row.phase,
    jurisdictionId: row.jurisdictionId,
    parentCaseRef: row.parentCaseId,
    followUps: row.followUps.map((followUp) => ({ caseRef: followUp.id, ...followUp, id: undefined })),
    // A commune's assessment (procedure J) is about no person.
    person: row.person && {
      id: row.person.id,
      fullName: row.person.fullName,
      birthDate: dateColumnToIso(row.person.birthDate),
      citizenId: row.person.citizenId,
      otherIdentification: row.person.otherIdentification,
      residenceStatus: row.person.residenceStatus,
      residenceAddress: row.person.residenceAddress,
      residenceJurisdictionId: row.person.residenceJurisdictionId,
    },
    fields: row.fields,
    ...procedurePage(row.procedure, row.fields),
    closedOn: isoOrNull(row.closedOn),
    closedReason: row.closedReason,
    openSteps: steps
      .filter((step) => step.status === StepStatus.OPEN || step.status === StepStatus.SUSPENDED)
      .map((step) => ({
        stepKey: step.stepKey,
        ruleKey: step.ruleKey,
        titleVi: step.titleVi,
        titleEn: step.titleEn,
        status: step.status,
        ownerAgencyId: step.ownerAgencyId,
        ownerRole: step.ownerRole,
        dueDate: dateColumnToIso(step.dueDate),
        statutoryDueDate: isoOrNull(step.statutoryDueDate),
        explanation: step.explanation,
      })),
    steps: steps.map((step) => ({
      stepKey: step.stepKey,
      ruleKey: step.ruleKey,
      status: step.status,
      ownerAgencyId: step.ownerAgencyId,
      startDate: dateColumnToIso(step.startDate),
      dueDate: dateColumnToIso(step.dueDate),
      completedAt: step.completedAt?.toISOString() ?? null,
    })),
    timeline: row.events.map((event) => ({
      seq: event.seq,
      kind: event.kind,
      on: dateColumnToIso(event.legalDate),
      recordedAt: event.occurredAt.toISOString(),
      stepKey: event.stepKey,
      actor: event.actorUserId
        ? { userId: event.actorUserId, name: actors.get(event.actorUserId) ?? null, agencyId: event.actorAgencyId }
        : null,
      details: event.details,
    })),
    documents: row.documents.map((document) => ({
      id: document.id,
      kind: document.kind,
      title: document.title,
      fileName: document.fileName,
      contentType: document.contentType,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
      uploadedAt: document.uploadedAt.toISOString(),
    })),
  };
}

export async function searchCases(
  db: Db,
  units: string[],
  procedures: string[],
  query: {
    citizenId?: string | undefined;
    name?: string | undefined;
    procedure?: string | undefined;
    phase?: string | undefined;
    status?: 'OPEN' | 'CLOSED' | undefined;
    limit: number;
  },
) {
  const where: Prisma.CaseWhereInput = {
    jurisdictionId: { in: units },
    procedure: { in: query.procedure ? procedures.filter((code) => code === query.procedure) : procedures },
    ...(query.phase ? { phase: query.phase } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.citizenId || query.name
      ? {
          person: {
            ...(query.citizenId ? { citizenId: query.citizenId } : {}),
            ...(query.name ? { nameFolded: { contains: foldName(query.name) } } : {}),
          },
        }
      : {}),
  };
  const rows = await db.case.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    take: query.limit,
    include: { person: { select: { fullName: true, birthDate: true } } },
  });
  return rows.map((row) => ({
    caseRef: row.id,
    procedure: row.procedure,
    phase: row.phase,
    status: row.status,
    jurisdictionId: row.jurisdictionId,
    fullName: row.person?.fullName ?? null,
    birthDate: row.person ? dateColumnToIso(row.person.birthDate) : null,
    openedAt: row.createdAt.toISOString(),
  }));
}

/** Every case of one person, oldest first, each with the case it came from: the chain they travelled. */
export async function readPersonCases(db: Db, personId: string) {
  const person = await db.person.findUnique({
    where: { id: personId },
    include: { cases: { orderBy: { createdAt: 'asc' } } },
  });
  if (!person) return undefined;
  return {
    person: {
      id: person.id,
      fullName: person.fullName,
      birthDate: dateColumnToIso(person.birthDate),
      citizenId: person.citizenId,
      otherIdentification: person.otherIdentification,
      residenceStatus: person.residenceStatus,
      residenceJurisdictionId: person.residenceJurisdictionId,
    },
    cases: person.cases.map((row) => ({
      caseRef: row.id,
      procedure: row.procedure,
      phase: row.phase,
      status: row.status,
      jurisdictionId: row.jurisdictionId,
      parentCaseRef: row.parentCaseId,
      openedAt: row.createdAt.toISOString(),
      closedOn: isoOrNull(row.closedOn),
      closedReason: row.closedReason,
    })),
  };
}
