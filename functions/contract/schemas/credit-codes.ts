import * as z from 'zod';

export const CreditCodeParams = z.object({ code: z.string().min(1).max(64) });

export const CreditCodeCheckResult = z
  .object({
    code: z.string(),
    valid: z.boolean(),
    reason: z.string().optional(),
    parts: z
      .object({
        authorityCode: z.string(),
        entityTypeCode: z.string(),
        division: z.string(),
        organizationCode: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'CreditCodeCheck' });
