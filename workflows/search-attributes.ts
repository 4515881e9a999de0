import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Operational search attributes only (DESIGN.md decision 1): never a name, an identity number
// or anything else about a person.
export const procedureSearchAttribute = defineSearchAttributeKey('Procedure', SearchAttributeType.KEYWORD);
export const jurisdictionSearchAttribute = defineSearchAttributeKey('JurisdictionId', SearchAttributeType.KEYWORD);
export const stageSearchAttribute = defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD);

export const customSearchAttributes = [
  procedureSearchAttribute,
  jurisdictionSearchAttribute,
  stageSearchAttribute,
] as const;
