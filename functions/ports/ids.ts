/** Fresh ids for new records: sortable by time, unguessable. */
export interface Ids {
  newId(at: Date): string;
}
