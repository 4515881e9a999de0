import { declaredMediaType, detectDocumentType, isDocumentType } from '../../domain/documents/document-type';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = bytes([0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0], [0x90, 0x77, 0x53, 0xde]);

describe('the type of a document, from its first bytes', () => {
  it('recognises PDF, PNG and JPEG (JFIF and Exif) by their signatures', () => {
    expect(detectDocumentType(bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'))).toBe('application/pdf');
    expect(detectDocumentType(Buffer.concat([bytes(PNG_SIGNATURE), IHDR]))).toBe('image/png');
    expect(detectDocumentType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF\0'))).toBe('image/jpeg');
    expect(detectDocumentType(bytes([0xff, 0xd8, 0xff, 0xe1, 0, 16], 'Exif\0\0'))).toBe('image/jpeg');
  });

  it('recognises nothing else: HTML, an executable, a ZIP, GIF, text, empty', () => {
    for (const body of [
      bytes('<!DOCTYPE html><html><script>alert(1)</script></html>'),
      bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff], 'This program cannot be run in DOS mode'),
      bytes([0x7f], 'ELF', [2, 1, 1, 0]),
      bytes('PK', [3, 4, 20, 0, 0, 0, 8, 0]),
      bytes('GIF89a', [1, 0, 1, 0]),
      bytes('hello'),
      bytes(),
    ]) {
      expect(detectDocumentType(body)).toBeUndefined();
    }
  });

  it('wants the whole signature at the very start', () => {
    expect(detectDocumentType(bytes('%PDF'))).toBeUndefined();
    expect(detectDocumentType(bytes(' %PDF-1.4\n'))).toBeUndefined();
    expect(detectDocumentType(bytes([0xef, 0xbb, 0xbf], '%PDF-1.4\n'))).toBeUndefined();
    expect(detectDocumentType(bytes(PNG_SIGNATURE))).toBeUndefined();
    // A PNG signature not followed by its mandatory first chunk, IHDR.
    expect(detectDocumentType(bytes(PNG_SIGNATURE, [0, 0, 0, 13], 'IDAT', [0, 0, 0, 0]))).toBeUndefined();
    expect(detectDocumentType(bytes([0xff, 0xd8]))).toBeUndefined();
    expect(detectDocumentType(bytes('HTML%PDF-1.4'))).toBeUndefined();
  });
});

describe('the type a sender declares', () => {
  it('is the media type without parameters, lower-cased', () => {
    expect(declaredMediaType('Application/PDF; charset=binary')).toBe('application/pdf');
    expect(declaredMediaType(' image/png ')).toBe('image/png');
    expect(declaredMediaType('text/html')).toBe('text/html');
  });

  it('is no declaration when absent or the generic application/octet-stream', () => {
    expect(declaredMediaType(undefined)).toBeUndefined();
    expect(declaredMediaType('')).toBeUndefined();
    expect(declaredMediaType('application/octet-stream')).toBeUndefined();
  });

  it('is accepted only for PDF, JPEG and PNG', () => {
    expect(
      ['application/pdf', 'image/jpeg', 'image/png', 'image/jpg', 'image/gif', 'text/html'].filter(
        isDocumentType,
      ),
    ).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
  });
});
