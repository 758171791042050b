/** One page of a list: `nextCursor` is opaque, null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Who a listing is for: a sub, and the person behind it where the identity provider verified them. */
export interface Owner {
  sub: string;
  idHash?: string;
}
