/**
 * The license tasks (functions/app/license): the registration workflow's last step, the enterprise's
 * first e-license; and the license-reissue workflow's one step, a new version after a change of
 * registered details. One module, so both share the one bundle that carries the PDF toolkit.
 */
import * as z from 'zod';
import { issueLicense } from '#app/license/issue';
import { reissueForChange } from '#app/license/reissue';
import type { Ports } from '#ports/ports';
import { taskHandler } from './task.ts';

const Input = z.object({
  registrationId: z.string().min(1).max(64),
  creditCode: z.string().length(18),
});

const ReissueInput = z.object({
  creditCode: z.string().length(18),
  reason: z.string().min(1).max(200),
});

export function handlers(
  ports: Pick<
    Ports,
    | 'clock'
    | 'enterprises'
    | 'keyring'
    | 'licenseDocuments'
    | 'licensePdf'
    | 'licenses'
    | 'licensing'
    | 'registrations'
  >,
) {
  return {
    issueLicense: taskHandler('IssueLicense', Input, (i) =>
      issueLicense(ports, i.registrationId, i.creditCode),
    ),
    reissueLicense: taskHandler('ReissueLicense', ReissueInput, (i) =>
      reissueForChange(ports, i.creditCode, i.reason),
    ),
  };
}
