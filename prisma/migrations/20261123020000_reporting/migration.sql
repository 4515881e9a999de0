-- Reporting (issue 5): cycles as configuration, one run per period with the configuration it
-- started with, one report per unit and run, immutable submitted versions, yearly targets.

CREATE TYPE "ReportStatus" AS ENUM ('OPEN', 'SUBMITTED');

CREATE TABLE "report_cycles" (
    "id" TEXT NOT NULL,
    "province_id" TEXT NOT NULL,
    "period_kind" TEXT NOT NULL CHECK ("period_kind" IN ('QUARTERLY', 'HALF_YEAR', 'ANNUAL')),
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "rule_key" TEXT NOT NULL,
    "reporter_level" "JurisdictionLevel" NOT NULL,
    "reporter_ids" TEXT[],
    "receiver_agency_id" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_cycles_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "report_cycles_province_id_idx" ON "report_cycles"("province_id");

CREATE TABLE "report_runs" (
    "id" TEXT NOT NULL,
    "cycle_id" TEXT NOT NULL,
    "period_key" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "window_from" DATE NOT NULL,
    "window_to" DATE NOT NULL,
    "cycle_revision" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_runs_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_runs_cycle_id_period_key_key" ON "report_runs"("cycle_id", "period_key");
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_cycle_id_fkey" FOREIGN KEY ("cycle_id") REFERENCES "report_cycles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "reports" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "province_id" TEXT NOT NULL,
    "step_workflow_id" TEXT NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'OPEN',
    "latest_version" INTEGER NOT NULL DEFAULT 0,
    "first_submitted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reports_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "reports_step_workflow_id_key" ON "reports"("step_workflow_id");
CREATE INDEX "reports_run_id_idx" ON "reports"("run_id");
CREATE INDEX "reports_jurisdiction_id_idx" ON "reports"("jurisdiction_id");
ALTER TABLE "reports" ADD CONSTRAINT "reports_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "report_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "report_versions" (
    "id" UUID NOT NULL,
    "report_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "figures" JSONB NOT NULL,
    "computed" JSONB NOT NULL,
    "corrections" JSONB NOT NULL,
    "note" TEXT,
    "submitted_by" UUID NOT NULL,
    "submitted_by_agency_id" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotency_key" TEXT NOT NULL,

    CONSTRAINT "report_versions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_versions_idempotency_key_key" ON "report_versions"("idempotency_key");
CREATE UNIQUE INDEX "report_versions_report_id_version_key" ON "report_versions"("report_id", "version");
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A submitted report is evidence: refuse any change to a version, whoever asks.
CREATE FUNCTION "report_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'report versions are immutable; submit a correction as a new version';
END;
$$;
CREATE TRIGGER "report_versions_no_change" BEFORE UPDATE OR DELETE ON "report_versions"
    FOR EACH ROW EXECUTE FUNCTION "report_versions_immutable"();

CREATE TABLE "report_targets" (
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "target" INTEGER NOT NULL CHECK ("target" >= 0),
    "source" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_targets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_targets_year_jurisdiction_id_metric_key" ON "report_targets"("year", "jurisdiction_id", "metric");
