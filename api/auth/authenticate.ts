import type { Request } from 'express';
import { problems } from '../http/problem';
import type { Principal } from './principal';
import type { TokenService } from './tokens';

/** Reads "Authorization: Bearer <jwt>"; anything else is a 401 that says what was wrong. */
export async function authenticate(req: Request, tokens: TokenService): Promise<Principal> {
  const header = req.get('authorization');
  if (!header) {
    throw problems.unauthenticated({
      vi: 'Yêu cầu thiếu mã truy cập (Authorization: Bearer …). Hãy đăng nhập tại POST /auth/login.',
      en: 'The request has no bearer token (Authorization: Bearer …). Log in at POST /auth/login.',
    });
  }
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
