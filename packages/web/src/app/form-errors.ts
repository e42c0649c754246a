import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { errorTitle, isApiError } from './api-client.ts';

/**
 * Puts the server's field errors under the matching form fields; anything else (or an error without
 * field details) is shown with the problem's Chinese title.
 */
export function showFormError(
  error: unknown,
  message: MessageInstance,
  form?: FormInstance,
  fields: readonly string[] = [],
): void {
  const problemErrors = isApiError(error) ? (error.problem.errors ?? []) : [];
  const known = problemErrors.filter((e) => fields.includes(e.field));
  const unknown = problemErrors.filter((e) => !fields.includes(e.field));
  if (form && known.length > 0) {
    const byField = new Map<string, string[]>();
    for (const e of known) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  }
  if (known.length === 0 || unknown.length > 0) {
    const extra = unknown.map((e) => e.message).join('；');
    void message.error(extra ? `${errorTitle(error)}：${extra}` : errorTitle(error));
  }
}
