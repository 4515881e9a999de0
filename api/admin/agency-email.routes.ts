import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { redactPersonalText } from '../../domain/privacy/redact-personal-text';
import { Role } from '../../generated/prisma/enums';
import type { EmailSender } from '../../notifications';
import { auditChange } from '../http/audit';
import { Problem, problems } from '../http/problem';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';

const agencyParams = z.object({ id: z.string().min(1).max(64) });
const emailTestResult = z
  .object({
    delivered: z.boolean().meta({ description: 'The mail server accepted the message for the address' }),
    to: z.string(),
    messageId: z.string(),
    response: z.string().nullable().meta({ description: 'The server’s reply, e.g. "250 OK: queued"' }),
    error: z.string().nullable(),
  })
  .meta({ id: 'EmailTestResult' });

const refused = (code: string, vi: string, en: string) =>
  new Problem(422, code, { vi: 'Không gửi thư thử được', en: 'No test e-mail' }, { vi, en });

/**
 * A test e-mail to an agency's notification address (issue #18), through the mail server the
 * worker's notifications use, so an administrator who sets an address sees at once whether it
 * receives. The message names no case and no person. Audited.
 */
export function registerAgencyEmailRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory, emailSender: EmailSender | undefined): void {
  routes.add({
    method: 'post',
    path: '/admin/agencies/:id/test-email',
    tag: 'Administration',
    summary: 'Send a test e-mail to an agency’s notification address and show what the mail server answered (audited)',
    description: 'A server that refuses the address answers 200 with `delivered: false` and why: the request was right.',
    access: { roles: [Role.SYSTEM_ADMIN] },
    params: agencyParams,
    responses: {
      200: { description: 'What the mail server answered', schema: emailTestResult },
      404: { description: 'No such agency in your jurisdiction' },
      422: { description: 'The agency has no e-mail address, or no mail server is configured (SMTP_URL)' },
    },
    handler: async ({ principal, params, req }) => {
      const agency = await db.agency.findUnique({ where: { id: params.id } });
      if (!agency || !(await directory.scope()).covers(principal.jurisdictionPath, agency.jurisdictionId))
        throw problems.notFound({ vi: 'Không có cơ quan này.', en: 'No such agency.' });
      if (!agency.email)
        throw refused('ADMIN.AGENCY_HAS_NO_EMAIL', 'Cơ quan chưa có địa chỉ thư điện tử nhận thông báo.', 'The agency has no notification e-mail address.');
      if (!emailSender)
        throw refused('ADMIN.EMAIL_NOT_CONFIGURED', 'Hệ thống chưa cấu hình máy chủ thư (SMTP_URL): thông báo chỉ đến hộp thư trong hệ thống và webhook.', 'No mail server is configured (SMTP_URL): notifications go to the in-app inbox and webhooks only.');
      const messageId = `<test-${randomUUID()}@coordination.invalid>`;
      const result = await emailSender
        .send({
          messageId,
          to: [agency.email],
          subject: 'Thư thử từ hệ thống điều phối / A test message from the coordination engine',
          text: `Thư này xác nhận địa chỉ nhận thông báo của ${agency.nameVi}.\n\nThis message confirms the notification address of ${agency.nameEn}.`,
        })
        .then(
          (sent) => ({ delivered: sent.accepted.length > 0, response: sent.response, error: null }),
          (error: Error) => ({ delivered: false, response: null, error: redactPersonalText(error.message) }),
        );
      await auditChange(db, principal, {
        action: 'admin.email_tested',
        subjectType: 'agency',
        subjectId: agency.id,
        jurisdictionId: agency.jurisdictionId,
        requestId: req.id,
        details: { delivered: result.delivered },
      });
      return { status: 200, body: { ...result, to: agency.email, messageId } };
    },
  });
}
