import { jwtVerify, SignJWT } from 'jose';
import { principalSchema, type Principal } from './principal';

const ISSUER = 'vn-coordination-engine';
const AUDIENCE = 'coordination-api';

/** HS256 bearer tokens. The secret comes from configuration (JWT_SECRET). */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  /**
   * A token for `principal`. A browser session's token also carries `csrf`, the value its
   * X-CSRF-Token header must repeat on every change (the signed half of a double-submit cookie).
   */
  async issue(principal: Principal, csrf?: string): Promise<{ token: string; expiresAt: Date }> {
    const { userId, ...rest } = principal;
    const claims = csrf ? { ...rest, csrf } : rest;
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The principal, or undefined for a token that is forged, expired or malformed. */
  async verify(token: string): Promise<Principal | undefined> {
    return (await this.verifySession(token))?.principal;
  }

  /** The principal and, for a browser session's token, its CSRF value. */
  async verifySession(token: string): Promise<{ principal: Principal; csrf?: string } | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const parsed = principalSchema.safeParse({ ...payload, userId: payload.sub });
      if (!parsed.success) return undefined;
      return typeof payload.csrf === 'string' ? { principal: parsed.data, csrf: payload.csrf } : { principal: parsed.data };
    } catch {
      return undefined;
    }
  }
}
