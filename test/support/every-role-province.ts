import { hash } from '@node-rs/argon2';
import type { Db } from '../../db/client';
import { ensureNationalRoot, NATIONAL_AGENCY } from '../../db/national-root';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import type { Role } from '../../generated/prisma/enums';
import { ALL_ROLES } from '../policy/access-policy';
import { createTestProvince, type TestProvince } from './test-province';

async function addAgency(db: Db, province: TestProvince, suffix: string, kind: 'REHAB_FACILITY' | 'REGIONAL_PROCURACY' | 'DISTRICT_LABOUR_DIVISION' | 'DISTRICT_JUSTICE_DIVISION') {
  const id = `${province.provinceId}-${suffix}`;
  await db.agency.create({
    data: { id, kind, nameVi: `${kind} thử`, nameEn: `${kind} test`, jurisdictionId: province.provinceId, email: `${id.toLowerCase()}@test.invalid`, validFrom: new Date('1991-01-01') },
  });
  return id;
}

/**
 * A test province with one user of each role, each alone in that role, in the agency where the
 * role belongs (the commune's police and committee, the regional court, a procuracy, a facility, a
 * labour division, a justice division, the medical facility, …); the national administrator sits in the national body.
 */
export async function provinceWithEveryRole(db: Db, label: string): Promise<{ province: TestProvince; users: Record<Role, string> }> {
  await ensureNationalRoot(db);
  const province = await createTestProvince(db, label);
  const facility = await addAgency(db, province, 'CSCN', 'REHAB_FACILITY');
  const procuracy = await addAgency(db, province, 'VKS', 'REGIONAL_PROCURACY');
  const labour = await addAgency(db, province, 'LDTBXH', 'DISTRICT_LABOUR_DIVISION');
  const justice = await addAgency(db, province, 'TUPHAP', 'DISTRICT_JUSTICE_DIVISION');
  const home: Record<Role, string> = {
    COMMUNE_POLICE_OFFICER: province.agency.communePolice,
    COMMUNE_POLICE_HEAD: province.agency.communePolice,
    COMMUNE_OFFICIAL: province.agency.communeCommittee,
    COMMUNE_CHAIRMAN: province.agency.communeCommittee,
    JUDGE: province.agency.regionalCourt,
    CHIEF_JUDGE: province.agency.regionalCourt,
    PROCURATOR: procuracy,
    FACILITY_OFFICER: facility,
    FACILITY_DIRECTOR: facility,
    PROVINCIAL_COORDINATOR: province.agency.drugDivision,
    SYSTEM_ADMIN: province.agency.provincialPolice,
    DOCTOR: province.agency.medicalFacility,
    LABOUR_OFFICER: labour,
    JUSTICE_OFFICER: justice,
    TEAM_178_MEMBER: province.agency.team178,
    NATIONAL_ADMIN: NATIONAL_AGENCY,
  };
  const users = {} as Record<Role, string>;
  for (const role of ALL_ROLES) {
    if (role === 'NATIONAL_ADMIN') {
      // One national body for every province: a username of this province's own.
      users[role] = `national-${province.provinceId.toLowerCase()}`;
      await db.user.create({ data: { username: users[role], displayName: 'Quản trị quốc gia thử', passwordHash: await hash(DEMO_PASSWORD), agencyId: NATIONAL_AGENCY, roles: [role] } });
    } else users[role] = await province.addUser(home[role], [role]);
  }
  return { province, users };
}
