-- Procedure J assesses a commune, not a person: its cases have no person.
ALTER TABLE "cases" ALTER COLUMN "person_id" DROP NOT NULL;

-- At most one case per subject where a procedure says so (one assessment per commune, programme and year).
CREATE TABLE "case_subjects" (
    "key" TEXT NOT NULL,
    "case_ref" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "case_subjects_pkey" PRIMARY KEY ("key")
);
CREATE UNIQUE INDEX "case_subjects_case_ref_key" ON "case_subjects"("case_ref");

-- The provinces' criteria sets for the assessments, one row per version.
CREATE TABLE "assessment_criteria_sets" (
    "id" TEXT NOT NULL,
    "province_id" TEXT NOT NULL,
    "programme" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "assessment_criteria_sets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "assessment_criteria_sets_province_id_programme_year_version_key"
  ON "assessment_criteria_sets"("province_id", "programme", "year", "version");
