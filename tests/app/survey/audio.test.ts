import { describe, expect, it } from "vitest";
import { requestedRange, sniffAudio } from "~/survey/audio";
import { AUDIO_HEADERS, wavTone } from "../../support/audio";

describe("sniffAudio: the bytes decide, never the declared type or name", () => {
  it("knows each container browsers play", () => {
    expect(sniffAudio(wavTone())).toBe("audio/wav");
    for (const [name, bytes] of Object.entries(AUDIO_HEADERS)) expect([name, sniffAudio(bytes)]).toEqual([name, name.split(" ")[0]]);
  });

  it("refuses what is not audio, also when it starts like a container", () => {
    const refused = {
      html: Buffer.from("<!doctype html><script>alert(1)</script>"),
      svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
      pdf: Buffer.from("%PDF-1.7\n"),
      empty: Buffer.alloc(0),
      "RIFF that is an AVI video": Buffer.from("RIFF\x00\x00\x00\x00AVI LIST", "latin1"),
      "Ogg with Theora video": Buffer.concat([Buffer.from("OggS", "latin1"), Buffer.alloc(24), Buffer.from("\x80theora", "latin1")]),
      "EBML that is Matroska video": Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88, ...Buffer.from("matroska")]),
      "MP4 of an unknown brand (HEIC image)": Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic", "latin1"), Buffer.alloc(12)]),
      "ADTS AAC (layer bits 00)": Buffer.from([0xff, 0xf1, 0x50, 0x80, 0, 0, 0]),
      "MPEG frame with a reserved bitrate": Buffer.from([0xff, 0xfb, 0xf0, 0x64]),
      "ID3 and nothing after": Buffer.from("ID3", "latin1"),
    };
    for (const [name, bytes] of Object.entries(refused)) expect([name, sniffAudio(bytes)]).toEqual([name, null]);
  });
});

describe("requestedRange: what Chromium's player asks", () => {
  it("sends the whole file without a range, for other units and for several ranges", () => {
    expect(requestedRange(null, 100)).toBeNull();
    expect(requestedRange("items=0-1", 100)).toBeNull();
    expect(requestedRange("bytes=0-1,5-6", 100)).toBeNull();
    expect(requestedRange("bytes=-", 100)).toBeNull();
  });

  it("reads open, closed and suffix ranges, clamped to the file", () => {
    expect(requestedRange("bytes=0-", 100)).toEqual({ start: 0, end: 99 });
    expect(requestedRange("bytes=10-19", 100)).toEqual({ start: 10, end: 19 });
    expect(requestedRange("bytes=90-1000", 100)).toEqual({ start: 90, end: 99 });
    expect(requestedRange("bytes=-30", 100)).toEqual({ start: 70, end: 99 });
    expect(requestedRange("bytes=-300", 100)).toEqual({ start: 0, end: 99 });
  });

  it("calls a range outside the file unsatisfiable", () => {
    expect(requestedRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(requestedRange("bytes=20-10", 100)).toBe("unsatisfiable");
    expect(requestedRange("bytes=-0", 100)).toBe("unsatisfiable");
  });
});
