import type { Agency, Jurisdiction } from '../generated/prisma/client';
import type { AgencyKind } from '../generated/prisma/enums';
import { isoToDateColumn } from '../domain/time/legal-date';
import { CaseFailure } from '../workflows/cases/case-contract';
import type { HandoverAgency } from '../workflows/deadlines/contract';
import type { Db } from './client';

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

const MAX_HOPS = 10;

/** The province of a unit: the first id of its path ("/SX/SX-LV/"). */
const provinceOfPath = (path: string) => path.split('/').filter(Boolean)[0];

/** The case's commune and the units it became (a merger, a split's principal successor), nearest first. */
async function lineOf(db: Db, unit: Jurisdiction): Promise<Jurisdiction[]> {
  const line = [unit];
  for (let next = unit.successorId; next && line.length < MAX_HOPS && !line.some((u) => u.id === next); ) {
    const successor = await db.jurisdiction.findUnique({ where: { id: next } });
    if (!successor) break;
    line.push(successor);
    next = successor.successorId;
  }
  return line;
}

const inForceOn = (row: { validFrom: Date; validTo: Date | null }, on: Date) => row.validFrom <= on && (row.validTo === null || row.validTo >= on);

/** Why a case held by `fromJurisdictionId` may not move to `toJurisdictionId` on `on`, if it may not. */
export async function moveRefusal(
  db: Db,
  move: { fromJurisdictionId: string; toJurisdictionId: string; on: string },
): Promise<MoveRefusal | undefined> {
  const on = isoToDateColumn(move.on);
  const [from, to] = await Promise.all([
    db.jurisdiction.findUnique({ where: { id: move.fromJurisdictionId } }),
    db.jurisdiction.findUnique({ where: { id: move.toJurisdictionId } }),
  ]);
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
  for (const unit of (await lineOf(db, from)).slice(1)) {
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
export async function handoverOf(
  db: Db,
  move: { fromJurisdictionId: string; toJurisdictionId: string; on: string },
  agencyIds: readonly string[],
): Promise<{ handover: Record<string, HandoverAgency>; refusal?: MoveRefusal }> {
  const on = isoToDateColumn(move.on);
  const from = await db.jurisdiction.findUniqueOrThrow({ where: { id: move.fromJurisdictionId } });
  const oldUnits = new Set((await lineOf(db, from)).map((unit) => unit.id));
  const named = await db.agency.findMany({ where: { id: { in: [...new Set(agencyIds)] } } });
  const leaving = named.filter((agency) => COMMUNE_BODIES.includes(agency.kind) && oldUnits.has(agency.jurisdictionId));
  const receiving: Agency[] = await db.agency.findMany({
    where: { jurisdictionId: move.toJurisdictionId, kind: { in: [...new Set(leaving.map((agency) => agency.kind))] } },
    orderBy: { id: 'asc' },
  });
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
