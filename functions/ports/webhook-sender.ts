/** Sends one webhook delivery: the department's answer, or why there was none. */
export interface WebhookCall {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** `ok` for a 2xx; otherwise `error` says what came back (status) or what went wrong (timeout, refused). */
export type WebhookAnswer = { ok: true; status: number } | { ok: false; error: string; status?: number };

export type WebhookSender = (call: WebhookCall) => Promise<WebhookAnswer>;
