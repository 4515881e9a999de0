import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Prisma } from '../../generated/prisma/client';
import { Problem, problems } from './problem';

/**
 * The one place errors become HTTP: known problems keep their status and code, body-parser and
 * Prisma errors are translated, and anything else is a 500 that says nothing about internals.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error({ err: error, requestId: req.id }, 'request failed');
    res
      .status(problem.status)
      .type('application/problem+json')
      .json(problem.toBody(String(req.id ?? '')));
  };
}

export const routeNotFound: RequestHandler = (_req, _res, next) => next(problems.routeNotFound());

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const bodyParserType = (error as { type?: unknown } | null)?.type;
  if (bodyParserType === 'entity.parse.failed') return problems.malformedJson();
  if (bodyParserType === 'entity.too.large') return problems.payloadTooLarge();
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
