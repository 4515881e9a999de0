-- Foundation: organisation registry, users, audit log, end-to-end probe.

CREATE TYPE "JurisdictionLevel" AS ENUM ('PROVINCE', 'DISTRICT', 'COMMUNE');

CREATE TYPE "AgencyKind" AS ENUM (
  'COMMUNE_POLICE', 'COMMUNE_PEOPLES_COMMITTEE', 'DISTRICT_POLICE', 'DISTRICT_LABOUR_DIVISION',
  'DISTRICT_COURT', 'DISTRICT_PROCURACY', 'PROVINCIAL_POLICE', 'PROVINCIAL_POLICE_DRUG_DIVISION',
  'REHAB_FACILITY', 'REGIONAL_COURT', 'REGIONAL_PROCURACY', 'PROVINCIAL_COURT',
  'PROVINCIAL_HEALTH_DEPARTMENT', 'PROVINCIAL_STEERING_COMMITTEE'
);

CREATE TYPE "Role" AS ENUM (
  'COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD', 'COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN', 'JUDGE',
  'CHIEF_JUDGE', 'PROCURATOR', 'FACILITY_OFFICER', 'FACILITY_DIRECTOR', 'PROVINCIAL_COORDINATOR',
  'SYSTEM_ADMIN'
);

CREATE TABLE "jurisdictions" (
    "id" TEXT NOT NULL,
    "level" "JurisdictionLevel" NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "parent_id" TEXT,
    "path" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "successor_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "jurisdictions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "agencies" (
    "id" TEXT NOT NULL,
    "kind" "AgencyKind" NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "parent_agency_id" TEXT,
    "email" TEXT,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "successor_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agencies_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "roles" "Role"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" UUID,
    "actor_agency_id" TEXT,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "jurisdiction_id" TEXT,
    "request_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "system_pings" (
    "id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "requested_by" UUID NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_pings_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "jurisdictions_path_key" ON "jurisdictions"("path");
CREATE INDEX "jurisdictions_parent_id_idx" ON "jurisdictions"("parent_id");
CREATE INDEX "agencies_jurisdiction_id_idx" ON "agencies"("jurisdiction_id");
CREATE INDEX "agencies_kind_idx" ON "agencies"("kind");
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");
CREATE INDEX "users_agency_id_idx" ON "users"("agency_id");
CREATE INDEX "audit_events_subject_type_subject_id_idx" ON "audit_events"("subject_type", "subject_id");
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");
CREATE UNIQUE INDEX "system_pings_workflow_id_key" ON "system_pings"("workflow_id");

ALTER TABLE "jurisdictions" ADD CONSTRAINT "jurisdictions_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "jurisdictions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "jurisdictions" ADD CONSTRAINT "jurisdictions_successor_id_fkey" FOREIGN KEY ("successor_id") REFERENCES "jurisdictions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_agency_id_fkey" FOREIGN KEY ("parent_agency_id") REFERENCES "agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_successor_id_fkey" FOREIGN KEY ("successor_id") REFERENCES "agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
