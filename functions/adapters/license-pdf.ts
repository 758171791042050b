/**
 * The printable business license (营业执照): A4 landscape, the fields labelled as on the paper license,
 * a frame where the national emblem is printed on official stock (no emblem image is embedded), and a
 * QR code linking to the online verification. Fonts are subset, so a page is a few tens of KB.
 */
import { PDFDocument, type PDFPage, rgb } from '@cantoo/pdf-lib';
import {
  businessTermText,
  capitalText,
  chineseDate,
  ENTITY_TYPE_LABELS,
  type LicenseFields,
} from '#domain/license/fields';
import { drawQrCode } from './license-pdf-qr.ts';
import { drawLine, embedFontChain, type FontChain, textWidth, wrapText } from './license-pdf-text.ts';

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = 28;
const RED = rgb(0.72, 0.11, 0.11);
const INK = rgb(0.1, 0.1, 0.1);
const LABEL_SIZE = 12;
const VALUE_SIZE = 12;
const COLUMN_WIDTH = 330;
const VALUE_INDENT = 92;
/** Fields stop above the footer (authority, date, notes). */
const FIELDS_BOTTOM = 150;
/** The scope may run lower: the left of the footer holds only two small notes. */
const SCOPE_BOTTOM = 80;

export interface LicensePdfOptions {
  /** Where the QR code leads: the online verification of this license. */
  verificationUrl: string;
}

interface Row {
  label: string;
  value: string;
}

/** The representative's title depends on the entity type (市场主体登记管理条例 art. 8). */
function representativeLabel(fields: LicenseFields): string {
  if (fields.entityType === 'individual_business') return '经营者';
  if (fields.entityType === 'partnership') return '执行事务合伙人';
  if (fields.entityType === 'sole_proprietorship') return '投资人';
  return '法定代表人';
}

function columns(fields: LicenseFields): { left: Row[]; right: Row[]; scope: Row } {
  const capital = fields.entityType === 'partnership' ? '出资额' : '注册资本';
  return {
    left: [
      { label: '名称', value: fields.name },
      { label: '类型', value: ENTITY_TYPE_LABELS[fields.entityType] },
      { label: representativeLabel(fields), value: fields.legalRepresentative },
    ],
    right: [
      ...(fields.registeredCapital ? [{ label: capital, value: capitalText(fields.registeredCapital) }] : []),
      { label: '成立日期', value: chineseDate(fields.establishedOn) },
      { label: '营业期限', value: businessTermText(fields.businessTerm) },
      { label: '住所', value: fields.domicile },
    ],
    scope: { label: '经营范围', value: `${fields.businessScope.join('；')}。` },
  };
}

const NOTE = { size: 8, color: rgb(0.35, 0.35, 0.35) };
/** Printed on every license: the annual report duty (企业信息公示暂行条例 art. 8). */
const ANNUAL_REPORT_NOTE =
  '市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送上一年度年度报告。';
const MIN_SIZE = 7;
const MORE = '……（完整内容见电子营业执照）';

/**
 * The largest size, down to 7 pt, at which `value` fits in `width` x `height`: long scopes shrink. What
 * does not fit even then is cut with a pointer to the credential, which always holds the whole text.
 */
function fitValue(value: string, width: number, height: number, chain: FontChain) {
  for (let size = VALUE_SIZE; size >= MIN_SIZE; size -= 0.5) {
    const lines = wrapText(value, width, size, chain);
    if (lines.length * size * 1.5 <= height) return { lines, size };
  }
  const room = Math.max(1, Math.floor(height / (MIN_SIZE * 1.5)));
  const lines = wrapText(value, width, MIN_SIZE, chain).slice(0, room);
  let last = lines.pop() ?? '';
  while (last && textWidth(last + MORE, MIN_SIZE, chain) > width) last = [...last].slice(0, -1).join('');
  return { lines: [...lines, last + MORE], size: MIN_SIZE };
}

/** A labelled field whose value wraps within the column, above `bottom`; returns the y below it. */
function drawRow(page: PDFPage, row: Row, at: { x: number; y: number; bottom: number }, chain: FontChain) {
  drawLine(page, row.label, at.x, at.y, { size: LABEL_SIZE, color: INK }, chain);
  const valueWidth = COLUMN_WIDTH - VALUE_INDENT;
  const { lines, size } = fitValue(row.value, valueWidth, at.y - at.bottom + VALUE_SIZE, chain);
  lines.forEach((line, i) => {
    drawLine(page, line, at.x + VALUE_INDENT, at.y - i * size * 1.5, { size }, chain);
  });
  return at.y - Math.max(1, lines.length) * size * 1.5 - 10;
}

function drawFrame(page: PDFPage): void {
  const outer = { x: MARGIN, y: MARGIN, width: PAGE.width - 2 * MARGIN, height: PAGE.height - 2 * MARGIN };
  page.drawRectangle({ ...outer, borderColor: RED, borderWidth: 3 });
  page.drawRectangle({
    x: outer.x + 7,
    y: outer.y + 7,
    width: outer.width - 14,
    height: outer.height - 14,
    borderColor: RED,
    borderWidth: 0.8,
  });
  // Where the national emblem is printed: the registry's stock carries it, this file does not.
  page.drawCircle({ x: PAGE.width / 2, y: PAGE.height - 92, size: 30, borderColor: RED, borderWidth: 0.8 });
}

function centered(page: PDFPage, text: string, y: number, size: number, chain: FontChain, color = INK): void {
  drawLine(page, text, (PAGE.width - textWidth(text, size, chain)) / 2, y, { size, color }, chain);
}

function drawHeader(page: PDFPage, fields: LicenseFields, verificationUrl: string, chain: FontChain): void {
  centered(page, '营 业 执 照', PAGE.height - 165, 34, chain, RED);
  centered(page, '（电子营业执照）', PAGE.height - 188, 11, chain);
  const top = PAGE.height - 80;
  drawLine(page, '统一社会信用代码', 60, top, { size: 11 }, chain);
  drawLine(page, fields.creditCode, 60, top - 20, { size: 15 }, chain);
  const side = 96;
  drawQrCode(page, verificationUrl, PAGE.width - 60 - side, top - side + 14, side);
  const caption = '扫码核验电子营业执照';
  const captionX = PAGE.width - 60 - side / 2 - textWidth(caption, 8, chain) / 2;
  drawLine(page, caption, captionX, top - side + 2, { size: 8 }, chain);
}

function drawFooter(page: PDFPage, fields: LicenseFields, verificationUrl: string, chain: FontChain): void {
  const x = PAGE.width - 330;
  drawLine(page, '登记机关', x, 118, { size: LABEL_SIZE }, chain);
  drawLine(page, fields.registrationAuthority, x + 64, 118, { size: LABEL_SIZE }, chain);
  drawLine(page, chineseDate(fields.issuedOn), x + 64, 96, { size: LABEL_SIZE }, chain);
  drawLine(page, `核验网址：${verificationUrl}`, 60, 60, NOTE, chain);
  drawLine(page, ANNUAL_REPORT_NOTE, 60, 46, NOTE, chain);
}

function allTexts(fields: LicenseFields, url: string): string[] {
  const { left, right, scope } = columns(fields);
  return [...left, ...right, scope]
    .flatMap((r) => [r.label, r.value])
    .concat(fields.registrationAuthority, url);
}

/** Renders the license; the same fields as the signed credential, so the two never disagree. */
export async function renderLicensePdf(
  fields: LicenseFields,
  options: LicensePdfOptions,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`营业执照 ${fields.creditCode}`);
  doc.setCreator('one-stop-registry');
  // Fixed dates keep the bytes of one license's PDF the same on every render (cacheable, hashable).
  doc.setCreationDate(new Date(`${fields.issuedOn}T00:00:00+08:00`));
  doc.setModificationDate(new Date(`${fields.issuedOn}T00:00:00+08:00`));
  const chain = await embedFontChain(doc, allTexts(fields, options.verificationUrl));
  const page = doc.addPage([PAGE.width, PAGE.height]);
  drawFrame(page);
  drawHeader(page, fields, options.verificationUrl, chain);
  const { left, right, scope } = columns(fields);
  const top = PAGE.height - 230;
  let y = top;
  for (const row of left) y = drawRow(page, row, { x: 70, y, bottom: FIELDS_BOTTOM }, chain);
  drawRow(page, scope, { x: 70, y, bottom: SCOPE_BOTTOM }, chain);
  let yRight = top;
  for (const row of right) yRight = drawRow(page, row, { x: 450, y: yRight, bottom: FIELDS_BOTTOM }, chain);
  drawFooter(page, fields, options.verificationUrl, chain);
  return doc.save({ useObjectStreams: true });
}
