import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { hash } from '@node-rs/argon2';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import type { AgencyKind, Role } from '../../generated/prisma/enums';
import type { RuleOverrideParameters } from '../../rules/rule-types';

/**
 * A province of its own for one test file: a commune and the agencies the rules name, each with
 * an e-mail address, so a suite can configure rules for "its" province without touching another
 * suite's (jest runs files in parallel against one database).
 */
export interface TestProvince {
  provinceId: string;
  communeId: string;
  agency: Record<
    | 'communePolice'
    | 'communeCommittee'
    | 'drugDivision'
    | 'steeringCommittee'
    | 'provincialPolice'
    | 'regionalCourt'
    | 'medicalFacility'
    | 'healthDepartment'
    | 'team178',
    string
  >;
  emailOf(agencyId: string): string;
  setRule(ruleKey: string, parameters: RuleOverrideParameters, effectiveFrom?: string): Promise<void>;
  /** Another commune of the province, with its police and People's Committee. */
  addCommune(suffix: string): Promise<{ communeId: string; communePolice: string; communeCommittee: string }>;
  /**
   * `count` more communes at once (`<province>-<prefix>0000`, …), each with its police
   * (`<id>-CA`) and People's Committee (`<id>-UBND`): a province of thousands for the benchmarks.
   */
  addCommunes(prefix: string, count: number): Promise<string[]>;
  /** A user of one of the province's agencies, signing in with the demo password; returns the username. */
  addUser(agencyId: string, roles: Role[]): Promise<string>;
}

export async function createTestProvince(db: Db, label: string): Promise<TestProvince> {
  const provinceId = `T${randomUUID().slice(0, 6).toUpperCase()}`;
  const communeId = `${provinceId}-X1`;
  await db.jurisdiction.create({
    data: {
      id: provinceId,
      level: 'PROVINCE',
      nameVi: `Tỉnh thử ${label}`,
      nameEn: `Test province ${label}`,
      path: `/${provinceId}/`,
      validFrom: new Date('1991-01-01'),
    },
  });
  const createCommune = (id: string, name: string) =>
    db.jurisdiction.create({
      data: {
        id,
        level: 'COMMUNE',
        nameVi: `Xã thử ${name}`,
        nameEn: `Test commune ${name}`,
        parentId: provinceId,
        path: `/${provinceId}/${id}/`,
        validFrom: new Date('2025-07-01'),
      },
    });
  await createCommune(communeId, label);
  const make = async (suffix: string, kind: AgencyKind, jurisdictionId: string) => {
    const id = `${jurisdictionId}-${suffix}`;
    await db.agency.create({
      data: {
        id,
        kind,
        nameVi: `${kind} ${label}`,
        nameEn: `${kind} ${label}`,
        jurisdictionId,
        email: `${id.toLowerCase()}@test.invalid`,
        validFrom: new Date('1991-01-01'),
      },
    });
    return id;
  };
  const agency = {
    communePolice: await make('CA', 'COMMUNE_POLICE', communeId),
    communeCommittee: await make('UBND', 'COMMUNE_PEOPLES_COMMITTEE', communeId),
    drugDivision: await make('PC04', 'PROVINCIAL_POLICE_DRUG_DIVISION', provinceId),
    steeringCommittee: await make('BCD', 'PROVINCIAL_STEERING_COMMITTEE', provinceId),
    provincialPolice: await make('CAT', 'PROVINCIAL_POLICE', provinceId),
    regionalCourt: await make('TAKV', 'REGIONAL_COURT', provinceId),
    medicalFacility: await make('BV', 'MEDICAL_FACILITY', provinceId),
    healthDepartment: await make('SYT', 'PROVINCIAL_HEALTH_DEPARTMENT', provinceId),
    team178: await make('D178', 'INSPECTION_TEAM_178', provinceId),
  };
  return {
    provinceId,
    communeId,
    agency,
    emailOf: (agencyId) => `${agencyId.toLowerCase()}@test.invalid`,
    async setRule(ruleKey, parameters, effectiveFrom = '2000-01-01') {
      await db.ruleOverride.create({
        data: {
          ruleKey,
          provinceId,
          effectiveFrom: new Date(effectiveFrom),
          parameters,
          reason: `test configuration (${label})`,
        },
      });
    },
    async addCommune(suffix) {
      const id = `${provinceId}-${suffix}`;
      await createCommune(id, `${label} ${suffix}`);
      return {
        communeId: id,
        communePolice: await make('CA', 'COMMUNE_POLICE', id),
        communeCommittee: await make('UBND', 'COMMUNE_PEOPLES_COMMITTEE', id),
      };
    },
    async addCommunes(prefix, count) {
      const ids = Array.from({ length: count }, (_, i) => `${provinceId}-${prefix}${String(i).padStart(4, '0')}`);
      const validFrom = new Date('2025-07-01');
      await db.jurisdiction.createMany({
        data: ids.map((id) => ({ id, level: 'COMMUNE' as const, nameVi: `Xã ${id}`, nameEn: `Commune ${id}`, parentId: provinceId, path: `/${provinceId}/${id}/`, validFrom })),
      });
      await db.agency.createMany({
        data: ids.flatMap((id) => [
          { id: `${id}-CA`, kind: 'COMMUNE_POLICE' as const, nameVi: `Công an ${id}`, nameEn: `Police of ${id}`, jurisdictionId: id, validFrom },
          { id: `${id}-UBND`, kind: 'COMMUNE_PEOPLES_COMMITTEE' as const, nameVi: `UBND ${id}`, nameEn: `People's Committee ${id}`, jurisdictionId: id, validFrom },
        ]),
      });
      return ids;
    },
    async addUser(agencyId, roles) {
      const username = `${agencyId}.${roles[0]}`.toLowerCase();
      await db.user.create({
        data: { username, displayName: `${roles[0]} ${label}`, passwordHash: await hash(DEMO_PASSWORD), agencyId, roles },
      });
      return username;
    },
  };
}
