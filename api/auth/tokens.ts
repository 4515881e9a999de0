import { webcrypto } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { principalSchema, type Principal } from './principal';

const ISSUER = 'vn-coordination-engine';
const AUDIENCE = 'coordination-api';

/** What the database says about an account now, read on every authenticated request. */
export interface AccountState {
  tokenVersion: number;
  active: boolean;
  mustChangePassword: boolean;
  /** Roles held today for an absent colleague (deputations): added to the token's, for this request only. */
  actingRoles?: Principal['roles'];
}

export type AccountStateLookup = (userId: string) => Promise<AccountState | undefined>;

export interface VerifiedSession {
  principal: Principal;
  /** A browser session's CSRF value. */
  csrf?: string;
  /** The `ver` claim: the account's token version when the token was issued. */
  version: number;
  /** The account must change its issued password before anything else. */
  mustChangePassword: boolean;
}

/**
 * HS256 bearer tokens. The secret comes from configuration (JWT_SECRET). Each token carries the
 * account's token version (`ver`); with an account lookup (the API always has one), a token is
 * accepted only while that version is the account's current one and the account is active, so
 * logout, a password change, a reset or a deactivation revokes every earlier token at once.
 */
export class TokenService {
  /**
   * Imported once: given the raw bytes, jose would import them as a WebCrypto key again on every
   * signature and verification, every request of every official (about a third of the check's cost).
   */
  private readonly key: Promise<webcrypto.CryptoKey>;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly accounts?: AccountStateLookup,
  ) {
    this.key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  /**
   * A token for `principal` at the account's token `version`. A browser session's token also carries
   * `csrf`, the value its X-CSRF-Token header must repeat on every change (the signed half of a double-submit cookie).
   */
  async issue(principal: Principal, options: { csrf?: string; version?: number } = {}): Promise<{ token: string; expiresAt: Date }> {
    const { userId, ...rest } = principal;
    const claims = { ...rest, ver: options.version ?? 0, ...(options.csrf ? { csrf: options.csrf } : {}) };
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(await this.key);
    return { token, expiresAt };
  }

  /** The principal, or undefined for a token that is forged, expired, malformed or revoked. */
  async verify(token: string): Promise<Principal | undefined> {
    return (await this.verifySession(token))?.principal;
  }

  /** The principal and, for a browser session's token, its CSRF value; undefined when not (or no longer) valid. */
  async verifySession(token: string): Promise<VerifiedSession | undefined> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] }));
    } catch {
      return undefined;
    }
    const parsed = principalSchema.safeParse({ ...payload, userId: payload.sub });
    if (!parsed.success || typeof payload.ver !== 'number') return undefined;
    let mustChangePassword = false;
    let principal = parsed.data;
    if (this.accounts) {
      const state = await this.accounts(parsed.data.userId);
      if (!state || !state.active || state.tokenVersion !== payload.ver) return undefined;
      mustChangePassword = state.mustChangePassword;
      // A deputation starts and ends on its dates, whatever token the deputy holds.
      if (state.actingRoles && state.actingRoles.length > 0)
        principal = { ...principal, roles: [...new Set([...principal.roles, ...state.actingRoles])] };
    }
    return {
      principal,
      version: payload.ver,
      mustChangePassword,
      ...(typeof payload.csrf === 'string' ? { csrf: payload.csrf } : {}),
    };
  }
}
