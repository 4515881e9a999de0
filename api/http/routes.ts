import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Role } from '../../generated/prisma/enums';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { TokenService } from '../auth/tokens';
import { problemResponseSchema } from './problem-schema';
import { problems } from './problem';
import { parseInput } from './validation';

/**
 * Who may call a route. There is no default: each route states it, so an endpoint cannot be
 * added without deciding its roles (jurisdiction is then checked against the resource it touches).
 */
export type Access = { public: true } | { roles: readonly Role[] };

type Schema = z.ZodType;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<P, Q, B, A extends Access> {
  req: Request;
  principal: A extends { roles: readonly Role[] } ? Principal : undefined;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Bytes sent as they are (a downloaded file), with the Content-Type in headers. */
  raw?: Buffer;
  headers?: Record<string, string | string[]>;
}

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, A extends Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express syntax ("/registry/jurisdictions/:id"); the OpenAPI path is derived from it. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The body as the OpenAPI document shows it, when the handler checks it further (an action against its case's procedure). */
  bodyDocs?: Schema;
  /**
   * Every status the route answers (400, 401 and 403 are added when it has input or roles). A 2xx
   * gives its JSON `schema`, or `files`: the media types of the bytes it sends (a download);
   * a 4xx without a schema is a problem (application/problem+json).
   */
  responses: Record<number, { description: string; schema?: Schema; files?: readonly string[] }>;
  handler: (ctx: RouteContext<P, Q, B, A>) => Promise<Reply>;
}

/** One place that turns a route spec into an Express route and its OpenAPI description. */
export class ApiRoutes {
  readonly router = Router();

  constructor(
    private readonly openapi: OpenAPIRegistry,
    private readonly tokens: TokenService,
  ) {}

  add<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, A extends Access>(
    spec: RouteSpec<P, Q, B, A>,
  ): void {
    this.openapi.registerPath(this.describe(spec));
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      let principal: Principal | undefined;
      if ('roles' in spec.access) {
        principal = await authenticate(req, this.tokens);
        const allowed = spec.access.roles;
        if (!principal.roles.some((role) => allowed.includes(role))) throw problems.forbiddenRole(allowed);
      }
      const ctx = {
        req,
        principal,
        params: spec.params ? parseInput(spec.params, req.params, 'params') : undefined,
        query: spec.query ? parseInput(spec.query, req.query, 'query') : undefined,
        body: spec.body ? parseInput(spec.body, req.body ?? {}, 'body') : undefined,
      } as RouteContext<P, Q, B, A>;
      const reply = await spec.handler(ctx);
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      if (reply.raw) res.status(reply.status).end(reply.raw);
      else if (reply.body === undefined) res.status(reply.status).end();
      else res.status(reply.status).json(reply.body);
    });
  }

  private describe(spec: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, Access>): RouteConfig {
    const secured = 'roles' in spec.access;
    const problem = (description: string) => ({
      description,
      content: { 'application/problem+json': { schema: problemResponseSchema } },
    });
    const responses: RouteConfig['responses'] = {};
    for (const [status, { description, schema, files }] of Object.entries(spec.responses)) {
      const content: Record<string, { schema: Schema | { type: 'string'; format: 'binary' } }> = {};
      if (schema) content['application/json'] = { schema };
      for (const type of files ?? []) content[type] = { schema: { type: 'string', format: 'binary' } };
      // Every error is a problem (api/http/problem.ts), so a 4xx listed without a schema is one.
      if (Object.keys(content).length > 0) responses[status] = { description, content };
      else responses[status] = Number(status) >= 400 ? problem(description) : { description };
    }
    if (spec.params || spec.query || spec.body) responses['400'] ??= problem('Invalid request; each field is named');
    if (secured) {
      responses['401'] ??= problem('Missing, invalid or expired bearer token');
      responses['403'] ??= problem('Role not allowed, or resource outside the caller’s jurisdiction');
    }
    // Any route may find the database or Temporal out of reach (api/http/error-handler.ts).
    responses['503'] ??= {
      ...problem('The database or the workflow server did not answer in time; retry after the Retry-After header’s seconds'),
      headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
    };
    const roles = 'roles' in spec.access ? spec.access.roles : [];
    return {
      method: spec.method,
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      summary: spec.summary,
      description: [spec.description, secured ? `Roles: ${roles.join(', ')}.` : 'Public.'].filter(Boolean).join('\n\n'),
      tags: [spec.tag],
      ...(secured ? { security: [{ bearerAuth: [] }] } : {}),
      request: {
        // zod-to-openapi wants object schemas here; every params/query schema in api/ is one.
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.bodyDocs ?? spec.body } } } } : {}),
      },
      responses,
    };
  }
}
