/**
 * Materials (申请材料): documents uploaded to the documents bucket through presigned URLs, under keys
 * that carry no personal data, with the SHA-256 declared at request time verified once the object lands.
 */
export interface MaterialOwner {
  sub: string;
  idHash?: string;
  /** Set when a bank clerk took the material at the counter. */
  branchId?: string;
}

export interface MaterialCheck {
  id: string;
  kind: string;
  /** True when the object exists, its size and SHA-256 match what was declared, and it is the caller's. */
  ok: boolean;
  /** Why not, in plain words (never personal data). */
  problem?: string;
}

export interface MaterialVerifier {
  /** Checks each material id against its stored object; ids unknown or not the owner's are `ok: false`. */
  verify(ids: readonly string[], owner: MaterialOwner): Promise<MaterialCheck[]>;
}
