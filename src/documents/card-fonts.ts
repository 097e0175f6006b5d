// Noto Sans, shipped in npm (@fontsource/noto-sans) and embedded in every PDF, so printing needs no
// network and no fonts on the machine. Fontsource splits the font by script; each piece of text is
// drawn with the piece that covers its characters (a "Łukasz" needs latin and latin-ext).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The scripts a referrer's name or address is likely to need, in the order they are tried. */
const SUBSETS = ["latin", "latin-ext", "vietnamese", "greek", "cyrillic", "cyrillic-ext"] as const;
export type FontWeight = "regular" | "bold";

export interface FontPiece {
  /** The name it is registered under in a document, e.g. "latin-ext-bold". */
  name: string;
  weight: FontWeight;
  data: Buffer;
  covers(codePoint: number): boolean;
}

let loaded: FontPiece[] | null = null;

/** Every piece of both weights, read once per process. */
export function cardFonts(): FontPiece[] {
  if (loaded) return loaded;
  const ranges = JSON.parse(readFileSync(require.resolve("@fontsource/noto-sans/unicode.json"), "utf8")) as Record<
    string,
    string
  >;
  const pieces: FontPiece[] = [];
  for (const weight of ["regular", "bold"] as const) {
    for (const subset of SUBSETS) {
      const range = ranges[subset];
      if (!range) continue;
      const file = `@fontsource/noto-sans/files/noto-sans-${subset}-${weight === "bold" ? 700 : 400}-normal.woff`;
      pieces.push({
        name: `${subset}-${weight}`,
        weight,
        data: readFileSync(require.resolve(file)),
        covers: inRanges(range),
      });
    }
  }
  loaded = pieces;
  return pieces;
}

/** "U+0100-02BA,U+2020" as a test of one code point. */
function inRanges(text: string): (codePoint: number) => boolean {
  const spans = text.split(",").map((part) => {
    const [from, to] = part.replace(/U\+/gi, "").split("-");
    const a = Number.parseInt(from ?? "", 16);
    return [a, to ? Number.parseInt(to, 16) : a] as const;
  });
  return (cp) => spans.some(([a, b]) => cp >= a && cp <= b);
}

export interface TextRun {
  font: string;
  text: string;
}

/**
 * The text cut into runs of one font piece each. A character no piece covers is drawn without its
 * accents when that helps, else as "?": a label must still print.
 */
export function textRuns(text: string, weight: FontWeight, pieces: readonly FontPiece[] = cardFonts()): TextRun[] {
  const own = pieces.filter((p) => p.weight === weight);
  const first = own[0]?.name ?? "";
  const runs: TextRun[] = [];
  for (const char of text.normalize("NFC")) {
    const cp = char.codePointAt(0) ?? 63;
    let piece = own.find((p) => p.covers(cp));
    let shown = char;
    if (!piece) {
      const bare = char.normalize("NFD").replace(/\p{M}/gu, "");
      piece = bare ? own.find((p) => p.covers(bare.codePointAt(0) ?? 63)) : undefined;
      shown = piece ? bare : "?";
    }
    const font = piece?.name ?? first;
    const last = runs.at(-1);
    // Spaces and punctuation stay in the run they are in, so a name is not cut into many runs.
    if (last && (last.font === font || (cp < 0x80 && !/[A-Za-z0-9]/.test(char)))) last.text += shown;
    else runs.push({ font, text: shown });
  }
  return runs;
}
