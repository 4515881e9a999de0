-- Accounts (issue #17, item 4).
-- token_version is carried in every token (`ver`) and compared on every request: raising it
-- revokes every token of the user (logout, password change, reset). must_change_password forces
-- a change at the next login after an issued password. failed_logins and last_failed_login_at
-- drive the per-account growing delay between attempts (never a lock-out); a success resets them.
ALTER TABLE "users"
    ADD COLUMN "token_version" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "failed_logins" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "last_failed_login_at" TIMESTAMPTZ(3);

-- The same delay for usernames that do not exist, so that the answers do not reveal which exist.
-- Keyed by an HMAC of the attempted name (never the name itself); rows older than a day are pruned.
CREATE TABLE "unknown_login_failures" (
    "key" TEXT NOT NULL,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "last_failed_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "unknown_login_failures_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "unknown_login_failures_last_failed_login_at_idx" ON "unknown_login_failures"("last_failed_login_at");

-- The administrator's audit query: by jurisdiction, newest first, and by actor.
CREATE INDEX "audit_events_jurisdiction_id_occurred_at_idx" ON "audit_events"("jurisdiction_id", "occurred_at");
CREATE INDEX "audit_events_actor_user_id_idx" ON "audit_events"("actor_user_id");
