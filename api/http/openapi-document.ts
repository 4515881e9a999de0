import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

export function buildOpenApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Coordination engine API',
      version: '0.1.0',
      description:
        'Điều phối liên ngành các thủ tục phòng, chống ma túy, mại dâm, mua bán người. ' +
        'Errors are application/problem+json with a Vietnamese title/detail and a stable `type`. ' +
        'Obtain a token at POST /auth/login and send it as `Authorization: Bearer <token>`.',
    },
  });
}
