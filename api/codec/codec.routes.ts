import type { Client } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { Role } from '../../generated/prisma/enums';
import type { ApiRoutes } from '../http/routes';
import { parseInput } from '../http/validation';

/**
 * Temporal's remote codec protocol for operators (issue #17, item 7): the Web UI (or
 * `temporal … --codec-endpoint`) POSTs the encrypted payloads of a history to /codec/decode and
 * shows what comes back. Decrypting shows personal data, so only a SYSTEM_ADMIN may, and every
 * call is audited (`codec.decode`: who, the namespace and how many payloads; never what they hold).
 *
 * There is no /codec/encode: viewing needs only /decode, and a workflow started, signalled or
 * scheduled from the Web UI would bypass the API's checks; without /encode the UI refuses to.
 *
 * A payload that does not decrypt (a key no longer configured, a damaged one) comes back as it
 * was sent, as a payload that is not encrypted does: the UI then shows it encoded, and the rest
 * of the history still decodes. The audit row counts them (`undecryptable`).
 */

export const DEFAULT_TEMPORAL_UI_ORIGINS: readonly string[] = ['http://localhost:8233', 'http://127.0.0.1:8233'];

/** Who may decrypt: the system administrator only (DESIGN.md decision 8, least privilege on personal data). */
const CODEC_ROLES: readonly Role[] = [Role.SYSTEM_ADMIN];
const MAX_PAYLOADS = 1000;

/** Protobuf-JSON bytes: base64 (standard or URL-safe, as protobuf's JSON parsers accept). */
const bytes = z.string().max(4_000_000).regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'base64');
const payload = z.object({
  metadata: z.record(z.string().min(1).max(200), bytes).optional(),
  data: bytes.optional(),
});
const codecRequest = z
  .object({ payloads: z.array(payload).max(MAX_PAYLOADS) })
  .meta({ id: 'CodecPayloadsRequest', description: `Temporal payloads in protobuf-JSON form (bytes as base64), at most ${MAX_PAYLOADS}` });
const codecResponse = z
  .object({
    payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()), data: z.string() })),
  })
  .meta({ id: 'CodecPayloads', description: 'The payloads decoded, in the order sent; one that does not decrypt is returned as sent' });
/** The namespace the Web UI names (X-Namespace); only recorded in the audit row. */
const namespaceHeader = z.string().regex(/^[A-Za-z0-9._-]{1,255}$/).optional();

type JsonPayload = z.output<typeof payload>;

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * CORS for /codec only, and only for the Temporal Web UI's origins (TEMPORAL_UI_ORIGIN): the UI
 * runs on its own port and calls /codec/decode from the browser, with a preflight (it sends
 * Content-Type: application/json, X-Namespace and, when told to, Authorization). No other path
 * of the API answers cross-origin requests.
 */
export function codecCors(origins: readonly string[] = DEFAULT_TEMPORAL_UI_ORIGINS): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method !== 'OPTIONS') return next();
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}

export function registerCodecRoutes(routes: ApiRoutes, db: Db, temporal: Client): void {
  // The client's own codecs (temporal/payload-encryption.ts, with PAYLOAD_ENCRYPTION_KEY and
  // PAYLOAD_PREVIOUS_KEYS): what the API and the worker encrypt with is what this decrypts with.
  // Read when first used: the OpenAPI document is written from an app without a Temporal client.
  let codecs: PayloadCodec[] | undefined;
  const codecsOf = () => (codecs ??= [...temporal.options.loadedDataConverter.payloadCodecs].reverse());

  const decodeOne = async (sent: JsonPayload): Promise<{ payload: ReturnType<typeof toJson>; decrypted: boolean }> => {
    try {
      let payloads = [fromJson(sent)];
      for (const codec of codecsOf()) payloads = await codec.decode(payloads);
      const [decoded] = payloads;
      if (!decoded) throw new Error('the codec returned no payload');
      return { payload: toJson(decoded), decrypted: true };
    } catch {
      return { payload: { metadata: sent.metadata ?? {}, data: sent.data ?? '' }, decrypted: false };
    }
  };

  routes.add({
    method: 'post',
    path: '/codec/decode',
    tag: 'System',
    summary: 'Decrypt Temporal payloads for the Temporal Web UI or CLI (remote codec protocol)',
    description:
      'The Temporal Web UI’s codec endpoint is `<API>/codec`; it sends `X-Namespace`. A payload that does not decrypt is ' +
      'returned as sent. Every call is audited (`codec.decode`, with the namespace and the number of payloads). ' +
      `CORS: only the Temporal Web UI’s origins (TEMPORAL_UI_ORIGIN). At most ${MAX_PAYLOADS} payloads.`,
    access: { roles: CODEC_ROLES },
    body: codecRequest,
    responses: { 200: { description: 'The payloads, decoded', schema: codecResponse } },
    handler: async ({ principal, body, req }) => {
      const namespace = parseInput(namespaceHeader, req.get('x-namespace'), 'headers.x-namespace');
      const results = await Promise.all(body.payloads.map(decodeOne));
      const undecryptable = results.filter((result) => !result.decrypted).length;
      // Audited before anything decrypted leaves: no row, no answer.
      await db.auditEvent.create({
        data: {
          action: 'codec.decode',
          actorUserId: principal.userId,
          actorAgencyId: principal.agencyId,
          subjectType: 'temporal_namespace',
          subjectId: namespace ?? '',
          jurisdictionId: principal.jurisdictionId,
          requestId: String(req.id),
          details: { namespace: namespace ?? null, payloadCount: body.payloads.length, undecryptable },
        },
      });
      return {
        status: 200,
        body: { payloads: results.map((result) => result.payload) },
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  });
}
