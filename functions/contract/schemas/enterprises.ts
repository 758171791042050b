import * as z from 'zod';
import { freeText } from './common.ts';

export const CreditCodeParam = z.object({
  creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'an 18-character Unified Social Credit Code'),
});

export const EnterpriseDisclosure = z
  .object({
    creditCode: z.string(),
    name: z
      .string()
      .describe('the registered name, or the credit code while a correction of the name is pending'),
    entityType: z.string(),
    status: z.enum(['active', 'deregistering', 'deregistered']),
    establishedOn: z.string(),
    registrationAuthority: z.string(),
    nameCorrectionPending: z.boolean(),
  })
  .meta({ id: 'EnterpriseDisclosure' });

export const NameCorrectionRequest = z
  .object({ reason: freeText(2000, 'say why the name must be corrected') })
  .meta({ id: 'NameCorrectionRequest' });

export const CorrectedNameRequest = z
  .object({
    reservationId: z
      .string()
      .regex(/^[0-9A-Za-z_-]{1,64}$/, 'not a reservation id')
      .describe(
        "a reservation of the caller's, status reserved, at the enterprise's authority for its entity type",
      ),
  })
  .meta({ id: 'CorrectedNameRequest' });

export const CorrectedName = EnterpriseDisclosure.extend({
  formerName: z.string().describe('the name the correction replaced'),
  licenseReissue: z
    .literal('started')
    .describe(
      'the license is reissued with the new name (version n+1; version n revoked) by a workflow: GET /v1/licenses/{creditCode} shows it within seconds',
    ),
}).meta({ id: 'CorrectedName' });
