import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from './api-harness';

export interface CaseResult {
  phase: string;
  allowedActions: string[];
  termEndOn?: string;
  complaintWindowEndsOn?: string;
  openSteps: { ruleKey: string; ownerAgencyId: string; ownerRole: string; status: string; dueDate: string }[];
}

/** Drives cases through the real HTTP API as the named users, caching one token per user. */
export function caseDriver(api: ApiHarness) {
  const tokens = new Map<string, string>();

  async function token(user: string): Promise<string> {
    const known = tokens.get(user);
    if (known) return known;
    const fresh = await api.tokenFor(user);
    tokens.set(user, fresh);
    return fresh;
  }

  async function act(caseRef: string, user: string, action: Record<string, unknown>, key = randomUUID()) {
    return request(api.app)
      .post(`/cases/${caseRef}/actions`)
      .set('Authorization', `Bearer ${await token(user)}`)
      .set('Idempotency-Key', key)
      .send(action);
  }

  async function expectOk(caseRef: string, user: string, action: Record<string, unknown>): Promise<CaseResult> {
    const response = await act(caseRef, user, action);
    if (response.status !== 200)
      throw new Error(`${String(action.type)}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as CaseResult;
  }

  async function casePage(caseRef: string, user: string) {
    const response = await request(api.app).get(`/cases/${caseRef}`).set('Authorization', `Bearer ${await token(user)}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  /** Opens a case for a person resident in the given commune, as the given police officer. */
  async function openCase(
    user: string,
    where: { jurisdictionId: string; residenceJurisdictionId: string; groundsFoundOn: string },
    citizenId = newCitizenId(),
  ) {
    const response = await request(api.app)
      .post('/cases')
      .set('Authorization', `Bearer ${await token(user)}`)
      .set('Idempotency-Key', randomUUID())
      .send({
        procedure: 'COMPULSORY_REHAB_ADULT',
        jurisdictionId: where.jurisdictionId,
        person: {
          fullName: 'Nguyễn Văn Thử',
          birthDate: '1995-04-12',
          citizenId,
          residenceStatus: 'STABLE',
          residenceAddress: 'Ấp 3',
          residenceJurisdictionId: where.residenceJurisdictionId,
        },
        legalGround: 1,
        groundsFoundOn: where.groundsFoundOn,
      });
    if (response.status !== 201) throw new Error(`open case: ${response.status} ${JSON.stringify(response.body)}`);
    return { caseRef: response.body.caseRef as string, citizenId };
  }

  return { token, act, expectOk, casePage, openCase };
}

/** Polls until the probe answers something, or fails saying what never happened. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A twelve-digit identity number no other test uses. */
export const newCitizenId = () =>
  String(Date.now()).slice(-9) + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
