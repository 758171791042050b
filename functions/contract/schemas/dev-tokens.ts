import * as z from 'zod';
import { ROLES } from '#domain/caller';

export const DevTokenRequest = z
  .object({
    role: z.enum(ROLES),
    sub: z.string().trim().min(1).max(128),
    branchId: z.string().trim().min(1).max(64).optional(),
    departmentCode: z.string().trim().min(1).max(64).optional(),
    authority: z
      .string()
      .regex(/^\d{6}$/, 'must be a 6-digit division code')
      .optional(),
    /** Becomes the `idHash` claim: the person's real name is taken as verified. */
    idNumber: z.string().trim().min(5).max(32).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'bank_clerk' && !v.branchId)
      ctx.addIssue({
        code: 'custom',
        path: ['branchId'],
        message: 'a bank_clerk token is bound to a branch',
      });
    if (v.role === 'department' && !v.departmentCode)
      ctx.addIssue({
        code: 'custom',
        path: ['departmentCode'],
        message: 'a department token is bound to a department code',
      });
    if (v.role === 'examiner' && !v.authority)
      ctx.addIssue({
        code: 'custom',
        path: ['authority'],
        message: 'an examiner token names its registration authority',
      });
  })
  .meta({ id: 'DevTokenRequest' });
