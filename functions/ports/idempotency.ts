export interface StoredResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'completed'; response: StoredResponse }
  | { state: 'in_progress' }
  | { state: 'mismatch' };

/** Records of `Idempotency-Key` requests, kept 24 hours, scoped by the caller and the route. */
export interface IdempotencyStore {
  claim(key: string, requestHash: string, now: Date): Promise<IdempotencyClaim>;
  complete(key: string, response: StoredResponse, now: Date): Promise<void>;
  /** Frees the key after a failure, so the client can try again with it. */
  abandon(key: string): Promise<void>;
}
