/** The webhook sender over fetch: a 2xx is delivered; anything else, a timeout or a refusal is an error. */
import type { WebhookAnswer, WebhookCall, WebhookSender } from '#ports/webhook-sender';

export function httpWebhookSender(timeoutMs = 10_000): WebhookSender {
  return async ({ url, body, headers }: WebhookCall): Promise<WebhookAnswer> => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok
        ? { ok: true, status: response.status }
        : { ok: false, status: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
      return { ok: false, error: cause ?? (error as Error).name };
    }
  };
}
