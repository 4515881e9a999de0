import { hash } from '@node-rs/argon2';
import type { Db } from '../client';
import { seedDemoReporting } from './demo-reporting';
import { DEMO_PASSWORD, demoAgencies, demoEstablishments, demoJurisdictions, demoUsers, type SeedJurisdiction } from './demo-province';

const asDate = (isoDate: string | undefined) => (isoDate ? new Date(`${isoDate}T00:00:00Z`) : null);

/**
 * "/SX/SX-LV/": the ids from the province down. The national root ("/VN/") stands beside the
 * provinces' paths, not above them: a national administrator covers no province's data.
 */
function pathOf(id: string, byId: Map<string, SeedJurisdiction>): string {
  const ids: string[] = [];
  for (let current = byId.get(id); current; current = current.parentId ? byId.get(current.parentId) : undefined) {
    if (current.level !== 'NATION' || current.id === id) ids.unshift(current.id);
  }
  return `/${ids.join('/')}/`;
}

/**
 * Idempotent: running it on every start converges the registry to the demo data and never
 * touches a demo user's password once set (so a changed password survives restarts).
 */
export async function seedDemoData(db: Db): Promise<void> {
  const byId = new Map(demoJurisdictions.map((j) => [j.id, j]));
  // Parents before children (path length), successors linked once everything exists.
  const ordered = [...demoJurisdictions].sort((a, b) => pathOf(a.id, byId).length - pathOf(b.id, byId).length);
  for (const j of ordered) {
    const data = {
      level: j.level,
      nameVi: j.nameVi,
      nameEn: j.nameEn,
      parentId: j.parentId ?? null,
      path: pathOf(j.id, byId),
      validFrom: asDate(j.validFrom)!,
      validTo: asDate(j.validTo),
    };
    await db.jurisdiction.upsert({ where: { id: j.id }, create: { id: j.id, ...data }, update: data });
  }
  for (const j of demoJurisdictions.filter((j) => j.successorId)) {
    await db.jurisdiction.update({ where: { id: j.id }, data: { successorId: j.successorId } });
  }

  const agencyById = new Map(demoAgencies.map((a) => [a.id, a]));
  const depth = (id: string | undefined): number => (id ? 1 + depth(agencyById.get(id)?.parentAgencyId) : 0);
  const agencyOrder = [...demoAgencies].sort((a, b) => depth(a.id) - depth(b.id));
  for (const a of agencyOrder) {
    const data = {
      kind: a.kind,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      jurisdictionId: a.jurisdictionId,
      parentAgencyId: a.parentAgencyId ?? null,
      email: a.email ?? null,
      validFrom: asDate(a.validFrom)!,
      validTo: asDate(a.validTo),
    };
    await db.agency.upsert({ where: { id: a.id }, create: { id: a.id, ...data }, update: data });
  }
  for (const a of demoAgencies.filter((a) => a.successorId)) {
    await db.agency.update({ where: { id: a.id }, data: { successorId: a.successorId } });
  }

  const existing = new Set((await db.user.findMany({ select: { username: true } })).map((u) => u.username));
  const passwordHash = existing.size < demoUsers.length ? await hash(DEMO_PASSWORD) : '';
  for (const u of demoUsers) {
    const data = { displayName: u.displayName, agencyId: u.agencyId, roles: u.roles, homeAgencyId: u.homeAgencyId ?? null };
    if (existing.has(u.username)) await db.user.update({ where: { username: u.username }, data });
    else await db.user.create({ data: { username: u.username, passwordHash, ...data } });
  }
  const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' }, select: { id: true } });
  for (const e of demoEstablishments) {
    await db.establishment.upsert({ where: { id: e.id }, update: {}, create: { ...e, provinceId: 'SX', createdBy: admin.id } });
  }
  await seedDemoReporting(db);
}
