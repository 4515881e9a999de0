-- Deadline engine: calendar overrides, per-province rule overrides, steps and their ledger,
-- notifications claimed once by key, deliveries, inbox, webhook subscriptions.

CREATE TYPE "CalendarOverrideKind" AS ENUM ('DAY_OFF', 'WORKING_DAY');
CREATE TYPE "StepStatus" AS ENUM ('OPEN', 'SUSPENDED', 'COMPLETED', 'CANCELLED');
CREATE TYPE "StepEventKind" AS ENUM ('OPENED', 'SUSPENDED', 'RESUMED', 'EXTENDED', 'COMPLETED', 'CANCELLED');
CREATE TYPE "NotificationKind" AS ENUM ('REMINDER', 'ESCALATION', 'STATUTORY_LIMIT');
CREATE TYPE "DeliveryChannel" AS ENUM ('EMAIL', 'WEBHOOK');
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

CREATE TABLE "calendar_overrides" (
    "date" DATE NOT NULL,
    "kind" "CalendarOverrideKind" NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_overrides_pkey" PRIMARY KEY ("date")
);

CREATE TABLE "rule_overrides" (
    "id" UUID NOT NULL,
    "rule_key" TEXT NOT NULL,
    "province_id" TEXT NOT NULL,
    "effective_from" DATE NOT NULL,
    "parameters" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rule_overrides_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "steps" (
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "case_ref" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "step_key" TEXT NOT NULL,
    "rule_key" TEXT NOT NULL,
    "title_vi" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "province_id" TEXT NOT NULL,
    "owner_agency_id" TEXT NOT NULL,
    "owner_role" "Role" NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'OPEN',
    "start_event" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "due_date" DATE NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "statutory_due_date" DATE,
    "statutory_due_at" TIMESTAMPTZ(3),
    "rule_snapshot" JSONB NOT NULL,
    "explanation" JSONB NOT NULL,
    "fire_points" JSONB NOT NULL,
    "suspended_since" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "completed_by" UUID,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "steps_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "step_events" (
    "id" BIGSERIAL NOT NULL,
    "step_id" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "kind" "StepEventKind" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "step_events_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "rung" INTEGER NOT NULL,
    "recipient_agency_id" TEXT NOT NULL,
    "recipient_role" "Role" NOT NULL,
    "scheduled_at" TIMESTAMPTZ(3) NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "title_vi" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "body_vi" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "notification_deliveries" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "channel" "DeliveryChannel" NOT NULL,
    "target" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "inbox_items" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "agency_id" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    "read_by" UUID,

    CONSTRAINT "inbox_items_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "webhook_subscriptions" (
    "id" UUID NOT NULL,
    "agency_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_subscriptions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "rule_overrides_rule_key_province_id_effective_from_key" ON "rule_overrides"("rule_key", "province_id", "effective_from");
CREATE INDEX "steps_status_due_at_idx" ON "steps"("status", "due_at");
CREATE INDEX "steps_status_statutory_due_at_idx" ON "steps"("status", "statutory_due_at");
CREATE INDEX "steps_jurisdiction_id_idx" ON "steps"("jurisdiction_id");
CREATE INDEX "steps_owner_agency_id_idx" ON "steps"("owner_agency_id");
CREATE INDEX "steps_province_id_idx" ON "steps"("province_id");
CREATE UNIQUE INDEX "step_events_step_id_revision_key" ON "step_events"("step_id", "revision");
CREATE UNIQUE INDEX "notifications_key_key" ON "notifications"("key");
CREATE INDEX "notifications_step_id_idx" ON "notifications"("step_id");
CREATE INDEX "notifications_recipient_agency_id_idx" ON "notifications"("recipient_agency_id");
CREATE UNIQUE INDEX "notification_deliveries_notification_id_channel_target_key" ON "notification_deliveries"("notification_id", "channel", "target");
CREATE UNIQUE INDEX "inbox_items_notification_id_key" ON "inbox_items"("notification_id");
CREATE INDEX "inbox_items_agency_id_read_at_idx" ON "inbox_items"("agency_id", "read_at");
CREATE INDEX "webhook_subscriptions_agency_id_idx" ON "webhook_subscriptions"("agency_id");

ALTER TABLE "step_events" ADD CONSTRAINT "step_events_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "steps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "steps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
