import { isGrpcDeadlineError, isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Prisma } from '../../generated/prisma/client';
import { Problem, problems } from './problem';

/** Seconds a client waits before retrying when the database or Temporal did not answer. */
export const RETRY_AFTER_SECONDS = 5;

/** gRPC codes of a Temporal server that is down, overloaded or too slow: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED. */
const TEMPORAL_BUSY = new Set([14, 4, 8]);
/** Prisma codes of a database out of reach: cannot reach or timed out, connection closed, no connection free in the pool. */
const DATABASE_BUSY = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/**
 * Whether an error says a part the API depends on did not answer (not that the request was
 * wrong, nor a defect): the client may retry, with the same Idempotency-Key for a change.
 */
export function isUnavailable(error: unknown): boolean {
  // An Update whose call timed out may or may not have been applied: the same Idempotency-Key tells.
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const cause = error instanceof ServiceError ? error.cause : error;
  if (isGrpcServiceError(cause) && TEMPORAL_BUSY.has(cause.code)) return true;
  if (isGrpcDeadlineError(cause)) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError && DATABASE_BUSY.has(error.code)) return true;
  return error instanceof Prisma.PrismaClientInitializationError;
}

/**
 * The one place errors become HTTP: known problems keep their status and code, body-parser and
 * Prisma errors are translated, and anything else is a 500 that says nothing about internals.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error({ err: error, requestId: req.id }, 'request failed');
    if (problem.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res
      .status(problem.status)
      .type('application/problem+json')
      .json(problem.toBody(String(req.id ?? '')));
  };
}

export const routeNotFound: RequestHandler = (_req, _res, next) => next(problems.routeNotFound());

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (isUnavailable(error))
    return problems.unavailable({
      vi: `Cơ sở dữ liệu hoặc máy chủ quy trình không trả lời kịp. Hãy thử lại sau ${RETRY_AFTER_SECONDS} giây (với cùng khóa Idempotency-Key nếu là một thao tác ghi).`,
      en: `The database or the workflow server did not answer in time. Retry after ${RETRY_AFTER_SECONDS} seconds (with the same Idempotency-Key for a change).`,
    });
  const bodyParserType = (error as { type?: unknown } | null)?.type;
  if (bodyParserType === 'entity.parse.failed') return problems.malformedJson();
  if (bodyParserType === 'entity.too.large') return problems.payloadTooLarge();
  // The router could not decode a path parameter ("/cases/%ZZ"): the client's address, not a defect.
  if (error instanceof URIError && (error as { status?: unknown }).status === 400) return problems.malformedPath();
  const domainCode = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof domainCode === 'string' && /^(CALENDAR|RULE)\./.test(domainCode)) {
    // Domain errors carry "Vietnamese / English" messages written for the people who read them.
    const [vi, en] = error.message.split(' / ');
    const text = { vi: vi ?? error.message, en: en ?? error.message };
    if (domainCode === 'RULE.NOT_FOUND') return problems.notFound(text);
    if (domainCode === 'CALENDAR.INVALID_DATE')
      return new Problem(400, domainCode, { vi: 'Ngày không hợp lệ', en: 'Invalid date' }, text);
    return problems.unprocessable(domainCode, text);
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2025')
      return problems.notFound({ vi: 'Không tìm thấy bản ghi.', en: 'The record does not exist.' });
    if (error.code === 'P2002')
      return problems.conflict({ vi: 'Bản ghi đã tồn tại.', en: 'The record already exists.' });
  }
  return problems.internal();
}
