/**
 * Holding a received queue message back: the cloud's delivery queue is FIFO, and FIFO queues have no
 * per-message delay, so a delivery whose backoff has not run out is hidden again until it is due (its
 * pair's FIFO group waits with it; no other group does). `receipt` is what the queue gave with the message.
 */
export interface MessageHold {
  holdBack(receipt: string, seconds: number): Promise<void>;
}
