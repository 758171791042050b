/**
 * Human tasks: an examiner's review (and an applicant's supplement) waiting on a Step Functions task token.
 *
 *   TASK#<taskId> / TASK   the task: its registration, round, token (never shown), deadline, assignee;
 *                          while open, in its queue on the byOwner index: QUEUE#<kind>#<scope>, <createdAt>#<taskId>,
 *                          and, with a deadline, on the byState index: OPENTASKS, <dueAt>#<taskId>: the first
 *                          deadline (an escalation moves `deadline`, not when the task fell due)
 *
 * The task id is opaque and deterministic (registration and round): a workflow restarted from the
 * beginning opens the same task again and only replaces its token.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HumanTask, TaskKind } from '#domain/human-task';
import type { HumanTaskStore } from '#ports/human-tasks';
import type { Page } from '#ports/page';
import { dynamoDocumentClient } from './clients.ts';
import { conditionFailed } from './conditions.ts';
import { requireEnv } from './config.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const key = (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'TASK' });
/** The byState partition of the open tasks that have a deadline. */
const OPEN_TASKS = 'OPENTASKS';

function strip(item: Record<string, unknown>): HumanTask {
  const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _k, gsi2pk: _h, gsi2sk: _l, ...rest } = item;
  return rest as unknown as HumanTask;
}

export class DynamoHumanTaskStore implements HumanTaskStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  /**
   * Opens the task, or gives an open one its new token and deadline (a restarted execution, or the wait
   * again after an escalation). An update, not a put: the escalation and the assignee stay.
   */
  async open(task: Omit<HumanTask, 'status'>): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key(task.taskId),
        UpdateExpression:
          'SET taskId = :id, kind = :kind, registrationId = :reg, round = :round, #queue = :queue, subject = :subject, #token = :token, #status = :open, ' +
          'deadline = :deadline, calendarMissing = :missing, createdAt = if_not_exists(createdAt, :createdAt), gsi1pk = :gsi1pk, gsi1sk = if_not_exists(gsi1sk, :gsi1sk)' +
          (task.deadline
            ? ', dueAt = if_not_exists(dueAt, :deadline), gsi2pk = :gsi2pk, gsi2sk = if_not_exists(gsi2sk, :gsi2sk) REMOVE decision, doneAt'
            : ' REMOVE decision, doneAt'),
        // A supplement asked for again in the same round reopens its task; a decided review stays decided.
        ConditionExpression: 'attribute_not_exists(pk) OR #status = :open OR kind = :supplement',
        ExpressionAttributeNames: { '#status': 'status', '#queue': 'queue', '#token': 'token' },
        ExpressionAttributeValues: {
          ':id': task.taskId,
          ':kind': task.kind,
          ':reg': task.registrationId,
          ':round': task.round,
          ':queue': task.queue,
          ':subject': task.subject,
          ':token': task.token,
          ':open': 'open',
          ':supplement': 'supplement',
          ':deadline': task.deadline ?? null,
          ':missing': task.calendarMissing ?? null,
          ':createdAt': task.createdAt,
          ':gsi1pk': `QUEUE#${task.kind}#${task.queue}`,
          ':gsi1sk': `${task.createdAt}#${task.taskId}`,
          ...(task.deadline ? { ':gsi2pk': OPEN_TASKS, ':gsi2sk': `${task.deadline}#${task.taskId}` } : {}),
        },
      }),
    );
  }

  async get(taskId: string): Promise<HumanTask | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: key(taskId), ConsistentRead: true }),
    );
    return Item ? strip(Item) : undefined;
  }

  async listOpen(
    kind: TaskKind,
    queue: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<HumanTask>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi1pk = :q',
        ExpressionAttributeValues: { ':q': `QUEUE#${kind}#${queue}` },
        Limit: limit,
        ExclusiveStartKey: decodeCursor<Record<string, unknown>>(`tasks-${kind}`, cursor),
      }),
    );
    return {
      items: (out.Items ?? []).map(strip),
      nextCursor: encodeCursor(`tasks-${kind}`, out.LastEvaluatedKey),
    };
  }

  /** Open tasks whose deadline passed before `now`, the longest overdue first: one Query on byState. */
  async listOverdue(now: Date, cursor: string | undefined, limit: number): Promise<Page<HumanTask>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byState',
        KeyConditionExpression: 'gsi2pk = :open AND gsi2sk < :now',
        ExpressionAttributeValues: { ':open': OPEN_TASKS, ':now': now.toISOString() },
        Limit: limit,
        ExclusiveStartKey: decodeCursor<Record<string, unknown>>('tasks-overdue', cursor),
      }),
    );
    return {
      items: (out.Items ?? []).map(strip),
      nextCursor: encodeCursor('tasks-overdue', out.LastEvaluatedKey),
    };
  }

  /** Closes an open task with its decision; false when it was already done (a second examiner, a retry). */
  async close(taskId: string, decision: string, at: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(taskId),
          UpdateExpression:
            'SET #status = :done, decision = :d, doneAt = :at REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk, dueAt',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':done': 'done',
            ':open': 'open',
            ':d': decision,
            ':at': at.toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /** Sets an open task's field (assignee, escalation); false when it is no longer open. */
  async update(taskId: string, field: 'assignee' | 'escalatedAt', value: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(taskId),
          UpdateExpression: 'SET #f = :v',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status', '#f': field },
          ExpressionAttributeValues: { ':open': 'open', ':v': value },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /** Once per examiner and queue per process: a string set on the queue's roster item. */
  async noteExaminer(queue: string, examiner: string): Promise<void> {
    const seen = `${queue}#${examiner}`;
    if (this.noted.has(seen)) return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: rosterKey(queue),
        UpdateExpression: 'ADD examiners :e',
        ExpressionAttributeValues: { ':e': new Set([examiner]) },
      }),
    );
    this.noted.add(seen);
  }

  async knowsExaminer(queue: string, examiner: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: rosterKey(queue), ConsistentRead: true }),
    );
    return Boolean((Item?.examiners as Set<string> | undefined)?.has(examiner));
  }

  private readonly noted = new Set<string>();
}

/** ROSTER#<queue> / ROSTER: the examiners seen at work in an authority's review queue. */
const rosterKey = (queue: string) => ({ pk: `ROSTER#${queue}`, sk: 'ROSTER' });
