import { Problem } from '../http/problem';

interface ProblemText {
  vi: string;
  en: string;
}

/** The problems of the accounts routes (issue #17, item 4); codes are stable, texts may improve. */
export const accountProblems = {
  passwordChangeRequired: () =>
    new Problem(
      403,
      'AUTH.PASSWORD_CHANGE_REQUIRED',
      { vi: 'Cần đổi mật khẩu', en: 'Password change required' },
      {
        vi: 'Bạn đang dùng mật khẩu được cấp. Hãy đổi mật khẩu (POST /me/password) trước khi làm việc khác.',
        en: 'You are using an issued password. Change it (POST /me/password) before doing anything else.',
      },
    ),
  tooSoon: (retryAfterSeconds: number) =>
    new Problem(
      429,
      'AUTH.TOO_SOON',
      { vi: 'Thử lại quá sớm', en: 'Too soon' },
      {
        vi: `Đã có nhiều lần đăng nhập sai. Hãy chờ ${retryAfterSeconds} giây rồi thử lại; tài khoản không bị khóa.`,
        en: `There have been several failed logins. Wait ${retryAfterSeconds} seconds and try again; the account is not locked.`,
      },
      { retryAfterSeconds },
    ),
  wrongCurrentPassword: () =>
    new Problem(
      403,
      'AUTH.WRONG_CURRENT_PASSWORD',
      { vi: 'Mật khẩu hiện tại không đúng', en: 'Wrong current password' },
      { vi: 'Mật khẩu hiện tại không đúng; mật khẩu không được đổi.', en: 'The current password is wrong; nothing was changed.' },
    ),
  passwordPolicy: (missing: ProblemText[]) =>
    new Problem(
      422,
      'AUTH.PASSWORD_POLICY',
      { vi: 'Mật khẩu mới chưa đạt yêu cầu', en: 'The new password does not meet the policy' },
      {
        vi: `Mật khẩu mới chưa đạt yêu cầu: ${missing.map((m) => m.vi).join('; ')}.`,
        en: `The new password does not meet the policy: ${missing.map((m) => m.en).join('; ')}.`,
      },
      { violations: missing.map((m) => ({ message: m.vi, messageEn: m.en })) },
    ),
  userNotFound: () =>
    new Problem(
      404,
      'RESOURCE.NOT_FOUND',
      { vi: 'Không tìm thấy', en: 'Not found' },
      { vi: 'Không có tài khoản này.', en: 'No such account.' },
    ),
  notFoundPerson: () =>
    new Problem(
      404,
      'RESOURCE.NOT_FOUND',
      { vi: 'Không tìm thấy', en: 'Not found' },
      {
        vi: 'Không có người này, hoặc không có hồ sơ nào của họ thuộc địa bàn của bạn.',
        en: 'No such person, or none of their cases is in your jurisdiction.',
      },
    ),
  selfDeactivation: () =>
    new Problem(
      422,
      'AUTH.SELF_DEACTIVATION',
      { vi: 'Không thực hiện được yêu cầu', en: 'Request cannot be processed' },
      {
        vi: 'Quản trị viên không thể tự khóa tài khoản của mình; hãy nhờ một quản trị viên khác.',
        en: 'An administrator cannot deactivate their own account; ask another administrator.',
      },
    ),
};
