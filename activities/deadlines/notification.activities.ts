import { ApplicationFailure } from '@temporalio/common';
import { Context } from '@temporalio/activity';
import type { Db } from '../../db/client';
import type { FirePoint } from '../../domain/deadlines/deadline-types';
import { redactPersonalText } from '../../domain/privacy/redact-personal-text';
import { DeliveryChannel, DeliveryStatus } from '../../generated/prisma/enums';
import {
  EmailRejectedError,
  WebhookRejectedError,
  type EmailSender,
  type WebhookSender,
} from '../../notifications';
import { isUniqueViolation } from './step-record';
import { notificationText } from './notification-text';
import { writeIfStillDue, type PreparedNotification } from './notification-at-instant';
import type { ArmedNotification } from '../../workflows/deadlines/armory';

export interface NotificationChannels {
  /** Absent when no SMTP server is configured: notifications then go to the inbox and webhooks only. */
  email?: EmailSender;
  webhooks: WebhookSender;
  /** Host part of the deterministic Message-ID, e.g. "coordination.gov.vn". */
  messageIdDomain: string;
}

export interface RecordedNotification {
  notificationId: string;
  created: boolean;
  pendingDeliveryIds: string[];
}

/**
 * Waits for an instant, heartbeating (the SDK sends at most one per 80% of the heartbeat timeout):
 * a worker that dies while waiting is noticed within that timeout and Temporal runs the activity
 * again elsewhere. Cancellable: a worker shutting down cancels it, with the same effect.
 */
async function sleepUntil(instant: number): Promise<void> {
  const context = Context.current();
  for (let left = instant - Date.now(); left > 0; left = instant - Date.now()) {
    context.heartbeat();
    await context.sleep(Math.min(left, 5_000));
  }
}

/**
 * Each reminder and rung becomes one row under its unique key (DESIGN.md decision 5), with the
 * inbox item and the outbound deliveries in the same transaction; a retry, a restarted worker or a
 * replay finds the row and sends nothing new. Deliveries run as their own activities, and a
 * delivery that is SENT is never sent again.
 */
export function createNotificationActivities(db: Db, channels: NotificationChannels) {
  async function pending(notificationId: string): Promise<string[]> {
    const rows = await db.notificationDelivery.findMany({
      where: { notificationId, status: DeliveryStatus.PENDING },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** A recipient agency's outbound copies: its e-mail (when SMTP is configured) and each active webhook. */
  function deliveriesTo(email: string | null | undefined, hooks: { id: string }[]): PreparedNotification['deliveries'] {
    return [
      ...(channels.email && email ? [{ channel: DeliveryChannel.EMAIL, target: email }] : []),
      ...hooks.map((hook) => ({ channel: DeliveryChannel.WEBHOOK, target: hook.id })),
    ];
  }

  /** Their steps' text, their recipients' channels: read before the instant, so the write at it is one statement. */
  async function prepare(due: ArmedNotification[]): Promise<PreparedNotification[]> {
    const agencyIds = [...new Set(due.map((item) => item.firePoint.recipient.agencyId))];
    const [steps, agencies, hooks] = await Promise.all([
      db.step.findMany({ where: { id: { in: [...new Set(due.map((item) => item.stepId))] } } }),
      db.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, email: true } }),
      db.webhookSubscription.findMany({ where: { agencyId: { in: agencyIds }, active: true }, select: { id: true, agencyId: true } }),
    ]);
    const stepById = new Map(steps.map((step) => [step.id, step]));
    const emailOf = new Map(agencies.map((agency) => [agency.id, agency.email]));
    return due.map(({ stepId, revision, firePoint }) => {
      const step = stepById.get(stepId);
      if (!step) throw new Error(`no step ${stepId}`);
      const email = emailOf.get(firePoint.recipient.agencyId);
      return {
        stepId,
        revision,
        point: firePoint,
        text: notificationText(step, firePoint),
        deliveries: deliveriesTo(email, hooks.filter((hook) => hook.agencyId === firePoint.recipient.agencyId)),
      };
    });
  }

  return {
    async recordNotification({
      stepId,
      firePoint,
    }: {
      stepId: string;
      firePoint: FirePoint;
    }): Promise<RecordedNotification> {
      // Written first, read only on a retry: the row's unique key says whether it was written before.
      const step = await db.step.findUniqueOrThrow({ where: { id: stepId } });
      const agency = await db.agency.findUniqueOrThrow({ where: { id: firePoint.recipient.agencyId } });
      const hooks = await db.webhookSubscription.findMany({ where: { agencyId: agency.id, active: true } });
      const deliveries = deliveriesTo(agency.email, hooks);
      try {
        const notification = await db.notification.create({
          data: {
            key: firePoint.key,
            stepId,
            kind: firePoint.kind,
            rung: firePoint.rung,
            recipientAgencyId: agency.id,
            recipientRole: firePoint.recipient.role,
            scheduledAt: new Date(firePoint.at),
            ...notificationText(step, firePoint),
            inboxItems: { create: { agencyId: agency.id, role: firePoint.recipient.role } },
            deliveries: { create: deliveries },
          },
          include: { deliveries: { select: { id: true } } },
        });
        // Just written: every delivery is still pending.
        return { notificationId: notification.id, created: true, pendingDeliveryIds: notification.deliveries.map((delivery) => delivery.id) };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const raced = await db.notification.findUniqueOrThrow({ where: { key: firePoint.key } });
        return { notificationId: raced.id, created: false, pendingDeliveryIds: await pending(raced.id) };
      }
    },

    /**
     * Notifications armed ahead of their instant by their steps' workflows (those of one
     * instant, together): each prepared now (text, recipient, channels), then written at its
     * instant (the worker's clock, then the database's) if its step is still as its workflow armed
     * it; undefined for one whose step no longer is (closed, stopped, re-timed or moved meanwhile:
     * the workflow plans again from its new state). So a thousand steps due at one instant are
     * written at that instant, not as fast as their workflows can wake up.
     */
    async recordWhenDue({ due }: { due: ArmedNotification[] }): Promise<(RecordedNotification | undefined)[]> {
      const prepared = await prepare(due);
      const results: (RecordedNotification | undefined)[] = new Array(due.length);
      // Those of one instant are written together, at it.
      const instants = new Map<string, number[]>();
      prepared.forEach((notification, index) => instants.set(notification.point.at, [...(instants.get(notification.point.at) ?? []), index]));
      await Promise.all(
        [...instants].map(async ([at, indexes]) => {
          await sleepUntil(Date.parse(at));
          let waiting = indexes;
          while (waiting.length > 0) {
            const writes = await writeIfStillDue(db, waiting.map((index) => prepared[index]!));
            const early = writes.flatMap((write, i) => (write.outcome === 'EARLY' ? [{ index: waiting[i]!, waitMs: write.waitMs }] : []));
            writes.forEach((write, i) => {
              if (write.outcome === 'RECORDED') results[waiting[i]!] = { notificationId: write.notificationId, created: write.created, pendingDeliveryIds: write.pendingDeliveryIds };
            });
            waiting = early.map((item) => item.index);
            if (early.length) await sleepUntil(Date.now() + Math.max(...early.map((item) => item.waitMs)));
          }
        }),
      );
      return results;
    },

    async deliverNotification({ deliveryId }: { deliveryId: string }): Promise<{ status: DeliveryStatus }> {
      const delivery = await db.notificationDelivery.findUniqueOrThrow({
        where: { id: deliveryId },
        include: { notification: { include: { step: true } } },
      });
      if (delivery.status !== DeliveryStatus.PENDING) return { status: delivery.status };
      await db.notificationDelivery.update({
        where: { id: deliveryId },
        data: { attempts: { increment: 1 } },
      });
      const { notification } = delivery;
      try {
        if (delivery.channel === DeliveryChannel.EMAIL) {
          if (!channels.email)
            throw ApplicationFailure.create({
              type: 'NOTIFY.EMAIL_REJECTED',
              nonRetryable: true,
              message: 'no SMTP server is configured',
            });
          await channels.email.send({
            messageId: `<${notification.id}@${channels.messageIdDomain}>`,
            to: [delivery.target],
            subject: `${notification.titleVi} / ${notification.titleEn}`,
            text: `${notification.bodyVi}\n\n---\n\n${notification.bodyEn}\n`,
          });
        } else {
          const hook = await db.webhookSubscription.findUniqueOrThrow({ where: { id: delivery.target } });
          await channels.webhooks.deliver({
            url: hook.url,
            secret: hook.secret,
            eventId: delivery.id,
            payload: {
              type: 'deadline.notification',
              notificationId: notification.id,
              kind: notification.kind,
              rung: notification.rung,
              caseRef: notification.step.caseRef,
              stepKey: notification.step.stepKey,
              ruleKey: notification.step.ruleKey,
              dueAt: notification.step.dueAt.toISOString(),
              scheduledAt: notification.scheduledAt.toISOString(),
              recipient: { agencyId: notification.recipientAgencyId, role: notification.recipientRole },
              titleVi: notification.titleVi,
              titleEn: notification.titleEn,
            },
          });
        }
      } catch (error) {
        // Stored on the row: whatever the channel's library quoted, no person's address or number.
        const message = redactPersonalText(error instanceof Error ? error.message : String(error));
        const rejected =
          error instanceof EmailRejectedError ||
          error instanceof WebhookRejectedError ||
          (error instanceof ApplicationFailure && error.nonRetryable);
        await db.notificationDelivery.update({
          where: { id: deliveryId },
          data: { lastError: message.slice(0, 500), ...(rejected ? { status: DeliveryStatus.FAILED } : {}) },
        });
        if (rejected) {
          const type =
            error instanceof WebhookRejectedError ? 'NOTIFY.WEBHOOK_REJECTED' : 'NOTIFY.EMAIL_REJECTED';
          throw ApplicationFailure.create({ type, nonRetryable: true, message });
        }
        Context.current().log.warn('notification delivery will be retried', {
          deliveryId,
          channel: delivery.channel,
        });
        throw error;
      }
      await db.notificationDelivery.update({
        where: { id: deliveryId },
        data: { status: DeliveryStatus.SENT, sentAt: new Date() },
      });
      return { status: DeliveryStatus.SENT };
    },
  };
}
