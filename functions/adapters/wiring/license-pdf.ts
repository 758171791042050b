/** The printable license: pdf-lib, fontkit and the QR code, which only the issuing function carries. */
import type { PortFactory } from '#ports/ports';
import { renderLicensePdf } from '../license-pdf.ts';

export const licensePdf: PortFactory<'licensePdf'> = () => ({ render: renderLicensePdf });
