import type { Jurisdiction } from '../generated/prisma/client';
import type { AgencyKind } from '../generated/prisma/enums';
import { isoToDateColumn } from '../domain/time/legal-date';
import { CaseFailure } from '../workflows/cases/case-contract';
import type { HandoverAgency } from '../workflows/deadlines/contract';
import type { ReferenceSnapshot } from './reference-data';
import { successorLine } from './responsible-agency';

/**
 * Moving a running case to another commune of its province (`POST /cases/{caseRef}/jurisdiction`,
 * issue #18): where it may go, and which agency of the new commune takes each open step held by a
 * body of the old one. Asked by the API before Temporal, for a quick answer, and by the workflow's
 * activity before anything changes, which decides.
 */

/**
 * The commune's own bodies: the steps they hold go with the case to the new commune's body of the
 * same kind. Steps held above the commune (a court, a facility, the provincial police) stay.
 */
export const COMMUNE_BODIES: readonly AgencyKind[] = ['COMMUNE_POLICE', 'COMMUNE_PEOPLES_COMMITTEE'];

export interface MoveRefusal {
  code: string;
  vi: string;
  en: string;
}

/** The province of a unit: the first id of its path ("/SX/SX-LV/"). */
const provinceOfPath = (path: string) => path.split('/').filter(Boolean)[0];

const inForceOn = (row: { validFrom: Date; validTo: Date | null }, on: Date) => row.validFrom <= on && (row.validTo === null || row.validTo >= on);

/** Why a case held by `fromJurisdictionId` may not move to `toJurisdictionId` on `on`, if it may not. */
export function moveRefusal(
  registry: ReferenceSnapshot,
  move: { fromJurisdictionId: string; toJurisdictionId: string; on: string },
): MoveRefusal | undefined {
  const on = isoToDateColumn(move.on);
  const [from, to] = [registry.unit(move.fromJurisdictionId), registry.unit(move.toJurisdictionId)];
  if (!to || to.level !== 'COMMUNE' || !inForceOn(to, on))
    return {
      code: CaseFailure.TARGET_NOT_IN_FORCE,
      vi: `${move.toJurisdictionId} không phải là xã, phường có hiệu lực ngày ${move.on}`,
      en: `${move.toJurisdictionId} is not a commune in force on ${move.on}`,
    };
  if (!from) throw new Error(`the case's unit ${move.fromJurisdictionId} is not in the registry`);
  if (provinceOfPath(to.path) !== provinceOfPath(from.path))
    return {
      code: CaseFailure.TARGET_OTHER_PROVINCE,
      vi: `${to.id} thuộc tỉnh khác; hồ sơ chỉ chuyển được trong tỉnh ${provinceOfPath(from.path) ?? ''}`,
      en: `${to.id} is in another province; a case moves only within province ${provinceOfPath(from.path) ?? ''}`,
    };
  // The commune itself, or the unit it had become by then (a merged commune's successor, a split one's principal successor).
  const holders = [from];
  for (const unit of successorLine(registry, from).slice(1)) {
    const before = holders[holders.length - 1] as Jurisdiction;
    if (before.validTo === null || before.validTo >= on) break;
    holders.push(unit);
  }
  if (holders.some((unit) => unit.id === to.id))
    return {
      code: CaseFailure.ALREADY_IN_COMMUNE,
      vi: to.id === from.id ? `Hồ sơ đang do ${to.id} thụ lý` : `${from.id} đã trở thành ${to.id}: hồ sơ đã do ${to.id} thụ lý`,
      en: to.id === from.id ? `The case is already held by ${to.id}` : `${from.id} became ${to.id}: the case is already held by ${to.id}`,
    };
  return undefined;
}

/**
 * For the agencies named on a case's open steps (owners and the rungs of their ladders): each body
 * of the case's commune (or of a unit it became) and the new commune's agency of the same kind in
 * force on the move's date. A body the new commune lacks is a refusal: nothing moves.
 */
export function handoverOf(
  registry: ReferenceSnapshot,
  move: { fromJurisdictionId: string; toJurisdictionId: string; on: string },
  agencyIds: readonly string[],
): { handover: Record<string, HandoverAgency>; refusal?: MoveRefusal } {
  const on = isoToDateColumn(move.on);
  const from = registry.unit(move.fromJurisdictionId);
  if (!from) throw new Error(`the case's unit ${move.fromJurisdictionId} is not in the registry`);
  const oldUnits = new Set(successorLine(registry, from).map((unit) => unit.id));
  const named = [...new Set(agencyIds)].flatMap((id) => registry.agency(id) ?? []);
  const leaving = named.filter((agency) => COMMUNE_BODIES.includes(agency.kind) && oldUnits.has(agency.jurisdictionId));
  // The new commune's agencies are in id order, as the agencies serving a step are chosen.
  const receiving = registry.agenciesOf(move.toJurisdictionId);
  const handover: Record<string, HandoverAgency> = {};
  for (const agency of leaving) {
    const next = receiving.find((candidate) => candidate.kind === agency.kind && inForceOn(candidate, on));
    if (!next)
      return {
        handover: {},
        refusal: {
          code: CaseFailure.TARGET_HAS_NO_AGENCY,
          vi: `${move.toJurisdictionId} không có cơ quan loại ${agency.kind} ngày ${move.on} để nhận bước đang mở`,
          en: `${move.toJurisdictionId} has no ${agency.kind} on ${move.on} to take over an open step`,
        },
      };
    handover[agency.id] = { agencyId: next.id, agencyNameVi: next.nameVi, agencyNameEn: next.nameEn };
  }
  return { handover };
}
