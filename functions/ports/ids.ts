/** Fresh ids for new records: sortable by time, unguessable. */
export interface Ids {
  newId(at: Date): string;
  /**
   * The id a request with this idempotency scope creates, the same every time: a retry after a crash
   * finds the case its first attempt made.
   */
  fromKey(key: string): string;
}
