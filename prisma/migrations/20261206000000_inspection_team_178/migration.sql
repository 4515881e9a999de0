-- Procedure I: inter-agency inspection teams 178, their members, the register of establishments and the teams' plans.
ALTER TYPE "AgencyKind" ADD VALUE 'INSPECTION_TEAM_178';
ALTER TYPE "Role" ADD VALUE 'TEAM_178_MEMBER';

-- A team member's account belongs to the team; the agency they come from is kept beside it.
ALTER TABLE "users" ADD COLUMN "home_agency_id" TEXT;

CREATE TABLE "establishments" (
    "id" UUID NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "province_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "owner_business" TEXT NOT NULL,
    "business_registration_no" TEXT,
    "risk" TEXT NOT NULL,
    "complex" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "establishments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "establishments_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "establishments_jurisdiction_id_idx" ON "establishments"("jurisdiction_id");
CREATE INDEX "establishments_province_id_idx" ON "establishments"("province_id");

CREATE TABLE "inspection_plans" (
    "id" TEXT NOT NULL,
    "team_agency_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "coverage_target_percent" INTEGER NOT NULL,
    "surprise_target" INTEGER NOT NULL,
    "establishment_ids" TEXT[],
    "note" TEXT,
    "updated_by" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "inspection_plans_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "inspection_plans_team_agency_id_year_key" ON "inspection_plans"("team_agency_id", "year");
