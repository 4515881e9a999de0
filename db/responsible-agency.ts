import { ApplicationFailure } from '@temporalio/common';
import type { Responsible } from '../rules/rule-types';
import type { Recipient } from '../domain/deadlines/deadline-types';
import { isoToDateColumn } from '../domain/time/legal-date';
import type { Db } from './client';

export const NO_RESPONSIBLE_AGENCY = 'STEP.NO_RESPONSIBLE_AGENCY';

/** The unit a case's jurisdiction had become by `onDate` (a merged commune maps to its successor). */
async function unitOn(db: Db, jurisdictionId: string, onDate: Date) {
  let unit = await db.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId } });
  for (let hops = 0; unit.validTo && unit.validTo < onDate && unit.successorId && hops < 10; hops += 1) {
    unit = await db.jurisdiction.findUniqueOrThrow({ where: { id: unit.successorId } });
  }
  return unit;
}

/** Province of a jurisdiction: the first id of its materialised path ("/SX/SX-LV/…"). */
export async function provinceOf(db: Db, jurisdictionId: string): Promise<string> {
  const unit = await db.jurisdiction.findUniqueOrThrow({
    where: { id: jurisdictionId },
    select: { path: true },
  });
  return unit.path.split('/').filter(Boolean)[0] as string;
}

/**
 * The agency of the required kind that served the case's place on a date: the nearest one up the
 * tree from the (successor) unit. So a step that started before 1 July 2025 finds the district
 * court, and one that started after finds the regional court.
 */
/** An agency named outright as a step's owner (an agency reporting for itself), with the rule's role. */
export async function namedOwner(db: Db, agencyId: string, role: Recipient['role']): Promise<Recipient> {
  const agency = await db.agency.findUnique({ where: { id: agencyId } });
  if (!agency)
    throw ApplicationFailure.create({
      type: NO_RESPONSIBLE_AGENCY,
      nonRetryable: true,
      message: `Không có cơ quan ${agencyId} / No agency ${agencyId}`,
    });
  return { agencyId: agency.id, agencyNameVi: agency.nameVi, agencyNameEn: agency.nameEn, role };
}

export async function resolveResponsible(
  db: Db,
  jurisdictionId: string,
  responsible: Responsible,
  onIsoDate: string,
): Promise<Recipient> {
  const unit = await unitOn(db, jurisdictionId, isoToDateColumn(onIsoDate));
  // A unit that did not exist yet on the date (today's commune reporting on a quarter before the
  // 2025 mergers) is served by its agencies from its first day.
  const onDate = unit.validFrom > isoToDateColumn(onIsoDate) ? unit.validFrom : isoToDateColumn(onIsoDate);
  const chain = unit.path.split('/').filter(Boolean).reverse();
  const candidates = await db.agency.findMany({
    where: {
      kind: responsible.agencyKind,
      jurisdictionId: { in: chain },
      validFrom: { lte: onDate },
      OR: [{ validTo: null }, { validTo: { gte: onDate } }],
    },
    orderBy: { id: 'asc' },
  });
  for (const id of chain) {
    const agency = candidates.find((candidate) => candidate.jurisdictionId === id);
    if (agency)
      return {
        agencyId: agency.id,
        agencyNameVi: agency.nameVi,
        agencyNameEn: agency.nameEn,
        role: responsible.role,
      };
  }
  throw ApplicationFailure.create({
    type: NO_RESPONSIBLE_AGENCY,
    nonRetryable: true,
    message: `Không tìm thấy cơ quan loại ${responsible.agencyKind} phụ trách ${jurisdictionId} ngày ${onIsoDate} / No ${responsible.agencyKind} serves ${jurisdictionId} on ${onIsoDate}`,
  });
}
