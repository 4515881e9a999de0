import type { Request } from 'express';
import { problems } from '../http/problem';
import { csrfSatisfied, sessionTokenOf } from './browser-session';
import type { Principal } from './principal';
import { accountProblems } from './account-problems';
import type { TokenService, VerifiedSession } from './tokens';

/** What a user who must change an issued password may still do. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['GET /me', 'POST /me/password', 'POST /auth/logout', 'DELETE /auth/session']);

function assertPasswordChanged(req: Request, session: VerifiedSession): void {
  if (!session.mustChangePassword) return;
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (!ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${req.method} ${String(route)}`)) throw accountProblems.passwordChangeRequired();
}

/**
 * Machine clients send "Authorization: Bearer <jwt>"; the web application sends its session
 * cookie, and on a change also the CSRF header. Anything else is a 401 that says what was wrong.
 */
export async function authenticate(req: Request, tokens: TokenService): Promise<Principal> {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const session = match?.[1] ? await tokens.verifySession(match[1]) : undefined;
    if (!session) {
      throw problems.unauthenticated({
        vi: 'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi (đăng xuất, đổi mật khẩu, khóa tài khoản). Hãy đăng nhập lại.',
        en: 'The bearer token is invalid, has expired or was revoked (logout, password change, deactivation). Log in again.',
      });
    }
    assertPasswordChanged(req, session);
    return session.principal;
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
      vi: 'Phiên đăng nhập đã hết hạn, không hợp lệ hoặc đã kết thúc (đăng xuất, đổi mật khẩu, khóa tài khoản). Hãy đăng nhập lại.',
      en: 'The session has expired, is invalid or was ended (logout, password change, deactivation). Log in again.',
    });
  }
  if (!csrfSatisfied(req, session.csrf)) throw problems.csrfRejected();
  assertPasswordChanged(req, session);
  return session.principal;
}
