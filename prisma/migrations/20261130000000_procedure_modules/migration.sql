-- Procedures as modules (issue 13): each procedure keeps its own case fields in cases.fields (JSON,
-- checked by the procedure's zod schema) instead of a column per field; procedure D's 13 columns
-- move there with their values. A person may be identified without a citizen identity number.
-- Addiction determination needs a qualified medical facility and its doctors.

ALTER TYPE "AgencyKind" ADD VALUE 'MEDICAL_FACILITY';
ALTER TYPE "Role" ADD VALUE 'DOCTOR';
-- Until 28 February 2025 the district labour division checked dossiers and sent them to the court.
ALTER TYPE "Role" ADD VALUE 'LABOUR_OFFICER';

ALTER TABLE "cases" ADD COLUMN "fields" JSONB NOT NULL DEFAULT '{}';

UPDATE "cases" SET "fields" = jsonb_strip_nulls(jsonb_build_object(
    'legalGround', "legal_ground",
    'groundsFoundOn', to_char("grounds_found_on", 'YYYY-MM-DD'),
    'interimArrangement', "interim_arrangement",
    'heldFrom', to_char("held_from", 'YYYY-MM-DD'),
    'heldUntil', to_char("held_until", 'YYYY-MM-DD'),
    'decisionOutcome', "decision_outcome",
    'decidedMonths', "decided_months",
    'decisionDate', to_char("decision_date", 'YYYY-MM-DD'),
    'decisionRef', "decision_ref",
    'decisionEffectiveOn', to_char("decision_effective_on", 'YYYY-MM-DD'),
    'admittedOn', to_char("admitted_on", 'YYYY-MM-DD'),
    'termEndOn', to_char("term_end_on", 'YYYY-MM-DD'),
    'completedOn', to_char("completed_on", 'YYYY-MM-DD')
));

ALTER TABLE "cases"
    DROP COLUMN "legal_ground",
    DROP COLUMN "grounds_found_on",
    DROP COLUMN "interim_arrangement",
    DROP COLUMN "held_from",
    DROP COLUMN "held_until",
    DROP COLUMN "decision_outcome",
    DROP COLUMN "decided_months",
    DROP COLUMN "decision_date",
    DROP COLUMN "decision_ref",
    DROP COLUMN "decision_effective_on",
    DROP COLUMN "admitted_on",
    DROP COLUMN "term_end_on",
    DROP COLUMN "completed_on";

CREATE INDEX "cases_parent_case_id_idx" ON "cases"("parent_case_id");

ALTER TABLE "persons" ALTER COLUMN "citizen_id" DROP NOT NULL;
ALTER TABLE "persons" ADD COLUMN "other_identification" TEXT;
ALTER TABLE "persons" ADD CONSTRAINT "persons_identified" CHECK ("citizen_id" IS NOT NULL OR "other_identification" IS NOT NULL);

-- Post-rehabilitation cases record the day their period started, as the reports count by it.
UPDATE "cases" c SET "fields" = c."fields" || jsonb_build_object('startedOn', to_char(e."legal_date", 'YYYY-MM-DD'))
FROM "case_events" e
WHERE c."procedure" = 'POST_REHAB' AND e."case_id" = c."id" AND e."kind" = 'POST_REHAB_STARTED';
