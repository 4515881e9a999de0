import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Express } from 'express';
import request from 'supertest';
import type { Db } from '../../db/client';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import type { Role } from '../../generated/prisma/enums';
import { provinceWithEveryRole } from '../support/every-role-province';
import { ACTION_POLICY, ALL_ROLES, ONLY_ABOLISHED_AGENCIES } from './access-policy';

interface Official {
  username: string;
  role: Role;
  agencyId: string;
}

/** Roles that sit together in one agency: the officer and the head, the judge and the chief judge, … */
const PARTNERS: readonly (readonly Role[])[] = [
  ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'],
  ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'],
  ['JUDGE', 'CHIEF_JUDGE'],
  ['FACILITY_OFFICER', 'FACILITY_DIRECTOR'],
];

const refused = (status: number) => status === 401 || status === 403 || status === 404;

/**
 * The action half of the permission matrix, run while a procedure's step is really open (by
 * test/integration/procedure-forms.test.ts, which takes every action of every procedure):
 * - every role the policy (access-policy.ts) does not allow is refused, asked by an official alone
 *   in that role in each agency of the case's province where the demo has one (colleagues of the
 *   step's owner included), and every role of another province is refused;
 * - every role the policy allows is offered the action on the case page by at least one official
 *   alone in that role (the page asks the same authorisation as the action), unless the policy
 *   allows it only for steps before March 2025;
 * - the action is then taken by an official holding an allowed role (the caller's `take`).
 * A refused call that goes through would change the case: it stops the tour at once.
 */
export class ActionPermissionCheck {
  private own: Official[] = [];
  private other: Official[] = [];
  private readonly tokens = new Map<string, string>();
  readonly mismatches: string[] = [];
  readonly checked = new Set<string>();

  constructor(
    private readonly app: Express,
    private readonly db: Db,
  ) {}

  /**
   * An official alone in each role in each agency of today of `provincePrefix`, for every role the
   * demo gives some agency of that kind (the head of police of every commune, a chief judge in every
   * court, …), and another province with every role.
   */
  async setUp(provincePrefix: string): Promise<void> {
    // Agencies of today only: an abolished agency's officials cannot log in.
    const agencies = await this.db.agency.findMany({ where: { jurisdictionId: { startsWith: provincePrefix }, validTo: null }, select: { id: true, kind: true } });
    const demo = await this.db.user.findMany({ where: { agencyId: { in: agencies.map((agency) => agency.id) } }, select: { agencyId: true, roles: true } });
    const kindOf = new Map(agencies.map((agency) => [agency.id, agency.kind]));
    const rolesOfKind = new Map<string, Set<Role>>();
    for (const user of demo) {
      const kind = kindOf.get(user.agencyId) as string;
      // Each role with its partner in the same agency (a court that has judges has a chief judge).
      const roles = user.roles.flatMap((role) => PARTNERS.find((pair) => pair.includes(role)) ?? [role]);
      rolesOfKind.set(kind, new Set([...(rolesOfKind.get(kind) ?? []), ...roles]));
    }
    const passwordHash = await hash(DEMO_PASSWORD);
    for (const agency of agencies)
      for (const role of rolesOfKind.get(agency.kind) ?? []) {
        const official = { username: `solo.${role}.${agency.id}`.toLowerCase(), role, agencyId: agency.id };
        await this.db.user.upsert({
          where: { username: official.username },
          update: {},
          create: { username: official.username, displayName: `Một vai ${role}`, passwordHash, agencyId: agency.id, roles: [role] },
        });
        this.own.push(official);
      }
    const elsewhere = await provinceWithEveryRole(this.db, 'actions-other');
    this.other = ALL_ROLES.map((role) => ({ username: elsewhere.users[role], role, agencyId: '' }));
  }

  private async token(username: string): Promise<string> {
    if (!this.tokens.has(username)) {
      const response = await request(this.app).post('/auth/login').send({ username, password: DEMO_PASSWORD });
      if (response.status !== 200) throw new Error(`login as ${username}: ${response.status}`);
      this.tokens.set(username, (response.body as { token: string }).token);
    }
    return this.tokens.get(username) as string;
  }

  /** The roles the policy allows for the action; the tour takes it as one of them. */
  allowed(procedure: string, type: string): readonly Role[] {
    return ACTION_POLICY[procedure]?.[type] ?? [];
  }

  /**
   * Checks one action on a case where it is open now, with the body the tour is about to send.
   * `listed`: the case page lists the action when open (it is tied to a step or a phase).
   */
  async check(caseRef: string, procedure: string, type: string, body: unknown, listed: boolean): Promise<void> {
    const key = `${procedure}:${type}`;
    if (!ACTION_POLICY[procedure]?.[type]) {
      this.mismatches.push(`${key}: the policy has no entry`);
      return;
    }
    this.checked.add(key);
    const allowed = this.allowed(procedure, type);
    const post = async (official: Official) =>
      request(this.app)
        .post(`/cases/${caseRef}/actions`)
        .set('Authorization', `Bearer ${await this.token(official.username)}`)
        .set('Idempotency-Key', randomUUID())
        .send(body as object);
    const mustRefuse = [...this.own.filter((official) => !allowed.includes(official.role)).map((official) => ['own', official] as const), ...this.other.map((official) => ['other province', official] as const)];
    for (const [side, official] of mustRefuse) {
      const response = await post(official);
      if (refused(response.status)) continue;
      const line = `${key}: ${official.role} (${side}, ${official.agencyId || 'another province'}) got ${response.status} ${JSON.stringify(response.body?.code ?? '')}, the policy refuses it`;
      this.mismatches.push(line);
      if (response.status < 300) throw new Error(`a refused call went through, the case moved on: ${line}`);
    }
    if (!listed) return;
    const past = ONLY_ABOLISHED_AGENCIES[procedure]?.[type] ?? [];
    for (const role of allowed.filter((candidate) => !past.includes(candidate)))
      if (!(await this.offeredToSome(caseRef, type, role))) this.mismatches.push(`${key}: the policy allows ${role}, but no ${role} of the province is offered it`);
  }

  /** Whether some official alone in `role` sees the action among the case page's actions for them. */
  private async offeredToSome(caseRef: string, type: string, role: Role): Promise<boolean> {
    for (const official of this.own.filter((candidate) => candidate.role === role)) {
      const page = await request(this.app).get(`/cases/${caseRef}`).set('Authorization', `Bearer ${await this.token(official.username)}`);
      if (((page.body as { actionsForYou?: string[] }).actionsForYou ?? []).includes(type)) return true;
    }
    return false;
  }
}
