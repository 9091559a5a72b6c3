/**
 * A real, playable WAV file (PCM, mono, 16-bit) of a sine tone, made here so tests need no
 * audio file in the repository.
 */
export function wavTone(seconds = 0.5, hz = 440, sampleRate = 8000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * 12_000), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "latin1");
  header.write("fmt ", 12, "latin1");
  header.writeUInt32LE(16, 16); // PCM format chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** The first bytes of files of each accepted container, as encoders write them. */
export const AUDIO_HEADERS: Record<string, Buffer> = {
  "audio/mpeg": Buffer.concat([Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00", "latin1"), Buffer.alloc(32)]),
  // an MP3 without ID3 tag: MPEG-1 layer III, 128 kbit/s, 44.1 kHz
  "audio/mpeg (frame)": Buffer.from([0xff, 0xfb, 0x90, 0x64, ...Buffer.alloc(28)]),
  "audio/ogg": Buffer.concat([Buffer.from("OggS", "latin1"), Buffer.alloc(24), Buffer.from("OpusHead\x01\x01", "latin1"), Buffer.alloc(16)]),
  "audio/webm": Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]), Buffer.from("webm", "latin1"), Buffer.alloc(32)]),
  "audio/mp4": Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from("ftypM4A \x00\x00\x02\x00", "latin1"), Buffer.alloc(32)]),
};
