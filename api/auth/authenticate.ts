import type { Request } from 'express';
import { problems } from '../http/problem';
import { csrfSatisfied, sessionTokenOf } from './browser-session';
import type { Principal } from './principal';
import type { TokenService } from './tokens';

/**
 * Machine clients send "Authorization: Bearer <jwt>"; the web application sends its session
 * cookie, and on a change also the CSRF header. Anything else is a 401 that says what was wrong.
 */
export async function authenticate(req: Request, tokens: TokenService): Promise<Principal> {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match?.[1] ? await tokens.verify(match[1]) : undefined;
    if (!principal) {
      throw problems.unauthenticated({
        vi: 'Mã truy cập không hợp lệ hoặc đã hết hạn. Hãy đăng nhập lại.',
        en: 'The bearer token is invalid or has expired. Log in again.',
      });
    }
    return principal;
  }
  const cookie = sessionTokenOf(req);
  if (!cookie) {
    throw problems.unauthenticated({
      vi: 'Yêu cầu thiếu mã truy cập (Authorization: Bearer …) hoặc phiên đăng nhập. Hãy đăng nhập tại POST /auth/login.',
      en: 'The request has no bearer token (Authorization: Bearer …) and no session. Log in at POST /auth/login.',
    });
  }
  const session = await tokens.verifySession(cookie);
  if (!session?.csrf) {
    throw problems.unauthenticated({
      vi: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Hãy đăng nhập lại.',
      en: 'The session has expired or is invalid. Log in again.',
    });
  }
  if (!csrfSatisfied(req, session.csrf)) throw problems.csrfRejected();
  return session.principal;
}
