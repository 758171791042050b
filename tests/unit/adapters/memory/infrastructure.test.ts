import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manualClock, SequentialIds } from '#adapters/memory/clock';
import { memoryPorts } from '#adapters/memory/ports';
import { readSettings } from '#contract/settings';
import { parseDuration } from '#domain/legal-time';
import { MATERIAL_ID } from '#domain/material';
import { later, T0 } from './fixtures.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('MemoryDocumentStore', () => {
  it('presigns a memory:// upload with the headers S3 would sign', async () => {
    const { documents } = memoryPorts();
    const declared = { contentType: 'application/pdf', size: 5, sha256: sha256('hello') };
    const upload = await documents.presignPut('materials/m1', declared, T0, 900);
    expect(upload.url).toMatch(/^memory:\/\/documents\/materials\/m1\?/);
    expect(upload.headers).toEqual({
      'content-type': 'application/pdf',
      'content-length': '5',
      'x-amz-checksum-sha256': Buffer.from(declared.sha256, 'hex').toString('base64'),
    });
    expect(upload.expiresAt).toEqual(later(900_000));
    expect(documents.presigned.get('materials/m1')).toEqual(declared);
  });

  it('digests what landed: missing, a size mismatch without hash, or the hash', async () => {
    const { documents } = memoryPorts();
    expect(await documents.digest('materials/m1', 5)).toEqual({ state: 'missing' });
    documents.put('materials/m1', 'hello', 'Application/PDF; charset=binary');
    expect(await documents.digest('materials/m1', 4)).toEqual({
      state: 'present',
      contentType: 'application/pdf',
      size: 5,
    });
    expect(await documents.digest('materials/m1', 5)).toEqual({
      state: 'present',
      contentType: 'application/pdf',
      size: 5,
      sha256: sha256('hello'),
    });
    expect(documents.get('materials/m1')).toEqual(new TextEncoder().encode('hello'));
  });
});

describe('MemorySealer', () => {
  it('round-trips, never seals one text the same way twice, and refuses what it did not seal', async () => {
    const { sealer } = memoryPorts();
    const a = await sealer.seal('44030519850312001X 张伟');
    expect(a).toMatch(/^v1\.memory\./);
    expect(await sealer.seal('44030519850312001X 张伟')).not.toBe(a);
    expect(await sealer.unseal(a)).toBe('44030519850312001X 张伟');
    await expect(sealer.unseal(a.replace('v1.memory.', 'v1.local.'))).rejects.toThrow(/memory sealer/);
    await expect(memoryPorts().sealer.unseal(a)).rejects.toThrow();
    // v1.memory.<iv>.<tag>.<body>: a changed first character of the tag changes its first byte.
    const parts = a.split('.');
    const tag = parts[3]!;
    parts[3] = (tag.startsWith('A') ? 'B' : 'A') + tag.slice(1);
    const tampered = parts.join('.');
    await expect(sealer.unseal(tampered)).rejects.toThrow();
  });
});

describe('RecordingWorkflowEngine and MemoryExecutionObserver', () => {
  it('records a start once per name, calls the hook once, and shows it running', async () => {
    const ports = memoryPorts({ now: T0 });
    const seen: string[] = [];
    ports.workflows.onStart = (workflow, name) => seen.push(`${workflow}/${name}`);
    await ports.workflows.start('registration', 'registration--reg-1', { registrationId: 'reg-1' });
    expect(await ports.workflows.start('registration', 'registration--reg-1', { other: 1 })).toEqual({
      executionId: 'registration--reg-1',
    });
    expect(ports.workflows.started).toEqual([
      { workflow: 'registration', executionName: 'registration--reg-1', input: { registrationId: 'reg-1' } },
    ]);
    expect(seen).toEqual(['registration/registration--reg-1']);
    expect(await ports.observer.describe('registration', 'registration--reg-1')).toMatchObject({
      status: 'RUNNING',
      startDate: T0,
    });
    await expect(ports.workflows.start('nope', 'x', {})).rejects.toThrow(RangeError);
  });

  it('records stops (aborting a running execution) and task answers', async () => {
    const ports = memoryPorts({ now: T0 });
    await ports.workflows.start('registration', 'registration--reg-1', {});
    ports.clock.advance(1000);
    await ports.workflows.stop('registration', 'registration--reg-1', 'withdrawn');
    await ports.workflows.stop('registration', 'never-started', 'withdrawn');
    await ports.workflows.sendTaskSuccess('token-1', { decision: 'approve' });
    expect(ports.workflows.stopped.map((s) => s.executionName)).toEqual([
      'registration--reg-1',
      'never-started',
    ]);
    expect(ports.workflows.taskSuccesses).toEqual([{ token: 'token-1', output: { decision: 'approve' } }]);
    expect(await ports.observer.describe('registration', 'registration--reg-1')).toMatchObject({
      status: 'ABORTED',
      stopDate: later(1000),
    });
  });

  it('describes what it recorded, and nothing else', async () => {
    const { observer } = memoryPorts();
    observer.record({
      executionName: 'registration--a',
      workflow: 'registration',
      status: 'FAILED',
      startDate: later(0),
      input: {},
      states: [],
    });
    expect(await observer.describe('registration', 'registration--a')).toMatchObject({ status: 'FAILED' });
    expect(await observer.describe('registration', 'missing')).toBeUndefined();
    await expect(observer.describe('nope', 'x')).rejects.toThrow(RangeError);
  });
});

describe('manualClock and SequentialIds', () => {
  it('moves only when told', () => {
    const clock = manualClock(T0);
    const now = clock.now();
    now.setFullYear(2000);
    expect(clock.now()).toEqual(T0);
    expect(clock.advance(1000)).toEqual(later(1000));
    expect(clock.set('2027-01-01T00:00:00Z')).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(() => manualClock('not a date')).toThrow(RangeError);
  });

  it('makes material-shaped ids that sort by time, then by creation, the same on every run', () => {
    const ids = new SequentialIds();
    const made = [ids.newId(later(5)), ids.newId(T0), ids.newId(T0), ids.newId(later(5))];
    for (const id of made) expect(id).toMatch(MATERIAL_ID);
    expect([...made].sort()).toEqual([made[1], made[2], made[0], made[3]]);
    expect(new Set(made).size).toBe(4);
    expect(new SequentialIds().newId(later(5))).toBe(made[0]);
  });
});

describe('memoryPorts', () => {
  it('reads the default settings, overridden where asked', () => {
    const preApproval = parseDuration('P6M');
    const ports = memoryPorts({
      settings: { reservationPeriods: { standard: parseDuration('P1M'), preApproval } },
    });
    expect(ports.settings.reservationPeriods.preApproval).toEqual(preApproval);
    expect(ports.settings.reviewPeriod).toEqual(readSettings({}).reviewPeriod);
  });

  it('takes a clock of the test’s own', () => {
    const clock = { now: () => new Date(T0) };
    expect(memoryPorts({ clock }).clock).toBe(clock);
  });
});
