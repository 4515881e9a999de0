import { ApplicationFailure } from '@temporalio/common';
import type { Responsible } from '../rules/rule-types';
import type { Recipient } from '../domain/deadlines/deadline-types';
import { isoToDateColumn } from '../domain/time/legal-date';
import type { Jurisdiction } from '../generated/prisma/client';
import type { ReferenceSnapshot } from './reference-data';

export const NO_RESPONSIBLE_AGENCY = 'STEP.NO_RESPONSIBLE_AGENCY';

/** A unit of the registry as a case's steps see it: the row and the province it belongs to. */
export interface Place {
  unit: Jurisdiction;
  provinceId: string;
}

/** A unit (for the walk to its successors) and its province, the first id of its path ("/SX/SX-LV/…"). */
export function placeOf(registry: ReferenceSnapshot, jurisdictionId: string): Place {
  const unit = registry.unit(jurisdictionId);
  if (!unit) throw new Error(`No unit ${jurisdictionId}`);
  return { unit, provinceId: unit.path.split('/').filter(Boolean)[0] as string };
}

/** A unit and the units it became (a merger, a split's principal successor), nearest first. */
export function successorLine(registry: ReferenceSnapshot, start: Jurisdiction, maxHops = 10): Jurisdiction[] {
  const line = [start];
  for (let next = start.successorId; next && line.length <= maxHops && !line.some((unit) => unit.id === next); ) {
    const successor = registry.unit(next);
    if (!successor) throw new Error(`No unit ${next}`);
    line.push(successor);
    next = successor.successorId;
  }
  return line;
}

/** The unit a case's jurisdiction had become by `onDate` (a merged commune maps to its successor). */
function unitOn(registry: ReferenceSnapshot, start: Jurisdiction, onDate: Date): Jurisdiction {
  const line = successorLine(registry, start);
  const index = line.findIndex((unit, at) => !(unit.validTo && unit.validTo < onDate && at + 1 < line.length));
  return line[index] as Jurisdiction;
}

/** Province of a jurisdiction. */
export function provinceOf(registry: ReferenceSnapshot, jurisdictionId: string): string {
  return placeOf(registry, jurisdictionId).provinceId;
}

/** An agency named outright as a step's owner (an agency reporting for itself), with the rule's role. */
export function namedOwner(registry: ReferenceSnapshot, agencyId: string, role: Recipient['role']): Recipient {
  const agency = registry.agency(agencyId);
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
 * after finds the regional court.
 */
export function servingAgencies(registry: ReferenceSnapshot, place: Place, onIsoDate: string): (responsible: Responsible) => Recipient {
  const unit = unitOn(registry, place.unit, isoToDateColumn(onIsoDate));
  // A unit that did not exist yet on the date (today's commune reporting on a quarter before the
  // 2025 mergers) is served by its agencies from its first day.
  const onDate = unit.validFrom > isoToDateColumn(onIsoDate) ? unit.validFrom : isoToDateColumn(onIsoDate);
  const chain = unit.path.split('/').filter(Boolean).reverse();
  return (responsible) => {
    for (const id of chain) {
      // The unit's agencies are in id order: the first of the kind in force on the date.
      const agency = registry
        .agenciesOf(id)
        .find((candidate) => candidate.kind === responsible.agencyKind && candidate.validFrom <= onDate && (!candidate.validTo || candidate.validTo >= onDate));
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
