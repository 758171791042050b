import { beforeAll, describe, expect, it } from 'vitest';
import { renderLicensePdf } from '#adapters/license-pdf';
import type { LicenseFields } from '#domain/license/fields';
import { FIELDS, tempDir } from './fixtures.ts';
import { decodeQr, pdfFonts, pdfText } from './poppler.ts';

const URL = 'https://license.registry.example.cn/v1/licenses/91110108MA01C3RQ6Q/verify';
const dir = tempDir('license-pdf-');
const render = (fields: Partial<LicenseFields> = {}) =>
  renderLicensePdf({ ...FIELDS, ...fields }, { verificationUrl: URL });
/** pdftotext -layout spaces wide glyph runs apart; compare text with blanks removed. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await render();
});

describe('the printable license', { timeout: 30_000 }, () => {
  it('is an A4 landscape PDF under 100 KB', () => {
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(100 * 1024);
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/MediaBox \[\s*0 0 841\.89 595\.28\s*\]/);
  });

  it('shows the title, the credit code, the name and every field, labelled in Chinese', () => {
    const text = squeeze(pdfText(pdf, dir));
    for (const expected of [
      '营业执照',
      '统一社会信用代码',
      FIELDS.creditCode,
      FIELDS.name,
      '名称',
      '类型有限责任公司',
      '法定代表人张伟',
      '注册资本1000000元人民币',
      '成立日期2026年11月20日',
      '营业期限2026年11月20日至长期',
      '住所北京市海淀区中关村大街27号11层1101室',
      '经营范围软件开发；信息技术咨询服务；',
      '登记机关北京市海淀区市场监督管理局',
    ])
      expect(text).toContain(expected);
  });

  it('carries a QR code that decodes to the verification link', () => {
    expect(decodeQr(pdf, dir)).toBe(URL);
  });

  it('embeds only the subset Noto Sans SC when no rare character is needed', () => {
    const fonts = pdfFonts(pdf, dir);
    expect(fonts).toMatch(/NotoSansSC/);
    expect(fonts).not.toMatch(/SourceHanSans/);
  });

  it('prints an Extension-B character of a name with the fallback font, still under 100 KB', async () => {
    const name = '北京𠮷𡈽科技有限公司';
    const rare = await render({ name });
    expect(squeeze(pdfText(rare, dir))).toContain(name);
    expect(pdfFonts(rare, dir)).toMatch(/SourceHanSansSC/);
    expect(rare.length).toBeLessThan(100 * 1024);
  });

  it('titles an individual business’s operator 经营者 and prints no capital', async () => {
    const text = squeeze(
      pdfText(await render({ entityType: 'individual_business', registeredCapital: undefined }), dir),
    );
    expect(text).toContain('经营者张伟');
    expect(text).toContain('个体工商户');
    expect(text).not.toContain('注册资本');
  });

  it('shrinks a long scope, and cuts what still does not fit with a pointer to the credential', async () => {
    const scope = Array.from({ length: 100 }, (_, i) => `第${i}项软件开发服务`);
    const text = squeeze(pdfText(await render({ businessScope: scope }), dir));
    expect(text).toContain('第0项软件开发服务；第1项');
    expect(text).toContain('……（完整内容见电子营业执照）');
    expect(text).not.toContain('第99项');
  });

  it('renders the same bytes for the same license', async () => {
    expect(Buffer.from(await render()).equals(Buffer.from(pdf))).toBe(true);
  });
});
