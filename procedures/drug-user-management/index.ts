import { drugUserManagementCaseload } from './caseload';
import { defineProcedure } from '../procedure-module';
import { drugUserManagementFigures } from './figures';
import { drugUserManagementActions, drugUserManagementFields, openDrugUserManagement } from './actions';
import { drugUserManagement, type StartDrugUserManagementInput } from './definition';
import { drugUserManagementRules } from './rules';

export const drugUserManagementModule = defineProcedure({
  definition: drugUserManagement,
  actions: drugUserManagementActions,
  rules: drugUserManagementRules,
  figures: drugUserManagementFigures,
  fields: drugUserManagementFields,
  caseload: drugUserManagementCaseload,
  opening: {
    body: openDrugUserManagement,
    jurisdictionOf: (body) => body.jurisdictionId,
    residenceOf: (body) => body.person.residenceJurisdictionId,
    legalDateOf: (body) => ({ field: 'testedOn', date: body.testedOn }),
    toInput: (body, { caseRef, actor }): StartDrugUserManagementInput => ({
      caseRef,
      jurisdictionId: body.jurisdictionId,
      person: body.person,
      testedOn: body.testedOn,
      testResultRef: body.testResultRef,
      violationRecordRef: body.violationRecordRef,
      actor,
    }),
  },
});
