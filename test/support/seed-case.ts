import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';

/** A case on record with the given timeline, written directly: figures counted from the record must come out of these rows. */
export async function seedCase(
  db: Db,
  place: { jurisdictionId: string; provinceId: string },
  events: { kind: string; on: string; details?: object }[],
  noStableResidence = false,
): Promise<string> {
  const { jurisdictionId, provinceId } = place;
  const person = await db.person.create({
    data: {
      fullName: 'Người Thử',
      birthDate: new Date('1990-01-01'),
      citizenId: String(Date.now()).slice(-9) + String(Math.floor(Math.random() * 1000)).padStart(3, '0'),
      residenceStatus: noStableResidence ? 'NO_STABLE_RESIDENCE' : 'STABLE',
      residenceJurisdictionId: jurisdictionId,
    },
  });
  const id = `SEED-${randomUUID().slice(0, 8)}`;
  await db.case.create({
    data: {
      id,
      procedure: 'COMPULSORY_REHAB_ADULT',
      workflowId: `seed:${id}`,
      personId: person.id,
      jurisdictionId,
      provinceId,
      phase: 'AT_COURT',
      events: {
        create: events.map((event, seq) => ({
          seq: seq + 1,
          kind: event.kind,
          legalDate: new Date(`${event.on}T00:00:00Z`),
          occurredAt: new Date(),
          jurisdictionId,
          details: event.details ?? {},
        })),
      },
    },
  });
  return id;
}
