import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { jurisdictionSearchAttribute, procedureSearchAttribute } from '../../workflows/search-attributes';
import {
  SYSTEM_PING_WORKFLOW,
  systemPingWorkflowId,
  type SystemPingInput,
} from '../../workflows/system-ping/contract';
import { assertCovers } from '../auth/jurisdiction-guard';
import { SYSTEM_OPERATORS } from '../auth/roles';
import type { ApiRoutes } from '../http/routes';
import { problems } from '../http/problem';
import { parseInput } from '../http/validation';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';

const pingBody = z.object({ note: z.string().trim().min(1).max(200) }).meta({ id: 'PingRequest' });
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/).optional();
const pingParams = z.object({ workflowId: z.string().startsWith('system-ping:').max(120) });

const pingStatus = z
  .object({
    workflowId: z.string(),
    status: z.enum(['PENDING', 'RECORDED', 'FAILED']),
    pingId: z.string().optional(),
    recordedAt: z.string().optional(),
  })
  .meta({ id: 'PingStatus' });

export interface PingRouteSettings {
  taskQueue: string;
}

/**
 * The end-to-end probe: API → Temporal → worker → activity → PostgreSQL. An operator can run it
 * after a deployment to see the whole chain answer.
 */
export function registerPingRoutes(
  routes: ApiRoutes,
  db: Db,
  temporal: Client,
  directory: JurisdictionDirectory,
  { taskQueue }: PingRouteSettings,
): void {
  routes.add({
    method: 'post',
    path: '/system/pings',
    tag: 'System',
    summary: 'Start a ping workflow; its activity writes a row to PostgreSQL',
    description: 'Send an `Idempotency-Key` header to make a retried request start nothing new.',
    access: { roles: SYSTEM_OPERATORS },
    body: pingBody,
    responses: { 202: { description: 'Started; poll the Location', schema: pingStatus } },
    handler: async ({ principal, body, req }) => {
      const key = parseInput(idempotencyKey, req.get('idempotency-key'), 'headers.idempotency-key') ?? randomUUID();
      const workflowId = systemPingWorkflowId(key);
      const input: SystemPingInput = { requestedBy: principal.userId, jurisdictionId: principal.jurisdictionId, note: body.note };
      await temporal.workflow.start(SYSTEM_PING_WORKFLOW, {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [
          { key: procedureSearchAttribute, value: 'system-ping' },
          { key: jurisdictionSearchAttribute, value: principal.jurisdictionId },
        ],
      });
      await db.auditEvent.create({
        data: {
          action: 'system.ping_requested',
          actorUserId: principal.userId,
          actorAgencyId: principal.agencyId,
          subjectType: 'workflow',
          subjectId: workflowId,
          jurisdictionId: principal.jurisdictionId,
          requestId: String(req.id),
        },
      });
      return {
        status: 202,
        body: { workflowId, status: 'PENDING' },
        headers: { Location: `/system/pings/${encodeURIComponent(workflowId)}` },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/system/pings/:workflowId',
    tag: 'System',
    summary: 'Whether a ping has reached PostgreSQL',
    access: { roles: SYSTEM_OPERATORS },
    params: pingParams,
    responses: { 200: { description: 'Its status', schema: pingStatus }, 404: { description: 'No such ping' } },
    handler: async ({ principal, params }) => {
      const scope = await directory.scope();
      const row = await db.systemPing.findUnique({ where: { workflowId: params.workflowId } });
      if (row) {
        assertCovers(scope, principal, row.jurisdictionId);
        return {
          status: 200,
          body: { workflowId: row.workflowId, status: 'RECORDED', pingId: row.id, recordedAt: row.recordedAt.toISOString() },
        };
      }
      try {
        const description = await temporal.workflow.getHandle(params.workflowId).describe();
        const jurisdictionId = description.typedSearchAttributes.get(jurisdictionSearchAttribute);
        if (!jurisdictionId) throw problems.forbiddenJurisdiction();
        assertCovers(scope, principal, jurisdictionId);
        const failed = ['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED'].includes(description.status.name);
        return { status: 200, body: { workflowId: params.workflowId, status: failed ? 'FAILED' : 'PENDING' } };
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) {
          throw problems.notFound({ vi: 'Không có yêu cầu ping này.', en: 'No such ping.' });
        }
        throw error;
      }
    },
  });
}
