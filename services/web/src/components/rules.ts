import type { ZodTypeAny } from 'zod';

/** An Ant Design form rule checking a field with the server's own zod schema (same messages as the server). */
export const zodRule = (schema: ZodTypeAny) => ({
  validator: async (_: unknown, value: unknown) => {
    const r = schema.safeParse(value ?? '');
    if (!r.success) throw new Error(r.error.issues[0]?.message ?? '填写有误');
  },
});
