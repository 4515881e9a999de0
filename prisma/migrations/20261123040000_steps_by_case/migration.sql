-- A case's steps (case page, action checks) and a reporting run's tasks (roll-up) are read by case_ref.
CREATE INDEX "steps_case_ref_idx" ON "steps"("case_ref");
