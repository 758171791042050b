/**
 * Seals personal data at rest (identity numbers in an application): only the workflow tasks that must
 * judge the raw data unseal it. Views and logs get masked forms; workflow payloads carry ids only.
 */
export interface Sealer {
  seal(plaintext: string): Promise<string>;
  unseal(sealed: string): Promise<string>;
}
