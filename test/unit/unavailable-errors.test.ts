import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { Prisma } from '../../generated/prisma/client';
import { toProblem } from '../../api/http/error-handler';

/**
 * A part the API depends on that does not answer is a 503 the client may retry, not a 500: a
 * Temporal server down, overloaded or too slow, an Update whose call timed out, a database out of
 * reach or a pool with no connection free. Anything else unknown stays a 500.
 */
/** gRPC status codes. */
const grpcStatus = { DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;
const grpcError = (code: number) => Object.assign(new Error(`grpc ${code}`), { code, details: 'x', metadata: {} });
const prismaError = (code: string) => new Prisma.PrismaClientKnownRequestError('database', { code, clientVersion: '7' });

it.each([
  ['Temporal unavailable', new ServiceError('unavailable', { cause: grpcError(grpcStatus.UNAVAILABLE) })],
  ['Temporal deadline exceeded', new ServiceError('slow', { cause: grpcError(grpcStatus.DEADLINE_EXCEEDED) })],
  ['Temporal overloaded', grpcError(grpcStatus.RESOURCE_EXHAUSTED)],
  ['an Update call that timed out', new WorkflowUpdateRPCTimeoutOrCancelledError('timed out', { cause: grpcError(grpcStatus.DEADLINE_EXCEEDED) })],
  ['the database out of reach', prismaError('P1001')],
  ['no connection free in the pool', prismaError('P2024')],
])('%s answers 503 SERVICE.UNAVAILABLE', (_what, error) => {
  const problem = toProblem(error);
  expect([problem.status, problem.code]).toEqual([503, 'SERVICE.UNAVAILABLE']);
});

it.each([
  ['a Temporal refusal', new ServiceError('not found', { cause: grpcError(grpcStatus.NOT_FOUND) })],
  ['an unknown error', new Error('boom')],
  ['another database error', prismaError('P2003')],
])('%s does not', (_what, error) => {
  expect(toProblem(error).status).toBe(500);
});
