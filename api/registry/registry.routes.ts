import type { Db } from '../../db/client';
import { dateColumnToIso, isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import { assertVisible } from '../auth/jurisdiction-guard';
import { ANY_ROLE } from '../auth/roles';
import type { ApiRoutes } from '../http/routes';
import { problems } from '../http/problem';
import type { JurisdictionDirectory } from './jurisdiction-directory';
import {
  agencyList,
  agencyListQuery,
  agencyView,
  idParams,
  jurisdictionList,
  jurisdictionListQuery,
  jurisdictionView,
} from './registry.schemas';

interface Dated {
  validFrom: Date;
  validTo: Date | null;
}

const inForce = (asOf: string | undefined, includeHistorical: boolean) => {
  if (includeHistorical) return {};
  const day = isoToDateColumn(asOf ?? vietnamDate());
  return { validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] };
};

const datesOf = (row: Dated) => ({
  validFrom: dateColumnToIso(row.validFrom),
  validTo: row.validTo ? dateColumnToIso(row.validTo) : null,
});

/** The units a split unit went to, the principal one first (read with each unit). */
const withShares = { splitInto: { select: { successorId: true, principal: true }, orderBy: [{ principal: 'desc' as const }, { successorId: 'asc' as const }] } };

const toJurisdictionView = ({
  createdAt: _c,
  path: _p,
  splitInto,
  ...row
}: Dated & { createdAt: Date; path: string; splitInto: { successorId: string }[] } & Record<string, unknown>) =>
  jurisdictionView.parse({ ...row, ...datesOf(row), splitInto: splitInto.map((share) => share.successorId) });

const toAgencyView = ({ createdAt: _c, email: _e, ...row }: Dated & { createdAt: Date; email: string | null } & Record<string, unknown>) =>
  agencyView.parse({ ...row, ...datesOf(row) });

/** The organisation registry, read-only: each caller sees the units their agency covers and its ancestors. */
export function registerRegistryRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  routes.add({
    method: 'get',
    path: '/registry/jurisdictions',
    tag: 'Registry',
    summary: 'Administrative units visible to the caller (own subtree and ancestors)',
    access: { roles: ANY_ROLE },
    query: jurisdictionListQuery,
    responses: { 200: { description: 'Units, province first', schema: jurisdictionList } },
    handler: async ({ principal, query }) => {
      const scope = await directory.scope();
      const rows = await db.jurisdiction.findMany({
        where: { ...inForce(query.asOf, query.includeHistorical), ...(query.level ? { level: query.level } : {}) },
        include: withShares,
        orderBy: [{ path: 'asc' }],
      });
      const visible = rows.filter((row) => scope.isVisibleFrom(principal.jurisdictionPath, row.id));
      return { status: 200, body: { items: visible.map(toJurisdictionView) } };
    },
  });

  routes.add({
    method: 'get',
    path: '/registry/jurisdictions/:id',
    tag: 'Registry',
    summary: 'One administrative unit, with its history (successor)',
    access: { roles: ANY_ROLE },
    params: idParams,
    responses: { 200: { description: 'The unit', schema: jurisdictionView }, 404: { description: 'No such unit' } },
    handler: async ({ principal, params }) => {
      const row = await db.jurisdiction.findUnique({ where: { id: params.id }, include: withShares });
      if (!row) throw problems.notFound({ vi: `Không có đơn vị hành chính ${params.id}.`, en: `No administrative unit ${params.id}.` });
      assertVisible(await directory.scope(), principal, row.id);
      return { status: 200, body: toJurisdictionView(row) };
    },
  });

  routes.add({
    method: 'get',
    path: '/registry/agencies',
    tag: 'Registry',
    summary: 'Agencies in the units visible to the caller',
    access: { roles: ANY_ROLE },
    query: agencyListQuery,
    responses: { 200: { description: 'Agencies', schema: agencyList }, 404: { description: 'No such unit (jurisdictionId)' } },
    handler: async ({ principal, query }) => {
      const scope = await directory.scope();
      if (query.jurisdictionId) {
        if (!scope.has(query.jurisdictionId)) {
          throw problems.notFound({ vi: `Không có đơn vị hành chính ${query.jurisdictionId}.`, en: `No administrative unit ${query.jurisdictionId}.` });
        }
        assertVisible(scope, principal, query.jurisdictionId);
      }
      const rows = await db.agency.findMany({
        where: {
          ...inForce(query.asOf, query.includeHistorical),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.jurisdictionId ? { jurisdictionId: query.jurisdictionId } : {}),
        },
        orderBy: [{ jurisdictionId: 'asc' }, { id: 'asc' }],
      });
      const visible = rows.filter((row) => scope.isVisibleFrom(principal.jurisdictionPath, row.jurisdictionId));
      return { status: 200, body: { items: visible.map(toAgencyView) } };
    },
  });

  routes.add({
    method: 'get',
    path: '/registry/agencies/:id',
    tag: 'Registry',
    summary: 'One agency',
    access: { roles: ANY_ROLE },
    params: idParams,
    responses: { 200: { description: 'The agency', schema: agencyView }, 404: { description: 'No such agency' } },
    handler: async ({ principal, params }) => {
      const row = await db.agency.findUnique({ where: { id: params.id } });
      if (!row) throw problems.notFound({ vi: `Không có cơ quan ${params.id}.`, en: `No agency ${params.id}.` });
      assertVisible(await directory.scope(), principal, row.jurisdictionId);
      return { status: 200, body: toAgencyView(row) };
    },
  });
}
