import * as z from 'zod';
import { REGISTRY_LISTS } from '#domain/deregistration/rules';
import { freeText } from './common.ts';
import { CreditCodeParam } from './enterprises.ts';

const CreditCode = CreditCodeParam.shape.creditCode;
const Name = z.string().trim().min(1).max(100);

export const DeregistrationRequest = z
  .object({
    creditCode: CreditCode,
    commitment: z.object({
      debtsSettled: z
        .boolean()
        .describe('the investors commit that every debt is settled (or there were none)'),
      signatories: z
        .array(Name)
        .min(1, 'every investor signs the commitment')
        .max(200)
        .describe("every investor's name, as on record"),
    }),
    autoConfirm: z
      .boolean()
      .optional()
      .describe('the filing counts as the application to deregister once the window passes (default true)'),
  })
  .meta({ id: 'DeregistrationRequest' });

export const DeregistrationParams = z.object({ id: z.string().min(1).max(64) });

const Timeline = z.array(
  z.object({ step: z.string(), status: z.string(), at: z.string(), detail: z.string().optional() }),
);

export const DeregistrationView = z
  .object({
    id: z.string(),
    creditCode: z.string(),
    name: z.string(),
    status: z.enum([
      'checking',
      'announced',
      'awaiting_confirmation',
      'deregistering',
      'deregistered',
      'rejected',
      'lapsed',
    ]),
    autoConfirm: z.boolean(),
    announcementEndsAt: z.string(),
    confirmationDeadline: z.string(),
    commitment: z.object({ debtsSettled: z.boolean(), signatories: z.array(z.string()), text: z.string() }),
    timeline: Timeline,
    objections: z.array(z.object({ id: z.string(), reason: z.string(), at: z.string() })),
    reasons: z
      .array(z.object({ rule: z.string(), message: z.string(), messageEn: z.string(), basis: z.string() }))
      .optional(),
    rulesVersion: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Deregistration' });

export const DeregistrationAccepted = z
  .object({ id: z.string(), status: z.string(), announcementEndsAt: z.string() })
  .meta({ id: 'DeregistrationAccepted' });

export const ObjectionRequest = z
  .object({ reason: freeText(2000, 'say what the objection is') })
  .meta({ id: 'ObjectionRequest' });

export const ObjectionView = z
  .object({ id: z.string(), deregistrationId: z.string(), reason: z.string(), at: z.string() })
  .meta({ id: 'Objection' });

export const AnnouncementView = z
  .object({
    deregistrationId: z.string(),
    creditCode: z.string(),
    name: z.string(),
    commitment: z.string(),
    announcedAt: z.string(),
    endsAt: z.string(),
    lastDay: z.string(),
  })
  .meta({ id: 'Announcement' });

export const RegistryListParams = z.object({ list: z.enum(REGISTRY_LISTS) });
export const RegistryEntryParams = RegistryListParams.extend({ creditCode: CreditCode });
export const RegistryEntryRequest = z
  .object({ reason: freeText(2000, 'say why the enterprise is on the list') })
  .meta({ id: 'RegistryEntryRequest' });
export const RegistryEntryView = z
  .object({
    list: z.string(),
    creditCode: z.string(),
    reason: z.string(),
    addedBy: z.string(),
    addedAt: z.string(),
    authority: z.string(),
  })
  .meta({ id: 'RegistryListEntry' });

export const RegistryEntryRemoved = z
  .object({
    list: z.string(),
    creditCode: z.string(),
    removed: z.literal(true),
    removedBy: z.string(),
    at: z.string(),
  })
  .meta({ id: 'RegistryEntryRemoved' });
