import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { redactPersonalText } from '../../domain/privacy/redact-personal-text';
import { Role } from '../../generated/prisma/enums';
import { createWebhookSender } from '../../notifications';
import type { Principal } from '../auth/principal';
import { Problem, problems } from '../http/problem';
import { auditChange } from '../http/audit';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';

const agencyParams = z.object({ id: z.string().min(1).max(64) });
const subscriptionParams = agencyParams.extend({ subscriptionId: z.uuid() });
const subscriptionBody = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .meta({ description: 'Where the agency’s notifications are POSTed (signed JSON); redirects are not followed' }),
  secret: z.string().min(32).max(200).meta({ description: 'The HMAC secret shared with the receiver (never shown again)' }),
});
const subscriptionView = z
  .object({ id: z.uuid(), agencyId: z.string(), url: z.string(), active: z.boolean(), createdAt: z.iso.datetime() })
  .meta({ id: 'WebhookSubscription', description: 'The secret is never shown' });
const subscriptionList = z.object({ items: z.array(subscriptionView) }).meta({ id: 'WebhookSubscriptionList' });
const testResult = z
  .object({ delivered: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable(), eventId: z.string() })
  .meta({ id: 'WebhookTestResult' });

type Subscription = Awaited<ReturnType<Db['webhookSubscription']['findUniqueOrThrow']>>;
const view = (row: Subscription) => ({ id: row.id, agencyId: row.agencyId, url: row.url, active: row.active, createdAt: row.createdAt.toISOString() });

/**
 * An agency's webhook subscriptions (issue #18): added with a secret that is never shown again,
 * listed, ended (kept on record), and tried with a signed test message whose answer is shown. The
 * worker delivers the real notifications to the active ones. Every change is audited.
 */
export function registerWebhookRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory, settings: { timeoutMs: number }): void {
  const sender = createWebhookSender({ timeoutMs: settings.timeoutMs });

  async function administeredAgency(principal: Principal, id: string) {
    const agency = await db.agency.findUnique({ where: { id } });
    if (!agency || !(await directory.scope()).covers(principal.jurisdictionPath, agency.jurisdictionId))
      throw problems.notFound({ vi: 'Không có cơ quan này.', en: 'No such agency.' });
    return agency;
  }
  async function subscriptionOf(principal: Principal, agencyId: string, subscriptionId: string) {
    const agency = await administeredAgency(principal, agencyId);
    const row = await db.webhookSubscription.findUnique({ where: { id: subscriptionId } });
    if (!row || row.agencyId !== agency.id) throw problems.notFound({ vi: 'Không có đăng ký webhook này.', en: 'No such webhook subscription.' });
    return { agency, row };
  }
  const audit = (principal: Principal, action: string, subjectId: string, jurisdictionId: string, requestId: unknown, details: object) =>
    auditChange(db, principal, { action, subjectType: 'webhook_subscription', subjectId, jurisdictionId, requestId, details });

  routes.add({
    method: 'get',
    path: '/admin/agencies/:id/webhooks',
    tag: 'Administration',
    summary: 'An agency’s webhook subscriptions (never their secrets)',
    access: { roles: [Role.SYSTEM_ADMIN] },
    params: agencyParams,
    responses: { 200: { description: 'The subscriptions', schema: subscriptionList }, 404: { description: 'No such agency in your jurisdiction' } },
    handler: async ({ principal, params }) => {
      const agency = await administeredAgency(principal, params.id);
      const rows = await db.webhookSubscription.findMany({ where: { agencyId: agency.id }, orderBy: { createdAt: 'asc' } });
      return { status: 200, body: { items: rows.map(view) } };
    },
  });

  routes.add({
    method: 'post',
    path: '/admin/agencies/:id/webhooks',
    tag: 'Administration',
    summary: 'Subscribe an agency’s notifications to a URL (signed JSON POSTs; audited without the secret)',
    access: { roles: [Role.SYSTEM_ADMIN] },
    params: agencyParams,
    body: subscriptionBody,
    responses: { 201: { description: 'The subscription', schema: subscriptionView }, 404: { description: 'No such agency in your jurisdiction' } },
    handler: async ({ principal, params, body, req }) => {
      const agency = await administeredAgency(principal, params.id);
      const row = await db.webhookSubscription.create({ data: { agencyId: agency.id, url: body.url, secret: body.secret } });
      await audit(principal, 'admin.webhook_subscribed', row.id, agency.jurisdictionId, req.id, { agencyId: agency.id, url: body.url });
      return { status: 201, body: view(row) };
    },
  });

  routes.add({
    method: 'delete',
    path: '/admin/agencies/:id/webhooks/:subscriptionId',
    tag: 'Administration',
    summary: 'End a subscription (kept on record, inactive); audited',
    access: { roles: [Role.SYSTEM_ADMIN] },
    params: subscriptionParams,
    responses: { 200: { description: 'The subscription, inactive', schema: subscriptionView }, 404: { description: 'No such subscription of that agency in your jurisdiction' } },
    handler: async ({ principal, params, req }) => {
      const { agency, row } = await subscriptionOf(principal, params.id, params.subscriptionId);
      const ended = await db.webhookSubscription.update({ where: { id: row.id }, data: { active: false } });
      await audit(principal, 'admin.webhook_ended', row.id, agency.jurisdictionId, req.id, {});
      return { status: 200, body: view(ended) };
    },
  });

  routes.add({
    method: 'post',
    path: '/admin/agencies/:id/webhooks/:subscriptionId/test',
    tag: 'Administration',
    summary: 'Send a signed test message to a subscription and show what the receiver answered (audited)',
    description: 'The payload is `{"type":"TEST",…}` with no case in it. A receiver that fails answers 200 with `delivered: false` and why: the request was right.',
    access: { roles: [Role.SYSTEM_ADMIN] },
    params: subscriptionParams,
    responses: {
      200: { description: 'What the receiver answered', schema: testResult },
      404: { description: 'No such subscription of that agency in your jurisdiction' },
      409: { description: 'The subscription has ended' },
    },
    handler: async ({ principal, params, req }) => {
      const { agency, row } = await subscriptionOf(principal, params.id, params.subscriptionId);
      if (!row.active)
        throw new Problem(409, 'ADMIN.WEBHOOK_ENDED', { vi: 'Đăng ký đã kết thúc', en: 'Subscription ended' }, { vi: 'Đăng ký webhook này đã kết thúc.', en: 'This webhook subscription has ended.' });
      const eventId = `test:${randomUUID()}`;
      const payload = { type: 'TEST', eventId, agencyId: agency.id, sentAt: new Date().toISOString(), textVi: 'Tin nhắn thử từ hệ thống điều phối', textEn: 'A test message from the coordination engine' };
      const result = await sender.deliver({ url: row.url, secret: row.secret, eventId, payload }).then(
        ({ status }) => ({ delivered: true, status, error: null }),
        (error: Error & { status?: number }) => ({ delivered: false, status: error.status ?? null, error: redactPersonalText(error.message) }),
      );
      await audit(principal, 'admin.webhook_tested', row.id, agency.jurisdictionId, req.id, { delivered: result.delivered, status: result.status });
      return { status: 200, body: { ...result, eventId } };
    },
  });
}
