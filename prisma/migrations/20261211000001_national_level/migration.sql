-- A national level above the provinces: the root unit (path "/"), the body its administrators sit
-- in, and their role. Values only: the root unit and its first administrator come from the seed
-- or from an operator's command (README "A new province").
ALTER TYPE "JurisdictionLevel" ADD VALUE 'NATION';
ALTER TYPE "AgencyKind" ADD VALUE 'NATIONAL_AGENCY';
ALTER TYPE "Role" ADD VALUE 'NATIONAL_ADMIN';
