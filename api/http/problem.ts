/**
 * Errors as RFC 9457 problem details. `type` is a stable machine code; `title` and `detail`
 * are Vietnamese for the official reading them, with English beside them.
 */
export interface FieldError {
  field: string;
  message: string;
  messageEn: string;
}

export interface ProblemBody {
  type: string;
  code: string;
  status: number;
  title: string;
  detail: string;
  titleEn: string;
  detailEn: string;
  instance?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

interface ProblemText {
  vi: string;
  en: string;
}

export const PROBLEM_TYPE_BASE = 'urn:problem:coordination-engine:';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: ProblemText,
    readonly detail: ProblemText,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail.en}`);
    this.name = 'Problem';
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: `${PROBLEM_TYPE_BASE}${this.code}`,
      code: this.code,
      status: this.status,
      title: this.title.vi,
      detail: this.detail.vi,
      titleEn: this.title.en,
      detailEn: this.detail.en,
      ...(instance ? { instance } : {}),
      ...this.extras,
    };
  }
}

/** The catalogue of problems the API answers with; codes are stable, texts may improve. */
export const problems = {
  unauthenticated: (
    reason: ProblemText = {
      vi: 'Thiếu mã truy cập hoặc mã không hợp lệ.',
      en: 'Missing or invalid bearer token.',
    },
  ) => new Problem(401, 'AUTH.UNAUTHENTICATED', { vi: 'Chưa xác thực', en: 'Not authenticated' }, reason),
  csrfRejected: () =>
    new Problem(
      403,
      'AUTH.CSRF_REJECTED',
      { vi: 'Yêu cầu bị từ chối', en: 'Request refused' },
      {
        vi: 'Thay đổi gửi bằng phiên đăng nhập phải kèm mã chống giả mạo (X-CSRF-Token). Hãy tải lại trang.',
        en: 'A change sent with the session cookie must carry the anti-forgery token (X-CSRF-Token). Reload the page.',
      },
    ),
  badCredentials: () =>
    new Problem(
      401,
      'AUTH.BAD_CREDENTIALS',
      { vi: 'Đăng nhập không thành công', en: 'Login failed' },
      { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
    ),
  forbiddenRole: (needed: readonly string[]) =>
    new Problem(
      403,
      'AUTH.ROLE_NOT_ALLOWED',
      { vi: 'Không có quyền', en: 'Forbidden' },
      {
        vi: `Vai trò của bạn không được thực hiện thao tác này. Cần một trong các vai trò: ${needed.join(', ')}.`,
        en: `Your role may not perform this action. One of these roles is needed: ${needed.join(', ')}.`,
      },
      { requiredRoles: needed },
    ),
  forbiddenJurisdiction: () =>
    new Problem(
      403,
      'AUTH.OUTSIDE_JURISDICTION',
      { vi: 'Ngoài phạm vi địa bàn', en: 'Outside your jurisdiction' },
      {
        vi: 'Đối tượng này thuộc địa bàn mà đơn vị của bạn không quản lý.',
        en: 'This belongs to a jurisdiction your agency does not cover.',
      },
    ),
  notFound: (what: ProblemText) =>
    new Problem(404, 'RESOURCE.NOT_FOUND', { vi: 'Không tìm thấy', en: 'Not found' }, what),
  invalidRequest: (errors: FieldError[]) =>
    new Problem(
      400,
      'REQUEST.INVALID',
      { vi: 'Dữ liệu không hợp lệ', en: 'Invalid request' },
      {
        vi: `Dữ liệu gửi lên không hợp lệ: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}.`,
        en: `The request is invalid: ${errors.map((e) => `${e.field}: ${e.messageEn}`).join('; ')}.`,
      },
      { errors },
    ),
  malformedJson: () =>
    new Problem(
      400,
      'REQUEST.MALFORMED_JSON',
      { vi: 'Dữ liệu không đọc được', en: 'Malformed body' },
      { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
    ),
  malformedPath: () =>
    new Problem(
      400,
      'REQUEST.MALFORMED_PATH',
      { vi: 'Địa chỉ không đọc được', en: 'Malformed path' },
      {
        vi: 'Địa chỉ yêu cầu có mã hoá phần trăm không hợp lệ (ví dụ "%ZZ").',
        en: 'The request path holds an invalid percent-encoding (such as "%ZZ").',
      },
    ),
  payloadTooLarge: () =>
    new Problem(
      413,
      'REQUEST.TOO_LARGE',
      { vi: 'Dữ liệu quá lớn', en: 'Payload too large' },
      {
        vi: 'Nội dung gửi lên vượt quá dung lượng cho phép.',
        en: 'The request body exceeds the allowed size.',
      },
    ),
  conflict: (what: ProblemText) =>
    new Problem(409, 'RESOURCE.CONFLICT', { vi: 'Xung đột dữ liệu', en: 'Conflict' }, what),
  routeNotFound: () =>
    new Problem(
      404,
      'ROUTE.NOT_FOUND',
      { vi: 'Không có địa chỉ này', en: 'No such endpoint' },
      { vi: 'Địa chỉ hoặc phương thức yêu cầu không tồn tại.', en: 'This path or method does not exist.' },
    ),
  tooManyRequests: () =>
    new Problem(
      429,
      'REQUEST.RATE_LIMITED',
      { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
      {
        vi: 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
        en: 'Too many requests; try again in a few minutes.',
      },
    ),
  /** A business rule refused the request; the code says which (CALENDAR.OUT_OF_RANGE, STEP.NOT_OPEN, ...). */
  unprocessable: (code: string, what: ProblemText) =>
    new Problem(422, code, { vi: 'Không thực hiện được yêu cầu', en: 'Request cannot be processed' }, what),
  stepConflict: (code: string, what: ProblemText) =>
    new Problem(
      409,
      code,
      { vi: 'Bước không ở trạng thái phù hợp', en: 'Step is not in a state that allows this' },
      what,
    ),
  unavailable: (what: ProblemText) =>
    new Problem(
      503,
      'SERVICE.UNAVAILABLE',
      { vi: 'Hệ thống tạm thời không phục vụ được', en: 'Service unavailable' },
      what,
    ),
  internal: () =>
    new Problem(
      500,
      'SERVER.INTERNAL',
      { vi: 'Lỗi hệ thống', en: 'Internal error' },
      {
        vi: 'Đã xảy ra lỗi ngoài dự kiến. Yêu cầu không được thực hiện; vui lòng thử lại hoặc báo quản trị viên kèm mã yêu cầu.',
        en: 'An unexpected error occurred. Nothing was changed; retry, or report it with the request id.',
      },
    ),
};
