/** Password profile `dengbao-l3` (SECURITY.md §2). Pure: returns the Chinese problems found, empty when acceptable. */
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, minClasses: 3 };

/** A short list of the most common passwords; the check is case-insensitive and ignores trailing digits/symbols. */
const COMMON_PASSWORDS = [
  'password', 'passw0rd', 'p@ssw0rd', 'qwerty', 'qwertyuiop', 'admin', 'administrator', 'welcome',
  'letmein', 'iloveyou', 'abc123', 'abcdef', 'a1b2c3', '123456', '12345678', '123456789', '1234567890',
  '1qaz2wsx', '1q2w3e4r', 'zxcvbnm', 'asdfghjkl', 'woaini', 'woaini1314', 'changeme', 'root', 'test',
];

/** A common password, alone or padded only with digits/symbols before or after ("Abc123!@#$", "#1Qaz2wsx"). */
function isCommonPassword(lower: string): boolean {
  const padding = /^[^a-z]*$/;
  return COMMON_PASSWORDS.some((word) => {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      if (padding.test(lower.slice(0, at)) && padding.test(lower.slice(at + word.length))) return true;
    }
    return false;
  });
}

/** Context words a password must not contain (the product, the domain, the demo district). */
export const CONTEXT_WORDS = ['qingyuan', 'jindu', 'jinduban', '禁毒', '清源', '示范区', 'shifanqu'];

/** Length in characters as a person counts them (a surrogate pair is one). */
export function codePointLength(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
}

export function characterClasses(password: string): number {
  let classes = 0;
  if (/[a-z]/.test(password)) classes++;
  if (/[A-Z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^A-Za-z0-9]/.test(password)) classes++;
  return classes;
}

export function passwordProblems(
  password: string,
  context: { username?: string; extraWords?: readonly string[] } = {},
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if (codePointLength(password) < policy.minLength) problems.push(`密码长度不能少于${policy.minLength}位`);
  if (characterClasses(password) < policy.minClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少${policy.minClasses}类`);
  }
  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) problems.push('密码不能包含用户名');
  if (isCommonPassword(lower)) problems.push('密码过于常见');
  const words = [...CONTEXT_WORDS, ...(context.extraWords ?? [])].map((w) => w.toLowerCase()).filter((w) => w.length >= 2);
  if (words.some((w) => lower.includes(w))) problems.push('密码不能包含系统名称、单位名称等易猜测词语');
  return problems;
}
