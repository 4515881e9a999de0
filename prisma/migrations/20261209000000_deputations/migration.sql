-- A deputy acting for a chairman or a chief judge while they are away.
CREATE TABLE "deputations" (
    "id" UUID NOT NULL,
    "deputy_id" UUID NOT NULL,
    "for_user_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "deputations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "deputations_deputy_id_fkey" FOREIGN KEY ("deputy_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "deputations_for_user_id_fkey" FOREIGN KEY ("for_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "deputations_dates" CHECK ("from_date" <= "to_date")
);
CREATE INDEX "deputations_deputy_id_idx" ON "deputations"("deputy_id");
