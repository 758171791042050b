/**
 * The cloud's item-level grants, held in the integration tier. IAM keeps each Lambda function to the key
 * prefixes, buckets prefixes and workflows its route or task declares (infra/cloud/table-grants.ts); the
 * local runtime has no IAM, so a handler that reached further would pass every test here and fail only
 * once deployed. This recorder sits on the SDK clients of the runtime's process and attributes every
 * call to the handler whose invocation is running (infra/local/lambda.ts `invocation`); a call the
 * handler's declaration does not cover is refused as IAM would refuse it (AccessDenied), and listed
 * again when the tier ends. What runs outside an invocation (the local push relay, the boot sweep, the
 * seeding, the engines' own logs) is not a Lambda function here and is not held.
 *
 * `TABLE_ACCESS=record` records without refusing; `TABLE_ACCESS_LOG=<file>` writes what each function
 * did, by family, when the tier ends.
 */
import { writeFileSync } from 'node:fs';
import type { MiddlewareStack } from '@smithy/types';
import { dynamoDocumentClient, s3Client, stepFunctionsClient } from '#adapters/clients';
import { indexFamilyOf, routeTableGrant, type TableGrant, tableFamilyOf } from '#contract/item-families';
import { CLOUD_ROUTES } from '#contract/routes';
import { REGISTRY_TABLE } from '#contract/tables';
import { WORKFLOWS } from '#contract/workflows';
import { type HandlerRef, invocation } from '../../infra/local/lambda.ts';

type Level = 'read' | 'write' | 'readWrite' | undefined;

/** What one deployed function may do, from its route or its task. */
interface Declared {
  name: string;
  table: TableGrant;
  starts: readonly string[];
  stops: readonly string[];
  answers: boolean;
  materials: Level;
  licensePdfs: Level;
}

function declaredFunctions(): Map<string, Declared[]> {
  const byHandler = new Map<string, Declared[]>();
  const add = (ref: HandlerRef, d: Declared) =>
    byHandler.set(refKey(ref), [...(byHandler.get(refKey(ref)) ?? []), d]);
  for (const route of CLOUD_ROUTES) {
    const g = route.grants ?? {};
    add(route.handler, {
      name: route.id,
      table: routeTableGrant(route),
      starts: g.startWorkflows ?? [],
      stops: g.stopWorkflows ?? [],
      answers: Boolean(g.answerWorkflows?.length),
      materials: g.documentsBucket,
      licensePdfs: g.licenseDocuments,
    });
  }
  for (const workflow of WORKFLOWS)
    for (const [taskId, task] of Object.entries(workflow.tasks)) {
      const g = task.grants ?? {};
      add(task, {
        name: `${workflow.name}:${taskId}`,
        table: g.registryTable ?? {},
        starts: g.startWorkflows ?? [],
        stops: [],
        answers: Boolean(g.answerOwnCallbacks),
        materials: g.documentsBucket,
        licensePdfs: g.licenseDocuments,
      });
    }
  return byHandler;
}

const refKey = (ref: HandlerRef) => `${ref.entry}#${ref.export}`;

/** One access as the recorder names it: `read ENT`, `query byOwner ownerListing`, `start registration`. */
export type Access = string;

/** Is this access covered by what the function declares? */
function covered(d: Declared, access: Access): boolean {
  const [verb, a, b] = access.split(' ');
  const table = d.table;
  const canRead = (level: Level) => level === 'read' || level === 'readWrite';
  const canWrite = (level: Level) => level === 'write' || level === 'readWrite';
  switch (verb) {
    case 'read':
      return (table.read as readonly string[] | undefined)?.includes(a ?? '') ?? false;
    case 'write':
      return (table.write as readonly string[] | undefined)?.includes(a ?? '') ?? false;
    case 'query':
      return (table.query as readonly string[] | undefined)?.includes(b ?? '') ?? false;
    case 'start':
      return d.starts.includes(a ?? '');
    case 'stop':
      return d.stops.includes(a ?? '');
    case 'answer':
      return d.answers;
    case 's3get':
      return a === 'materials/' ? canRead(d.materials) : a === 'licenses/' ? canRead(d.licensePdfs) : false;
    case 's3put':
      return a === 'materials/' ? canWrite(d.materials) : a === 'licenses/' ? canWrite(d.licensePdfs) : false;
    default:
      return false;
  }
}

type Input = Record<string, unknown>;
type Value = string | { S?: string } | undefined;

const str = (v: unknown): string => {
  const value = v as Value;
  return typeof value === 'string' ? value : (value?.S ?? '?');
};
const family = (pk: unknown) => tableFamilyOf(str(pk)) ?? `unknown:${str(pk)}`;

/** The accesses a DynamoDB request makes on the registry table, in IAM's terms. */
function tableAccesses(command: string, input: Input, table: string): Access[] {
  const onTable = (name: unknown) => name === table;
  const keyed = (verb: 'read' | 'write', item: Input | undefined) =>
    item ? [`${verb} ${family(item.pk)}`] : [];
  switch (command) {
    case 'GetItemCommand':
      return onTable(input.TableName) ? keyed('read', input.Key as Input) : [];
    case 'PutItemCommand':
      return onTable(input.TableName) ? keyed('write', input.Item as Input) : [];
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return onTable(input.TableName) ? keyed('write', input.Key as Input) : [];
    case 'QueryCommand':
      return onTable(input.TableName) ? [queryAccess(input)] : [];
    case 'ScanCommand':
      return onTable(input.TableName) ? ['scan'] : [];
    case 'BatchGetItemCommand': {
      const request = (input.RequestItems as Record<string, { Keys: Input[] }>)[table];
      return (request?.Keys ?? []).flatMap((k) => keyed('read', k));
    }
    case 'BatchWriteItemCommand': {
      const request = (input.RequestItems as Record<string, Input[]>)[table] ?? [];
      return request.flatMap((r) =>
        keyed('write', ((r.PutRequest as Input)?.Item ?? (r.DeleteRequest as Input)?.Key) as Input),
      );
    }
    case 'TransactWriteItemsCommand':
      return (input.TransactItems as Input[]).flatMap((t) => {
        const [kind, op] = Object.entries(t)[0] as [string, Input];
        if (!onTable(op.TableName)) return [];
        if (kind === 'ConditionCheck') return keyed('read', op.Key as Input);
        return keyed('write', (kind === 'Put' ? op.Item : op.Key) as Input);
      });
    case 'TransactGetItemsCommand':
      return (input.TransactItems as { Get: Input }[]).flatMap((t) =>
        onTable(t.Get.TableName) ? keyed('read', t.Get.Key as Input) : [],
      );
    default:
      return onTable(input.TableName) ? [`other ${command}`] : [];
  }
}

/** A Query names its partition in the key condition's first equality: `gsi1pk = :p AND …`. */
function queryAccess(input: Input): Access {
  const condition = String(input.KeyConditionExpression ?? '');
  const [, rawName, placeholder] = condition.match(/^\s*([#\w]+)\s*=\s*(:\w+)/) ?? [];
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const attribute = rawName?.startsWith('#') ? names[rawName] : rawName;
  const value = str((input.ExpressionAttributeValues as Input | undefined)?.[placeholder ?? '']);
  const index = input.IndexName as string | undefined;
  if (!index) return attribute === REGISTRY_TABLE.partitionKey.name ? `read ${family(value)}` : 'query ?';
  return `query ${index} ${indexFamilyOf(index, value) ?? `unknown:${value}`}`;
}

const workflowOfArn = (arn: string) =>
  WORKFLOWS.find((w) => {
    const machine = process.env[w.envVar];
    return (
      machine && (arn === machine || arn.startsWith(`${machine.replace(':stateMachine:', ':execution:')}:`))
    );
  })?.name ?? `unknown:${arn}`;

function stepFunctionsAccesses(command: string, input: Input): Access[] {
  if (command === 'StartExecutionCommand') return [`start ${workflowOfArn(String(input.stateMachineArn))}`];
  if (command === 'StopExecutionCommand') return [`stop ${workflowOfArn(String(input.executionArn))}`];
  if (command === 'SendTaskSuccessCommand' || command === 'SendTaskFailureCommand') return ['answer'];
  return [];
}

function s3Accesses(command: string, input: Input): Access[] {
  const key = String(input.Key ?? '');
  const prefix = key.slice(0, key.indexOf('/') + 1) || key;
  if (command === 'GetObjectCommand' || command === 'HeadObjectCommand') return [`s3get ${prefix}`];
  if (command === 'PutObjectCommand') return [`s3put ${prefix}`];
  return [];
}

export interface TableAccessRecorder {
  /** Accesses a declaration did not cover: `<function>: <access>`. */
  violations(): string[];
  /** Writes the log (if asked) and throws when a function reached beyond its grants. */
  finish(): void;
}

export function recordTableAccess(): TableAccessRecorder {
  const enforce = process.env.TABLE_ACCESS !== 'record';
  const declared = declaredFunctions();
  const seen = new Map<string, Set<Access>>();
  const denied = new Set<string>();
  const table = process.env[REGISTRY_TABLE.envVar];
  if (!table) throw new Error(`${REGISTRY_TABLE.envVar} is not set: start the runtime first`);

  const hold = (service: string, accessesOf: (command: string, input: Input) => Access[]) =>
    ({
      applyToStack: (stack: MiddlewareStack<object, object>) =>
        stack.add(
          (next, context) => async (args) => {
            const ref = invocation.getStore();
            const functions = ref ? declared.get(refKey(ref)) : undefined;
            if (functions) {
              const accesses = accessesOf(context.commandName ?? '', args.input as Input);
              for (const fn of functions)
                for (const access of accesses) {
                  seen.set(fn.name, (seen.get(fn.name) ?? new Set()).add(access));
                  if (covered(fn, access)) continue;
                  denied.add(`${fn.name}: ${access}`);
                  if (enforce) {
                    const error = new Error(
                      `${fn.name} is not granted ${service} ${access} (its route or task declares its grants)`,
                    );
                    error.name = 'AccessDeniedException';
                    throw error;
                  }
                }
            }
            return next(args);
          },
          { step: 'build', name: `hold-${service}-grants`, priority: 'high' },
        ),
    }) as never;

  dynamoDocumentClient().middlewareStack.use(hold('dynamodb', (c, i) => tableAccesses(c, i, table)));
  stepFunctionsClient().middlewareStack.use(hold('states', stepFunctionsAccesses));
  s3Client().middlewareStack.use(hold('s3', s3Accesses));

  return {
    violations: () => [...denied].sort(),
    finish() {
      const log = process.env.TABLE_ACCESS_LOG;
      if (log) {
        const out = Object.fromEntries([...seen].sort().map(([name, set]) => [name, [...set].sort()]));
        writeFileSync(log, `${JSON.stringify(out, null, 2)}\n`);
      }
      if (denied.size > 0)
        throw new Error(
          `functions reached beyond their declared grants (functions/contract/routes/*.ts, workflows.ts):\n  ${[...denied].sort().join('\n  ')}`,
        );
    },
  };
}
