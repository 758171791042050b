/**
 * The vocabulary of a verdict: each check's failure has a stable code (for programs), an English reason
 * and a Chinese one (for people at a bank counter), so no caller invents its own wording.
 */
export type FailureCode =
  | 'unknown-key'
  | 'wrong-issuer'
  | 'bad-header'
  | 'bad-algorithm'
  | 'bad-signature'
  | 'bad-content'
  | 'not-yet-valid'
  | 'expired'
  | 'not-checked'
  | 'revoked'
  | 'index-out-of-range'
  | 'status-list-invalid'
  | 'status-list-mismatch'
  | 'status-list-expired';

export interface Check {
  ok: boolean;
  code?: FailureCode;
  reason?: string;
}

export const PASSED: Check = { ok: true };

export function failed(code: FailureCode, reason: string): Check {
  return { ok: false, code, reason };
}

/** The Chinese wording of each failure, as the CLI and the online hall print it. */
export const FAILURE_ZH: Record<FailureCode, string> = {
  'unknown-key': '签名密钥不是登记机关公布的密钥（可能是伪造或他人签发）',
  'wrong-issuer': '签发机关不是本登记机关',
  'bad-header': '凭证头部格式不正确',
  'bad-algorithm': '签名算法不被接受（仅接受 ES256）',
  'bad-signature': '签名与内容不符：内容已被篡改',
  'bad-content': '凭证内容不是有效的营业执照',
  'not-yet-valid': '执照尚未生效',
  expired: '执照已过有效期',
  'not-checked': '因前一项检查未通过，未作检查',
  revoked: '执照已被撤销（企业已注销或执照已换发）',
  'index-out-of-range': '执照的状态位置超出状态列表范围',
  'status-list-invalid': '状态列表无效（签名或格式不正确）',
  'status-list-mismatch': '状态列表与执照所指的不是同一份',
  'status-list-expired': '状态列表已过期，请重新下载',
};
