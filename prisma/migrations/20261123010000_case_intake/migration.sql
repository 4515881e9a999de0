-- Case intake: readable case references from one sequence, and the idempotency keys of
-- "open a case" requests, so a retried request finds the case the first one opened.

CREATE SEQUENCE "case_ref_seq";

CREATE TABLE "case_intakes" (
    "key" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "request_hash" TEXT NOT NULL,
    "case_ref" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_intakes_pkey" PRIMARY KEY ("key")
);

CREATE UNIQUE INDEX "case_intakes_case_ref_key" ON "case_intakes"("case_ref");
