import { ApplicationFailure } from '@temporalio/common';
import type { Responsible } from '../rules/rule-types';
import type { Recipient } from '../domain/deadlines/deadline-types';
import { isoToDateColumn } from '../domain/time/legal-date';
import type { Jurisdiction } from '../generated/prisma/client';
import type { Db } from './client';

export const NO_RESPONSIBLE_AGENCY = 'STEP.NO_RESPONSIBLE_AGENCY';

/** A unit of the registry as a case's steps see it: the row and the province it belongs to. */
export interface Place {
  unit: Jurisdiction;
  provinceId: string;
}

/** Reads a unit once: its row (for the walk to its successors) and its province, the first id of its path ("/SX/SX-LV/…"). */
export async function placeOf(db: Db, jurisdictionId: string): Promise<Place> {
  const unit = await db.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId } });
  return { unit, provinceId: unit.path.split('/').filter(Boolean)[0] as string };
}

/** The unit a case's jurisdiction had become by `onDate` (a merged commune maps to its successor). */
async function unitOn(db: Db, start: Jurisdiction, onDate: Date): Promise<Jurisdiction> {
  let unit = start;
  for (let hops = 0; unit.validTo && unit.validTo < onDate && unit.successorId && hops < 10; hops += 1) {
    unit = await db.jurisdiction.findUniqueOrThrow({ where: { id: unit.successorId } });
  }
  return unit;
}

/** Province of a jurisdiction. */
export async function provinceOf(db: Db, jurisdictionId: string): Promise<string> {
  return (await placeOf(db, jurisdictionId)).provinceId;
}

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

/**
 * For each responsibility a step names (its owner, every rung of its ladders), the agency of its
 * kind that served the case's place on a date: the nearest one up the tree from the (successor)
 * unit. So a step that started before 1 July 2025 finds the district court, and one that started
 * after finds the regional court. The unit and the agencies up its tree are read once for all of
 * them, not once each: a step's recipients share the place and the date.
 */
export async function servingAgencies(
  db: Db,
  place: Place,
  kinds: readonly Responsible['agencyKind'][],
  onIsoDate: string,
): Promise<(responsible: Responsible) => Recipient> {
  const unit = await unitOn(db, place.unit, isoToDateColumn(onIsoDate));
  // A unit that did not exist yet on the date (today's commune reporting on a quarter before the
  // 2025 mergers) is served by its agencies from its first day.
  const onDate = unit.validFrom > isoToDateColumn(onIsoDate) ? unit.validFrom : isoToDateColumn(onIsoDate);
  const chain = unit.path.split('/').filter(Boolean).reverse();
  const candidates =
    kinds.length === 0
      ? []
      : await db.agency.findMany({
          where: {
            kind: { in: [...new Set(kinds)] },
            jurisdictionId: { in: chain },
            validFrom: { lte: onDate },
            OR: [{ validTo: null }, { validTo: { gte: onDate } }],
          },
          orderBy: { id: 'asc' },
        });
  return (responsible) => {
    for (const id of chain) {
      const agency = candidates.find((candidate) => candidate.jurisdictionId === id && candidate.kind === responsible.agencyKind);
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
      message: `Không tìm thấy cơ quan loại ${responsible.agencyKind} phụ trách ${place.unit.id} ngày ${onIsoDate} / No ${responsible.agencyKind} serves ${place.unit.id} on ${onIsoDate}`,
    });
  };
}
