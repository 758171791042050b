import * as z from 'zod';

export const BankIntakeParams = z.object({
  id: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'not an intake id'),
});

export const BankIntakeView = z
  .object({
    id: z.string(),
    branchId: z.string(),
    status: z.enum(['received', 'submitted', 'handed_over']),
    registrationId: z.string().optional(),
    registrationStatus: z.string().optional(),
    applicant: z.object({
      name: z.string(),
      idType: z.string(),
      idNumberMasked: z.string(),
      phoneMasked: z.string(),
    }),
    custody: z.array(
      z.object({
        event: z.string(),
        by: z.string(),
        at: z.string(),
        licenseVersion: z.number().int().optional(),
      }),
    ),
    createdAt: z.string(),
  })
  .meta({ id: 'BankIntake' });
