import type { FormRule } from 'antd';
import type { z } from 'zod';

interface ZodRuleOptions {
  /** Empty input passes (the schema only applies when something was typed). */
  optional?: boolean;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** An antd Form rule that validates with the same zod schema as the server, showing its Chinese message. */
export function zodRule(schema: z.ZodType, options: ZodRuleOptions = {}): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (options.optional && isEmpty(value)) return;
      const result = await schema.safeParseAsync(value ?? '');
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '输入不正确');
    },
  };
}

/** An antd Form rule from a pure check returning a Chinese problem (or null / empty list when fine). */
export function checkRule(check: (value: string) => string | readonly string[] | null): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return Promise.resolve();
      const problem = check(value);
      const text = typeof problem === 'string' ? problem : problem?.join('；');
      return text ? Promise.reject(new Error(text)) : Promise.resolve();
    },
  };
}

export function requiredRule(message: string): FormRule {
  return { required: true, message };
}
