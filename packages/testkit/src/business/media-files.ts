/** Small files whose first bytes are what their type's magic numbers say, padded to any size. */
const pad = (head: number[] | Buffer, size: number) => {
  const out = Buffer.alloc(Math.max(size, head.length), 0x20);
  Buffer.from(head).copy(out);
  return out;
};

const riff = (chunk: Buffer, size: number) => {
  const head = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), chunk]);
  head.writeUInt32LE(Math.max(size, head.length) - 8, 4);
  return pad(head, size);
};

export const files = {
  png: (size = 2048) =>
    pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], size),
  jpeg: (size = 2048) => pad([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0], size),
  pdf: (size = 2048) => pad(Buffer.from('%PDF-1.7\n'), size),
  text: (size = 200) => Buffer.from('hello, world\n'.repeat(Math.ceil(size / 13)).slice(0, size)),
  oggOpus: (size = 4096) => pad(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(24), Buffer.from('OpusHead')]), size),
  mp4: (size = 4096) => pad(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom')]), size),
  /** A static WebP: a VP8X header without the animation flag. */
  webpStatic: (size = 10 * 1024) =>
    riff(Buffer.concat([Buffer.from('VP8X'), Buffer.from([10, 0, 0, 0, 0x10, 0, 0, 0])]), size),
  /** An animated WebP: the VP8X animation flag (0x02) set. */
  webpAnimated: (size = 300 * 1024) =>
    riff(Buffer.concat([Buffer.from('VP8X'), Buffer.from([10, 0, 0, 0, 0x12, 0, 0, 0])]), size),
  gif: (size = 1024) => pad(Buffer.from('GIF89a'), size),
};

/** The multipart body of an upload, as Cloud API clients send it (`type` optional: the part's type is used). */
export function uploadForm(
  file: Buffer,
  partType: string,
  fields: Record<string, string> = { messaging_product: 'whatsapp' },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)], { type: partType }), 'upload.bin');
  return form;
}
