-- Cases (issue 4): the person, the case and its phase, the case's timeline, its documents.
-- The procedure runs in Temporal; these rows are what people and reports read.

CREATE TYPE "ResidenceStatus" AS ENUM ('STABLE', 'NO_STABLE_RESIDENCE');
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'CLOSED');

CREATE TABLE "persons" (
    "id" UUID NOT NULL,
    "full_name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "citizen_id" TEXT NOT NULL CHECK ("citizen_id" ~ '^[0-9]{12}$'),
    "residence_status" "ResidenceStatus" NOT NULL,
    "residence_address" TEXT,
    "residence_jurisdiction_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "persons_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cases" (
    "id" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "person_id" UUID NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "province_id" TEXT NOT NULL,
    "parent_case_id" TEXT,
    "status" "CaseStatus" NOT NULL DEFAULT 'OPEN',
    "phase" TEXT NOT NULL,
    "legal_ground" INTEGER,
    "grounds_found_on" DATE,
    "interim_arrangement" TEXT,
    "held_from" DATE,
    "held_until" DATE,
    "decision_outcome" TEXT,
    "decided_months" INTEGER,
    "decision_date" DATE,
    "decision_ref" TEXT,
    "decision_effective_on" DATE,
    "admitted_on" DATE,
    "term_end_on" DATE,
    "completed_on" DATE,
    "closed_on" DATE,
    "closed_reason" TEXT,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "case_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "legal_date" DATE NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "actor_user_id" UUID,
    "actor_agency_id" TEXT,
    "step_key" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "case_documents" (
    "id" UUID NOT NULL,
    "case_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaded_by" UUID NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_documents_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "persons_citizen_id_key" ON "persons"("citizen_id");
CREATE UNIQUE INDEX "cases_workflow_id_key" ON "cases"("workflow_id");
CREATE INDEX "cases_jurisdiction_id_idx" ON "cases"("jurisdiction_id");
CREATE INDEX "cases_province_id_status_idx" ON "cases"("province_id", "status");
CREATE INDEX "cases_person_id_idx" ON "cases"("person_id");
CREATE UNIQUE INDEX "case_events_case_id_seq_key" ON "case_events"("case_id", "seq");
CREATE INDEX "case_events_kind_legal_date_idx" ON "case_events"("kind", "legal_date");
CREATE INDEX "case_documents_case_id_idx" ON "case_documents"("case_id");

ALTER TABLE "cases" ADD CONSTRAINT "cases_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "cases" ADD CONSTRAINT "cases_parent_case_id_fkey" FOREIGN KEY ("parent_case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
