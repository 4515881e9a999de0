/**
 * What a case document is, read from its first bytes (its "magic number"), never taken from the
 * Content-Type its sender declared: a declared type is a claim, the bytes are the file.
 *
 * Why not the `file-type` package: its maintained releases (17 and later) are ESM-only and the
 * current one (22.x) needs Node 22, while this project runs on Node 20.19 and is compiled to
 * CommonJS (swc under jest, tsx for the processes); using it would mean teaching jest to
 * transform it and its four ESM-only dependencies. Its last CommonJS line (16.5.x) no longer
 * moves. For the three types accepted here the signatures are short and fixed by their
 * specifications, so they are checked below, without a dependency.
 */

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

interface Signature {
  type: DocumentType;
  /** Bytes expected at `offset`. */
  parts: { offset: number; bytes: readonly number[] }[];
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  // "%PDF-" at the very start (ISO 32000-2 § 7.5.2). Readers tolerate a header found later in the
  // first kilobyte; every generator writes it first, and anything else is refused.
  { type: 'application/pdf', parts: [{ offset: 0, bytes: ascii('%PDF-') }] },
  // The 8-byte PNG signature, then the IHDR chunk, which must come first (PNG spec § 5.2, 5.6).
  {
    type: 'image/png',
    parts: [
      { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
      { offset: 12, bytes: ascii('IHDR') },
    ],
  },
  // Start Of Image (FF D8), then the first byte of the next marker (FF): JFIF, Exif and raw JPEG alike.
  { type: 'image/jpeg', parts: [{ offset: 0, bytes: [0xff, 0xd8, 0xff] }] },
];

/** The accepted type these bytes are, or undefined when they are none of them (HTML, an executable, a ZIP...). */
export function detectDocumentType(bytes: Uint8Array): DocumentType | undefined {
  return SIGNATURES.find((signature) =>
    signature.parts.every(
      (part) =>
        bytes.length >= part.offset + part.bytes.length &&
        part.bytes.every((byte, index) => bytes[part.offset + index] === byte),
    ),
  )?.type;
}

export function isDocumentType(mediaType: string): mediaType is DocumentType {
  return (DOCUMENT_TYPES as readonly string[]).includes(mediaType);
}

/**
 * The media type a Content-Type header declares, lower-cased and without parameters; undefined
 * when the sender does not say (no header, or the generic application/octet-stream a browser
 * sends for a file it cannot name), so that the bytes alone decide.
 */
export function declaredMediaType(header: string | undefined): string | undefined {
  const mediaType = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === '' || mediaType === 'application/octet-stream' ? undefined : mediaType;
}
