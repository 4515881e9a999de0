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

  async issue(principal: Principal): Promise<{ token: string; expiresAt: Date }> {
    const { userId, ...claims } = principal;
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
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const parsed = principalSchema.safeParse({ ...payload, userId: payload.sub });
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
