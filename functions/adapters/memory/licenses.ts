/**
 * The in-memory twin of dynamo-licenses.ts. It shares the registry's state for what an issuance writes
 * beside the license (the enterprise's event sequence and outbox, the registration, the notice, the
 * license request it takes up); the licenses, claims and status lists are its own. Each method checks
 * every condition before it changes anything, as the one transaction does.
 */
import type { OutboxEvent } from '#domain/enterprise';
import type { Notice } from '#domain/notices';
import type {
  IssuanceClaim,
  IssueOutcome,
  LicenseIssuance,
  LicenseRecord,
  LicenseStore,
  Revocation,
  StatusListRecord,
  StatusListWrite,
} from '#ports/licenses';
import { clone, type MemoryRegistry, putNotice, type StoredRegistration } from './registry.ts';

const STATUS_LIST_ENTRIES = 131_072;

export class MemoryLicenseStore implements LicenseStore {
  private readonly licenses = new Map<string, LicenseRecord[]>();
  private readonly claims = new Map<string, IssuanceClaim>();
  private readonly lists = new Map<string, StatusListRecord>();
  private sequence = 0;

  constructor(private readonly registry: MemoryRegistry) {}

  async current(creditCode: string): Promise<LicenseRecord | undefined> {
    const found = this.licenses.get(creditCode)?.at(-1);
    return found ? clone(found) : undefined;
  }

  async get(creditCode: string, version: number): Promise<LicenseRecord | undefined> {
    const found = this.licenses.get(creditCode)?.find((l) => l.version === version);
    return found ? clone(found) : undefined;
  }

  async claimIssuance(creditCode: string, version: number, at: Date): Promise<IssuanceClaim> {
    const key = `${creditCode}#${version}`;
    let claim = this.claims.get(key);
    if (!claim) {
      const seq = this.sequence++;
      claim = {
        statusListId: String(Math.floor(seq / STATUS_LIST_ENTRIES) + 1),
        statusIndex: seq % STATUS_LIST_ENTRIES,
        issuedAt: at.toISOString(),
      };
      this.claims.set(key, claim);
    }
    return clone(claim);
  }

  async issue(issuance: LicenseIssuance): Promise<IssueOutcome> {
    const { license, event, supersedes } = issuance;
    const versions = this.licenses.get(license.creditCode) ?? [];
    if (versions.some((l) => l.version === license.version)) return 'already';
    const enterprise = this.registry.enterprises.get(license.creditCode);
    if (!enterprise) throw new Error(`enterprise ${license.creditCode} does not exist`);
    if (enterprise.eventSeq !== issuance.expectedEventSeq) return 'conflict';
    if (supersedes && !this.revocable(supersedes)) return 'conflict';
    const registration = issuance.registrationId
      ? this.registry.registrations.get(issuance.registrationId)
      : undefined;
    if (issuance.registrationId && !registration)
      throw new Error(`registration ${issuance.registrationId} does not exist`);
    // Every condition holds: apply the whole write.
    if (supersedes) this.applyRevocation(supersedes);
    versions.push(clone(license));
    this.licenses.set(license.creditCode, versions);
    this.append(event);
    enterprise.eventSeq = event.seq;
    if (registration)
      (registration as StoredRegistration & { licenseVersion?: number }).licenseVersion = license.version;
    putNotice(this.registry, issuance.notice as unknown as Notice);
    this.registry.licenseRequests.delete(license.creditCode);
    return 'created';
  }

  async statusList(listId: string): Promise<StatusListRecord | undefined> {
    const found = this.lists.get(listId);
    return found ? clone(found) : undefined;
  }

  async createStatusList(list: Omit<StatusListWrite, 'expectedRevision'>): Promise<boolean> {
    if (this.lists.has(list.listId)) return false;
    this.lists.set(list.listId, { ...clone(list), revision: 1 });
    return true;
  }

  async republishStatusList(list: StatusListWrite): Promise<boolean> {
    const stored = this.lists.get(list.listId);
    if (stored?.revision !== list.expectedRevision) return false;
    const { expectedRevision, ...next } = clone(list);
    this.lists.set(list.listId, { ...next, bits: stored.bits, revision: expectedRevision + 1 });
    return true;
  }

  async revoke(revocation: Revocation & { expectedEventSeq: number }): Promise<IssueOutcome> {
    const license = this.licenses.get(revocation.creditCode)?.find((l) => l.version === revocation.version);
    if (!license) throw new Error(`license ${revocation.creditCode} v${revocation.version} does not exist`);
    if (license.status === 'revoked') return 'already';
    const enterprise = this.registry.enterprises.get(revocation.creditCode);
    if (!enterprise || enterprise.eventSeq !== revocation.expectedEventSeq) return 'conflict';
    if (!this.revocable(revocation)) return 'conflict';
    this.applyRevocation(revocation);
    enterprise.eventSeq = revocation.event.seq;
    return 'created';
  }

  /** Inspection: every version of the enterprise's license, oldest first. */
  versions(creditCode: string): LicenseRecord[] {
    return clone(this.licenses.get(creditCode) ?? []);
  }

  /** Inspection: how many status slots were ever allocated. */
  allocated(): number {
    return this.sequence;
  }

  private revocable(r: Revocation): boolean {
    const license = this.licenses.get(r.creditCode)?.find((l) => l.version === r.version);
    const list = this.lists.get(r.statusList.listId);
    return license?.status === 'active' && list?.revision === r.statusList.expectedRevision;
  }

  private applyRevocation(r: Revocation): void {
    const license = this.licenses.get(r.creditCode)?.find((l) => l.version === r.version);
    if (!license) return;
    license.status = 'revoked';
    license.revokedAt = r.at;
    license.revocationReason = r.reason;
    const list = this.lists.get(r.statusList.listId);
    const { expectedRevision: _, ...next } = clone(r.statusList);
    this.lists.set(r.statusList.listId, { ...next, revision: (list?.revision ?? 0) + 1 });
    this.append(r.event);
  }

  private append(event: OutboxEvent): void {
    const events = this.registry.outbox.get(event.creditCode) ?? [];
    if (events.some((e) => e.seq === event.seq))
      throw new Error(`outbox event ${event.creditCode}#${event.seq} exists`);
    this.registry.outbox.set(event.creditCode, [...events, clone(event)]);
  }
}
