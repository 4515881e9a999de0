-- Reporting units that are not communes: agencies that report for themselves (a team 178, a facility, a department).
ALTER TABLE "report_cycles" ADD COLUMN "reporter_agency_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "reports" ADD COLUMN "reporter_agency_id" TEXT;
