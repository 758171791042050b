/**
 * The license fields of a registered enterprise, taken from its registration: only what a license
 * states. The legal representative contributes a name and nothing else, so no identity number, masked
 * or hashed, can reach the public credential.
 */
import type { EntityType } from '../entity-types.ts';
import { cstDate, endOfCstDay } from '../legal-time.ts';
import type { Money } from '../registration/types.ts';
import { type LicenseFields, licenseFieldsSchema } from './fields.ts';

/** What the registry knows of the enterprise when it issues (a registration's summary and record). */
export interface LicenseSource {
  name: string;
  creditCode: string;
  entityType: EntityType;
  domicile: { address: string };
  legalRepresentative: { name: string };
  registeredCapital?: Money;
  /** Item codes of the scope catalogue, as registered. */
  businessScope: readonly string[];
  /** The instant the enterprise was registered: its establishment date is that day in Beijing. */
  registeredAt: Date;
  /** The last day of a fixed business term (YYYY-MM-DD); none for 长期. */
  businessTermEnd?: string;
}

export interface LicenseContext {
  /** The catalogue name of a scope item code. */
  scopeName(code: string): string | undefined;
  /** The registration authority's name, e.g. 北京市海淀区市场监督管理局. */
  authorityName: string;
  /** The instant of issue: the first license on registration, a later one on reissue. */
  issuedAt: Date;
}

export class UnknownScopeItemError extends RangeError {
  constructor(readonly code: string) {
    super(`business scope item ${code} is not in the catalogue`);
    this.name = 'UnknownScopeItemError';
  }
}

export function licenseFieldsFrom(source: LicenseSource, context: LicenseContext): LicenseFields {
  const establishedOn = cstDate(source.registeredAt);
  const businessScope = source.businessScope.map((code) => {
    const name = context.scopeName(code);
    if (!name) throw new UnknownScopeItemError(code);
    return name;
  });
  return licenseFieldsSchema.parse({
    name: source.name,
    creditCode: source.creditCode,
    entityType: source.entityType,
    domicile: source.domicile.address,
    legalRepresentative: source.legalRepresentative.name,
    ...(source.registeredCapital ? { registeredCapital: source.registeredCapital } : {}),
    establishedOn,
    businessTerm: { from: establishedOn, ...(source.businessTermEnd ? { to: source.businessTermEnd } : {}) },
    businessScope,
    registrationAuthority: context.authorityName,
    issuedOn: cstDate(context.issuedAt),
  });
}

/** The credential's validUntil: 24:00 Beijing time of the term's last day; none for 长期. */
export function licenseValidUntil(fields: LicenseFields): Date | undefined {
  return fields.businessTerm.to ? endOfCstDay(fields.businessTerm.to) : undefined;
}
