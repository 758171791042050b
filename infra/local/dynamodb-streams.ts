/**
 * DynamoDB Streams of DynamoDB Local, read over its JSON protocol with fetch: DescribeStream,
 * GetShardIterator and GetRecords are three JSON calls on the engine's own endpoint, so the local runtime
 * needs no streams client (@aws-sdk/client-dynamodb-streams is not released at the version of the other
 * clients). DynamoDB Local checks no signature; it only reads the credential scope of the header.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const AUTH =
  'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00';

export interface StreamShard {
  ShardId: string;
  ParentShardId?: string;
  SequenceNumberRange?: { StartingSequenceNumber?: string; EndingSequenceNumber?: string };
}

export interface StreamRecord {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  dynamodb: {
    Keys: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    SequenceNumber: string;
    ApproximateCreationDateTime?: number;
  };
}

export type IteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AFTER_SEQUENCE_NUMBER' | 'AT_SEQUENCE_NUMBER';

export class LocalStreams {
  /** Calls are short (one shard's batch on loopback): a stopping relay waits for the one in flight. */
  constructor(private readonly endpoint: string) {}

  private async call<T>(target: string, body: unknown): Promise<T> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDBStreams_20120810.${target}`,
        authorization: AUTH,
      },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as T & { __type?: string; message?: string };
    if (!response.ok)
      throw Object.assign(new Error(`${target}: ${answer.message ?? response.status}`), {
        name: answer.__type?.split('#').at(-1) ?? 'StreamsError',
      });
    return answer;
  }

  async shards(streamArn: string): Promise<StreamShard[]> {
    const shards: StreamShard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.call<{
        StreamDescription: { Shards?: StreamShard[]; LastEvaluatedShardId?: string };
      }>('DescribeStream', { StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) });
      shards.push(...(StreamDescription.Shards ?? []));
      start = StreamDescription.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  async iterator(streamArn: string, shardId: string, type: IteratorType, sequence?: string): Promise<string> {
    const { ShardIterator } = await this.call<{ ShardIterator: string }>('GetShardIterator', {
      StreamArn: streamArn,
      ShardId: shardId,
      ShardIteratorType: type,
      ...(sequence ? { SequenceNumber: sequence } : {}),
    });
    return ShardIterator;
  }

  records(iterator: string, limit = 100) {
    return this.call<{ Records?: StreamRecord[]; NextShardIterator?: string | null }>('GetRecords', {
      ShardIterator: iterator,
      Limit: limit,
    });
  }
}
