import type { JurisdictionScope } from '../../domain/registry/jurisdiction-scope';
import { problems } from '../http/problem';
import type { Principal } from './principal';

/** The caller's agency must cover the unit (its subtree, or a unit merged into it). */
export function assertCovers(scope: JurisdictionScope, principal: Principal, jurisdictionId: string): void {
  if (!scope.covers(principal.jurisdictionPath, jurisdictionId)) throw problems.forbiddenJurisdiction();
}

/** Reading a unit's public registry entry: covered units, plus the ancestors of the caller's own. */
export function assertVisible(scope: JurisdictionScope, principal: Principal, jurisdictionId: string): void {
  if (!scope.isVisibleFrom(principal.jurisdictionPath, jurisdictionId)) throw problems.forbiddenJurisdiction();
}
