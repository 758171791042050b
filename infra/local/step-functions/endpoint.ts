/**
 * A Step Functions API endpoint on loopback (the awsJson1.0 protocol the SDK speaks), backed by the local
 * engine. Handlers use the real `@aws-sdk/client-sfn` against it, exactly as they do against AWS.
 * It binds 127.0.0.1 only and has no authentication, like DynamoDB Local: the local runtime is for one machine.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LocalStepFunctions, SfnError } from './engine.ts';
import type { ExecutionRecord } from './execution-log.ts';

type Body = Record<string, unknown>;

const summaryOf = (r: ExecutionRecord) => ({
  executionArn: r.executionArn,
  stateMachineArn: r.stateMachineArn,
  name: r.name,
  status: r.status,
  startDate: r.startDate,
  ...(r.stopDate ? { stopDate: r.stopDate } : {}),
});

const describeOf = (r: ExecutionRecord) => ({
  ...summaryOf(r),
  input: r.input,
  ...(r.output !== undefined ? { output: r.output } : {}),
  ...(r.error ? { error: r.error, cause: r.cause } : {}),
});

function operations(engine: LocalStepFunctions): Record<string, (b: Body) => Promise<unknown>> {
  const str = (b: Body, k: string) => {
    const v = b[k];
    if (typeof v !== 'string') throw new SfnError('ValidationException', `${k} is required`);
    return v;
  };
  return {
    StartExecution: async (b) => {
      const r = await engine.startExecution(
        str(b, 'stateMachineArn'),
        typeof b.name === 'string' ? b.name : crypto.randomUUID(),
        typeof b.input === 'string' ? b.input : '{}',
      );
      return { executionArn: r.executionArn, startDate: r.startDate };
    },
    DescribeExecution: async (b) => describeOf(await engine.describe(str(b, 'executionArn'))),
    ListExecutions: async (b) => {
      const page = await engine.list(
        str(b, 'stateMachineArn'),
        typeof b.statusFilter === 'string' ? b.statusFilter : undefined,
        Math.min(Number(b.maxResults ?? 100) || 100, 1000),
        typeof b.nextToken === 'string' ? b.nextToken : undefined,
      );
      return {
        executions: page.items.map(summaryOf),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
    GetExecutionHistory: async (b) => {
      const events = await engine.history(str(b, 'executionArn'));
      const ordered = b.reverseOrder === true ? [...events].reverse() : events;
      const start = typeof b.nextToken === 'string' ? Number(b.nextToken) : 0;
      const size = Math.min(Number(b.maxResults ?? 1000) || 1000, 1000);
      const page = ordered.slice(start, start + size);
      return { events: page, ...(start + size < ordered.length ? { nextToken: String(start + size) } : {}) };
    },
    StopExecution: async (b) => ({ stopDate: await engine.stop(str(b, 'executionArn')) }),
    SendTaskSuccess: async (b) => {
      engine.tokens.succeed(str(b, 'taskToken'), str(b, 'output'));
      return {};
    },
    SendTaskFailure: async (b) => {
      const error = typeof b.error === 'string' ? b.error : 'TaskFailed';
      engine.tokens.fail(str(b, 'taskToken'), error, typeof b.cause === 'string' ? b.cause : '');
      return {};
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Body) : {};
}

export async function startStepFunctionsEndpoint(
  engine: LocalStepFunctions,
  port = 0,
): Promise<{ url: string; server: Server }> {
  const ops = operations(engine);
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown, errorType?: string) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(JSON.stringify(body));
    };
    const target = String(req.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
    const op = ops[target];
    try {
      if (!op)
        return send(
          400,
          { __type: 'UnknownOperationException', message: `not supported locally: ${target}` },
          'UnknownOperationException',
        );
      send(200, await op(await readBody(req)));
    } catch (error) {
      if (error instanceof SfnError)
        return send(400, { __type: error.type, message: error.message }, error.type);
      send(500, { __type: 'InternalFailure', message: 'local engine error' }, 'InternalFailure');
    }
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
