/**
 * Recordings of the questionnaire's texts (decision 0025): which audio a file is, read from its
 * bytes (the type a browser declares for an upload is whatever the sender says), and which range
 * of it a player asked for.
 */

/** An interpreter's recording may be this large; a question read aloud is well under it. */
export const MAX_RECORDING_BYTES = 2 * 1024 * 1024;

export const AUDIO_TYPES = ["audio/mpeg", "audio/ogg", "audio/wav", "audio/webm", "audio/mp4"] as const;
export type AudioType = (typeof AUDIO_TYPES)[number];

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

const contains = (bytes: Uint8Array, text: string, within: number) =>
  Buffer.from(bytes.subarray(0, within)).includes(text, 0, "latin1");

/** An MPEG-1/2/2.5 layer I–III frame header (not ADTS, whose layer bits are 00). */
function mpegFrame(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return false;
  const version = (b[1]! >> 3) & 3;
  const layer = (b[1]! >> 1) & 3;
  const bitrate = b[2]! >> 4;
  const rate = (b[2]! >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0xf && rate !== 3;
}

// brands of MPEG-4 files that hold audio (M4A, M4B) or may (the generic ones phones record into)
const MP4_BRANDS = new Set(["M4A ", "M4B ", "mp41", "mp42", "isom", "iso2", "iso5", "iso6", "dash", "3gp4", "3gp5", "3gp6"]);

/**
 * The audio type the bytes are, or null for anything else (HTML, images, scripts, a text file
 * renamed .mp3). Only containers browsers play natively: MP3, Ogg (Opus or Vorbis), WAV, WebM
 * and MP4/M4A.
 */
export function sniffAudio(bytes: Uint8Array): AudioType | null {
  if (ascii(bytes, 0, "ID3") && bytes.length > 10) return "audio/mpeg";
  if (mpegFrame(bytes)) return "audio/mpeg";
  if (ascii(bytes, 0, "OggS")) return contains(bytes, "OpusHead", 512) || contains(bytes, "\x01vorbis", 512) ? "audio/ogg" : null;
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return "audio/wav";
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return contains(bytes, "webm", 64) ? "audio/webm" : null;
  if (ascii(bytes, 4, "ftyp") && bytes.length >= 12) {
    const brand = Buffer.from(bytes.subarray(8, 12)).toString("latin1");
    return MP4_BRANDS.has(brand) ? "audio/mp4" : null;
  }
  return null;
}

export type ByteRange = { start: number; end: number };

/**
 * The one range a `Range` header asks of `size` bytes: null to send the whole file (no header,
 * several ranges or another unit, which a server may ignore), "unsatisfiable" for a range
 * outside the file (416).
 */
export function requestedRange(header: string | null, size: number): ByteRange | null | "unsatisfiable" {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}
