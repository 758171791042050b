/** The registration workflow's last step: the enterprise's first e-license (functions/app/license). */
import { z } from 'zod';
import { issueLicense } from '#app/license/issue';
import type { Ports } from '#ports/ports';
import { taskHandler } from './task.ts';

const Input = z.object({
  registrationId: z.string().min(1).max(64),
  creditCode: z.string().length(18),
});

export function handlers(ports: Ports) {
  return {
    issueLicense: taskHandler('IssueLicense', Input, (i) =>
      issueLicense(ports, i.registrationId, i.creditCode),
    ),
  };
}
