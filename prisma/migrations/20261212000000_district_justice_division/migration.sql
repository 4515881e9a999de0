-- The district justice division checked the legality of a compulsory-rehabilitation dossier under the
-- 2014–2021 regime (Law on Handling Administrative Violations 2012, Art. 103); kept for that regime's cases.
ALTER TYPE "AgencyKind" ADD VALUE 'DISTRICT_JUSTICE_DIVISION' AFTER 'DISTRICT_LABOUR_DIVISION';
ALTER TYPE "Role" ADD VALUE 'JUSTICE_OFFICER' AFTER 'LABOUR_OFFICER';
