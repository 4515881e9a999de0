import type { ActivityDependencies } from '../activities';
import type { CaseStarter } from '../caseload-import/caseload-import.activities';
import type { AppConfig } from '../config/env';
import { CalendarSource } from '../db/calendar-source';
import type { Db } from '../db/client';
import { createEmailSender, createWebhookSender } from '../notifications';

/** The real collaborators of the activities, from the configuration. */
export function buildActivityDependencies(
  config: Pick<
    AppConfig,
    'SMTP_URL' | 'MAIL_FROM' | 'MESSAGE_ID_DOMAIN' | 'WEBHOOK_TIMEOUT_MS' | 'CALENDAR_CACHE_SECONDS'
  >,
  db: Db,
  caseStarter?: CaseStarter,
): ActivityDependencies & { close(): Promise<void> } {
  const email = config.SMTP_URL
    ? createEmailSender({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM })
    : undefined;
  return {
    db,
    calendars: new CalendarSource(db, { ttlMs: config.CALENDAR_CACHE_SECONDS * 1000 }),
    ...(caseStarter ? { caseStarter } : {}),
    channels: {
      ...(email ? { email } : {}),
      webhooks: createWebhookSender({ timeoutMs: config.WEBHOOK_TIMEOUT_MS }),
      messageIdDomain: config.MESSAGE_ID_DOMAIN,
    },
    close: async () => {
      await email?.close();
    },
  };
}
