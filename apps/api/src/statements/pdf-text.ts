import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';

/**
 * Fonts embedded in statements (docs/statements.md § Font): Noto Sans for Latin (extended),
 * Greek and Cyrillic, Noto Sans JP for the Han, kana and CJK punctuation Noto Sans lacks. Each
 * character is drawn in the first font that has it; pdfkit embeds only the glyphs used. Found
 * through Node's module resolution, so the same from `apps/api/src` (tests) and from `dist/`.
 */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  cjk: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

interface LoadedFont {
  data: Buffer;
  font: fontkit.Font;
}

let loaded: Record<FontName, LoadedFont> | undefined;

/** The font files, read once per process (≈ 7 MB, most of it the CJK font). */
export function statementFonts(): Record<FontName, LoadedFont> {
  loaded ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => {
      const data = readFileSync(require.resolve(file));
      return [name, { data, font: fontkit.create(data) as fontkit.Font }];
    }),
  ) as Record<FontName, LoadedFont>;
  return loaded;
}

/** A stretch of text drawn in one font. */
export interface Run {
  font: FontName;
  text: string;
}

/** `text` cut into runs: each character in the Latin font (bold or regular) if it has it, else the CJK one. */
export function runsOf(text: string, bold = false): Run[] {
  const fonts = statementFonts();
  const latin: FontName = bold ? 'bold' : 'regular';
  const runs: Run[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const font: FontName =
      fonts[latin].font.hasGlyphForCodePoint(code) || !fonts.cjk.font.hasGlyphForCodePoint(code) ? latin : 'cjk';
    const last = runs.at(-1);
    if (last?.font === font) last.text += char;
    else runs.push({ font, text: char });
  }
  return runs;
}

/** Measures a run in points at `size` (pdfkit's own metrics for the embedded font). */
export type Measure = (run: Run, size: number) => number;

/** A line broken after spaces and between any two CJK characters (which take no spaces). */
const BREAK = /[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+\s*|[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]\s*|\s+/gu;

/**
 * Lays `text` out in lines of at most `width` points, at most `maxLines` of them (the last ends
 * with "…" when the text is longer). A word wider than a line is cut between characters.
 */
export function wrap(text: string, width: number, size: number, measure: Measure, maxLines: number, bold = false) {
  const widthOf = (value: string) => runsOf(value, bold).reduce((sum, run) => sum + measure(run, size), 0);
  const pieces = text.replace(/\s+/g, ' ').trim().match(BREAK) ?? [];
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const piece of pieces) {
    if (widthOf(line + piece.trimEnd()) <= width) {
      line += piece;
      continue;
    }
    if (line) push();
    let rest = piece;
    while (widthOf(rest.trimEnd()) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && widthOf(rest.slice(0, cut)) > width) cut--;
      line = rest.slice(0, cut);
      push();
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line.trim()) push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && widthOf(`${last}…`) > width) last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}
