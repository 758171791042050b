/**
 * The push's operator side on DynamoDB Local: the Dynamo delivery store on a table of its own (the
 * runtime's relay and worker never touch it, so the test drives every step), with its sealed webhook
 * secret, skip, receipts and counters, and the per-department overview in a bounded number of round
 * trips; then the routes over HTTP on the runtime (skip, overview, unknown department codes).
 */
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsAdapters } from '#adapters/aws-ports';
import { dynamoDocumentClient, roundTrips } from '#adapters/clients';
import { DynamoDeliveryStore } from '#adapters/dynamo-deliveries';
import { keys } from '#adapters/keys';
import { manualClock } from '#adapters/memory/clock';
import { LocalFileSealer } from '#adapters/sealer';
import { LocalKeyring } from '#adapters/signer-local';
import { deliverDue } from '#app/push/deliver';
import { acknowledge, pullEvents } from '#app/push/inbox';
import { departmentOverview, listDeliveries, redrive, skip } from '#app/push/operators';
import { relayOutboxEvent } from '#app/push/relay';
import { registerWebhook } from '#app/push/webhooks';
import { REGISTRY_TABLE } from '#contract/tables';
import type { Caller } from '#domain/caller';
import { composeCreditCode } from '#domain/credit-code';
import { knownDepartments } from '#domain/push/recipients';
import type { WebhookSender } from '#ports/webhook-sender';
import { createTableInput } from '../../infra/local/bootstrap.ts';
import { DOMESTIC, FOREIGN, lifeOf } from '../unit/push/fixtures.ts';
import { call, eventually, runtime, tokenFor } from './support.ts';

const T0 = new Date('2026-11-20T02:00:00.000Z');
const TABLE = `push-operators-${process.pid}`;
const FACTS = { entityType: 'limited_liability_company', scopeCodes: ['I65001'] };
const POLICY = { random: () => 0.5, policy: { baseMs: 1000, capMs: 10_000, maxAttempts: 2 } };
const tax: Caller = { sub: 'tax-system', role: 'department', departmentCode: 'tax' };
const hrss: Caller = { sub: 'hrss-system', role: 'department', departmentCode: 'hrss' };
const operator: Caller = { sub: 'op-li', role: 'operator' };

describe('the delivery store in DynamoDB: sealed secrets, skip, counters, the overview', () => {
  const doc = () => dynamoDocumentClient();
  let ports: ReturnType<typeof portsOf>;
  let db: DynamoDBClient | undefined;
  let up = false;
  const sent: string[] = [];
  const send: WebhookSender = async (c) => {
    if (!up) return { ok: false, status: 503, error: 'HTTP 503' };
    sent.push(JSON.parse(c.body).sequence);
    return { ok: true, status: 204 };
  };

  function portsOf() {
    const { url, dataDir } = runtime();
    const aws = awsAdapters(() => new LocalFileSealer(join(dataDir, 'keys', 'sealing-key')), {
      keyring: () => new LocalKeyring(join(dataDir, 'keys', 'license')),
      baseUrl: () => url,
    });
    return {
      deliveries: new DynamoDeliveryStore(doc(), TABLE),
      clock: manualClock(T0),
      sealer: aws.sealer,
      keyring: aws.keyring,
      settings: aws.settings,
      licensing: aws.licensing,
      metrics: aws.metrics,
    };
  }

  beforeAll(async () => {
    const { env } = runtime();
    const { stream: _none, ...schema } = REGISTRY_TABLE;
    db = new DynamoDBClient({
      endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await db.send(new CreateTableCommand(createTableInput({ ...schema, id: TABLE })));
    ports = portsOf();
  });

  afterAll(async () => {
    await db?.send(new DeleteTableCommand({ TableName: TABLE }));
    db?.destroy();
  });

  const relay = async (events: ReturnType<typeof lifeOf>) => {
    for (const e of events) {
      await doc().send(
        new PutCommand({
          TableName: TABLE,
          Item: { ...keys.outbox(e.creditCode, e.seq), ...e, delivery: 'pending' },
        }),
      );
      await relayOutboxEvent(ports, e, FACTS);
    }
  };

  it('stores the webhook secret sealed: the item holds no whsec_', async () => {
    const hook = await registerWebhook(ports, tax, 'tax', 'http://127.0.0.1:9/tax', 'local');
    const { Item } = await doc().send(new GetCommand({ TableName: TABLE, Key: keys.webhook('tax') }));
    expect(Item).toBeDefined();
    expect(JSON.stringify(Item)).not.toContain('whsec_');
    expect(JSON.stringify(Item)).not.toContain(hook.secret.slice('whsec_'.length));
    expect(await ports.sealer.unseal(String(Item!.sealedSecret))).toBe(hook.secret);
  });

  it('parks, counts, acknowledges in parallel, skips, and releases the pair', async () => {
    await relay(lifeOf(DOMESTIC).slice(0, 3));
    for (let i = 0; i < 3; i++) {
      await deliverDue(ports, ports.clock.now(), send, POLICY);
      ports.clock.advance(60_000);
    }
    const [parked] = (await listDeliveries(ports, operator, 'failed', undefined, 10)).items;
    expect(parked).toMatchObject({ department: 'tax', sequence: 1, status: 'failed' });
    let view = await departmentOverview(ports, operator);
    expect(view.find((d) => d.department === 'tax')).toMatchObject({
      sent: 3,
      acknowledged: 0,
      outstanding: 3,
      failed: 1,
      oldestUnacknowledgedAt: T0.toISOString(),
      oldestUnacknowledgedAgeSeconds: 180,
      webhook: { status: 'failing' },
    });

    // Receipts at once: each moves its department's counter in its own transaction, none lost.
    const taxIds = (await pullEvents(ports, tax, 'tax', undefined, 10)).items.map((i) => i.event.id);
    const hrssIds = (await pullEvents(ports, hrss, 'hrss', undefined, 10)).items.map((i) => i.event.id);
    await Promise.all([
      ...taxIds.slice(0, 2).map((id) => acknowledge(ports, tax, 'tax', id)),
      ...hrssIds.map((id) => acknowledge(ports, hrss, 'hrss', id)),
    ]);
    view = await departmentOverview(ports, operator);
    expect(view.find((d) => d.department === 'tax')).toMatchObject({ acknowledged: 2, outstanding: 1 });
    expect(view.find((d) => d.department === 'tax')?.oldestUnacknowledgedAt).toBe(T0.toISOString());
    expect(view.find((d) => d.department === 'hrss')).toMatchObject({ sent: 3, outstanding: 0 });
    expect(view.find((d) => d.department === 'hrss')).not.toHaveProperty('oldestUnacknowledgedAt');

    // A skip racing a redrive writes nothing; the skip of the parked one releases its pair.
    const stale = (await ports.deliveries.get(parked!.id))!;
    await redrive(ports, operator, parked!.id);
    expect(await ports.deliveries.settle(stale, { status: 'skipped', attempts: 2 }, ports.clock.now())).toBe(
      false,
    );
    await deliverDue(ports, ports.clock.now(), send, POLICY);
    ports.clock.advance(60_000);
    await deliverDue(ports, ports.clock.now(), send, POLICY);
    expect((await ports.deliveries.get(parked!.id))?.status).toBe('failed');
    up = true;
    const skipped = await skip(ports, operator, parked!.id, 'registered at the tax bureau by hand');
    expect(skipped).toMatchObject({ status: 'skipped', skippedBy: 'op-li', lastError: 'HTTP 503' });
    await expect(skip(ports, operator, parked!.id, 'again')).rejects.toMatchObject({ code: 'not-failed' });
    for (let i = 0; i < 3; i++) await deliverDue(ports, ports.clock.now(), send, POLICY);
    expect(sent).toEqual(['0000000002', '0000000003']);
    expect((await departmentOverview(ports, operator)).find((d) => d.department === 'tax')?.failed).toBe(0);
    expect((await pullEvents(ports, tax, 'tax', undefined, 10)).items.map((i) => i.event.id)).toContain(
      parked!.id,
    );
  });

  it('reads the overview in 1 + departments round trips, however much the inboxes hold', async () => {
    const tripsOf = async () => {
      const before = roundTrips().dynamodb;
      await departmentOverview(ports, operator);
      return roundTrips().dynamodb - before;
    };
    const small = await tripsOf();
    await relay([...lifeOf(FOREIGN, true), ...lifeOf(DOMESTIC).slice(3)]);
    expect(await tripsOf()).toBe(small);
    expect(small).toBe(1 + knownDepartments().length);
  });

  it('lets one of several skips and redrives racing on a parked delivery win, and answers the rest 409', async () => {
    const code = composeCreditCode({
      authorityCode: '9',
      entityTypeCode: '1',
      division: '110108',
      organizationBody: 'MA01R4CE',
    });
    up = false;
    await relay(lifeOf(code).slice(0, 1));
    for (let i = 0; i < 2; i++) {
      await deliverDue(ports, ports.clock.now(), send, POLICY);
      ports.clock.advance(60_000);
    }
    const failed = await listDeliveries(ports, operator, 'failed', undefined, 100);
    const parked = failed.items.find((d) => d.creditCode === code && d.department === 'tax')!;
    expect(parked).toMatchObject({ status: 'failed' });
    const parkedCount = async () =>
      (await departmentOverview(ports, operator)).find((d) => d.department === 'tax')?.failed;
    const before = await parkedCount();

    const outcomes = await Promise.allSettled(
      [0, 1, 2, 3, 4, 5].map((i) =>
        i % 2 ? redrive(ports, operator, parked.id) : skip(ports, operator, parked.id, `race ${i}`),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected'))
      expect(o.reason).toMatchObject({ name: 'ConflictError', code: 'not-failed' });
    expect(['skipped', 'pending']).toContain((await ports.deliveries.get(parked.id))?.status);
    expect(await parkedCount()).toBe(before! - 1);
    up = true;
  });
});

describe('the operator routes and unknown department codes, over HTTP', () => {
  const code = composeCreditCode({
    authorityCode: '9',
    entityTypeCode: '1',
    division: '110108',
    organizationBody: 'MQ000001',
  });
  let operatorToken: string;

  beforeAll(async () => {
    runtime();
    operatorToken = await tokenFor({ role: 'operator', sub: 'op-http' });
  });

  it('skips only a failed delivery (404 unknown, 409 not failed, 400 without a reason)', async () => {
    const { url, dataDir } = runtime();
    const aws = awsAdapters(() => new LocalFileSealer(join(dataDir, 'keys', 'sealing-key')), {
      keyring: () => new LocalKeyring(join(dataDir, 'keys', 'license')),
      baseUrl: () => url,
    });
    const [event] = lifeOf(code);
    await aws.enterprises.seed({
      creditCode: code,
      name: String(event!.data.name),
      entityType: 'limited_liability_company',
      status: 'active',
      establishedOn: '2026-11-20',
      registrationAuthority: '110108',
      registrationId: 'push-operators-http',
      ownerSub: 'push-operators',
      eventSeq: 1,
    });
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: REGISTRY_TABLE.id,
        Item: { ...keys.outbox(code, 1), ...event, delivery: 'pending' },
      }),
    );
    // Statistics has no webhook: its delivery is left to its inbox (status `inbox`), never failed.
    const id = `${event!.id}:statistics`;
    await eventually(async () => ((await aws.deliveries.get(id))?.status === 'inbox' ? true : undefined));
    const skipIt = (deliveryId: string, body: unknown, token = operatorToken) =>
      call('POST', `/v1/ops/deliveries/${deliveryId}/skip`, { token, body });
    expect((await skipIt(id, { reason: 'nothing to push' })).status).toBe(409);
    expect((await skipIt('nope:statistics', { reason: 'x' })).status).toBe(404);
    expect((await skipIt(id, {})).status).toBe(400);
    const statistics = await tokenFor({ role: 'department', sub: 'st', departmentCode: 'statistics' });
    expect((await skipIt(id, { reason: 'x' }, statistics)).status).toBe(403);
  });

  it('lists every department with its webhook, outstanding events and parked deliveries', async () => {
    const r = await call<{ items: Array<Record<string, unknown>> }>('GET', '/v1/ops/departments', {
      token: operatorToken,
    });
    expect(r.status).toBe(200);
    expect(r.body.items.map((d) => d.department)).toEqual(knownDepartments());
    const statistics = r.body.items.find((d) => d.department === 'statistics')!;
    expect(statistics).toMatchObject({ webhook: { status: 'disabled', url: null }, failed: 0 });
    expect(statistics.outstanding).toBeGreaterThan(0);
    expect(statistics.oldestUnacknowledgedAgeSeconds).toEqual(expect.any(Number));
    const applicant = await tokenFor({ role: 'applicant', sub: 'nosy' });
    expect((await call('GET', '/v1/ops/departments', { token: applicant })).status).toBe(403);
  });

  it('answers 404 for a department code that is not one, and issues no token for it', async () => {
    const refused = await call<{ detail: string }>('POST', '/v1/dev/tokens', {
      body: { role: 'department', sub: 'x', departmentCode: 'housingfund' },
    });
    expect(refused.status).toBe(400);
    for (const known of knownDepartments()) expect(refused.body.detail).toContain(known);
    const housing = await tokenFor({ role: 'department', sub: 'hf', departmentCode: 'housingFund' });
    expect((await call('GET', '/v1/departments/housingFund/events', { token: housing })).status).toBe(200);
    for (const path of ['events', 'webhook', 'reconciliation?date=2026-11-20'])
      expect((await call('GET', `/v1/departments/housingfund/${path}`, { token: housing })).status).toBe(404);
    for (const path of ['webhook', 'reconciliation?date=2026-11-20'])
      expect((await call('GET', `/v1/departments/nosuch/${path}`, { token: operatorToken })).status).toBe(
        404,
      );
    const put = await call('PUT', '/v1/departments/nosuch/webhook', {
      token: housing,
      body: { url: 'http://127.0.0.1:9/x' },
    });
    expect(put.status).toBe(404);
    expect(
      (await call('POST', '/v1/departments/nosuch/events/e-1:nosuch/receipt', { token: housing })).status,
    ).toBe(404);
  });
});
