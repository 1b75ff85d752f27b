import { inflateSync } from 'node:zlib';

/**
 * The text a PDF written by pdfkit shows, page by page: each content stream's strings (`Tj`/`TJ`)
 * decoded through its font's ToUnicode map. Small on purpose — it reads what pdfkit writes
 * (indirect objects, Flate streams, Type0 fonts with 2-byte glyph codes), not any PDF.
 */
export function pdfPages(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: Buffer | null }>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2];
    const start = body.indexOf('stream');
    if (start < 0) {
      objects.set(match[1], { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, start);
    const dataStart = start + 'stream'.length + (body[start + 6] === '\r' ? 2 : 1);
    let data = Buffer.from(body.slice(dataStart, body.lastIndexOf('endstream')), 'latin1');
    if (dict.includes('/FlateDecode')) data = inflateSync(data);
    objects.set(match[1], { dict, stream: data });
  }
  const ref = (text: string, key: string) => new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(text)?.[1];

  const cmaps = new Map<string, Map<number, string>>();
  const cmapOf = (fontId: string): Map<number, string> => {
    let map = cmaps.get(fontId);
    if (map) return map;
    map = new Map();
    const cmapId = ref(objects.get(fontId)!.dict, 'ToUnicode');
    const text = cmapId ? objects.get(cmapId)!.stream!.toString('latin1') : '';
    const hex = (value: string) => parseInt(value, 16);
    const unicode = (value: string) =>
      String.fromCharCode(...(value.replace(/\s/g, '').match(/.{4}/g) ?? []).map(hex)).normalize();
    for (const [, block] of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const [, from, , list] of block.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi))
        [...list.matchAll(/<([0-9a-f\s]+)>/gi)].forEach(([, value], index) =>
          map!.set(hex(from) + index, unicode(value)),
        );
    for (const [, block] of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const [, from, value] of block.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
        map.set(hex(from), unicode(value));
    cmaps.set(fontId, map);
    return map;
  };

  const pages: string[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(dict)) continue;
    const contentIds = /\/Contents\s*\[?([\d\s0R]+)\]?/.exec(dict)![1].match(/\d+(?= 0 R)/g)!;
    const resources = objects.get(ref(dict, 'Resources') ?? '')?.dict ?? dict;
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map([...fontDict.matchAll(/\/(\S+)\s+(\d+) 0 R/g)].map(([, name, id]) => [name, id]));
    let text = '';
    for (const id of contentIds) {
      const content = objects.get(id)!.stream!.toString('latin1');
      let cmap = new Map<number, string>();
      for (const [, font, strings, operator] of content.matchAll(
        /\/(\S+)\s+[\d.]+\s+Tf|(\[[^\]]*\]|<[0-9a-f]*>)\s*(TJ|Tj)|\bET\b/gi,
      )) {
        if (font) cmap = cmapOf(fonts.get(font)!);
        else if (operator)
          for (const [, hex] of strings.matchAll(/<([0-9a-f]*)>/gi))
            for (const code of hex.match(/.{4}/g) ?? []) text += cmap.get(parseInt(code, 16)) ?? '\uFFFD';
        else text += '\n';
      }
    }
    pages.push(text);
  }
  return pages;
}
