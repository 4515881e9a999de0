import { randomInt } from 'node:crypto';

interface Requirement {
  vi: string;
  en: string;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Passwords guessed first; compared without case. A short list on purpose: length does the rest. */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '12345678910',
  '123456789a',
  'a123456789',
  'abc1234567',
  'abcd123456',
  'password12',
  'password123',
  'password1234',
  'passw0rd12',
  'matkhau123',
  'matkhau1234',
  'matkhau2026',
  'qwerty1234',
  'qwerty12345',
  'qwertyuiop1',
  'admin12345',
  'admin123456',
  'iloveyou12',
  'iloveyou123',
  'abc@123456',
  'abc@12345678',
  'demo@2026',
  'vietnam123',
  'vietnam2026',
  'hanoi12345',
  'changeme123',
  'welcome123',
  'letmein1234',
  '1q2w3e4r5t',
]);

/**
 * What the new password lacks, in Vietnamese and English; empty when it is acceptable.
 * At least 10 characters, letters and digits, not the username (nor containing it), not a common password.
 */
export function passwordPolicyViolations(password: string, username: string, currentPassword?: string): Requirement[] {
  const missing: Requirement[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    missing.push({ vi: `cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`, en: `at least ${MIN_PASSWORD_LENGTH} characters are needed` });
  }
  if (!/\p{L}/u.test(password)) missing.push({ vi: 'cần có ít nhất một chữ cái', en: 'at least one letter is needed' });
  if (!/\p{Nd}/u.test(password)) missing.push({ vi: 'cần có ít nhất một chữ số', en: 'at least one digit is needed' });
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length > 0 && (lower === name || (name.length >= 3 && lower.includes(name)))) {
    missing.push({ vi: 'không được là hoặc chứa tên đăng nhập', en: 'it must not be or contain the username' });
  }
  if (COMMON_PASSWORDS.has(lower)) {
    missing.push({ vi: 'đây là mật khẩu quá phổ biến, dễ bị đoán', en: 'it is a common password, easily guessed' });
  }
  if (currentPassword !== undefined && password === currentPassword) {
    missing.push({ vi: 'phải khác mật khẩu hiện tại', en: 'it must differ from the current password' });
  }
  return missing;
}

const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;

/** A one-time password an administrator reads out: 16 characters without look-alikes (0/O, 1/l/I), letters and digits. */
export function generateOneTimePassword(): string {
  for (;;) {
    const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
    const password = chars.join('');
    if (/[A-Za-z]/.test(password) && /\d/.test(password)) return password;
  }
}
