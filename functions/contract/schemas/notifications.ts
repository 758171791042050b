import * as z from 'zod';

export const Notice = z
  .object({
    id: z.string(),
    kind: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    message: z.string(),
    messageEn: z.string(),
    at: z.string(),
  })
  .meta({ id: 'Notice' });
