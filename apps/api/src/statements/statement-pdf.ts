import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import type { StatementLine } from './dto/statement.dto';
import { type Measure, type Run, runsOf, statementFonts, wrap } from './pdf-text';
import { groupDigits, StatementTotals } from './statement-totals';

/** What the PDF says above the table. */
export interface StatementHeading {
  number: string;
  organization: string;
  /** E.g. "1–30 November 2026 (UTC)". */
  period: string;
  provisional: boolean;
  generatedAt: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const BOTTOM = A4.height - 56;
const SIZE = 7.5;
const LEADING = 10;
const PADDING = 4;
const INK = '#1f2933';
const MUTED = '#5f6b7a';
const RULE = '#c9d1db';

const KIND = { flight: 'Flight', stay: 'Stay' } as const;

interface Column {
  title: string;
  width: number;
  maxLines: number;
  align?: 'right';
  text(line: StatementLine): string;
}

const COLUMNS: Column[] = [
  { title: 'Date', width: 50, maxLines: 1, text: (line) => line.date.slice(0, 10) },
  { title: 'Traveller', width: 84, maxLines: 3, text: (line) => line.travellers },
  { title: 'Trip', width: 76, maxLines: 3, text: (line) => line.tripTitle },
  {
    title: 'Item',
    width: 58,
    maxLines: 2,
    text: (line) => `${line.entry === 'refund' ? `Refund of ${line.kind}` : KIND[line.kind]} · ${line.supplier}`,
  },
  { title: 'Reference', width: 64, maxLines: 2, text: (line) => line.bookingReference ?? '—' },
  { title: 'Description', width: 116, maxLines: 3, text: (line) => line.description },
  {
    title: 'Amount',
    width: A4.width - 2 * MARGIN - (50 + 84 + 76 + 58 + 64 + 116),
    maxLines: 2,
    align: 'right',
    text: (line) => `${groupDigits(line.amount)} ${line.currency}`,
  },
];

/**
 * The statement as an A4 PDF (docs/statements.md § PDF): heading, the lines in a table whose
 * header is repeated on every page, totals per currency, and "Page n of m" on each page. pdfkit
 * writes into the returned stream as it goes; the pages themselves are kept until the end so that
 * each can carry the page count.
 */
export function statementPdf(heading: StatementHeading, batches: AsyncIterable<StatementLine[]>): Readable {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: 20 },
    bufferPages: true,
    info: { Title: `Statement ${heading.number}`, Author: 'NestMap', Subject: heading.organization },
  });
  for (const [name, { data }] of Object.entries(statementFonts())) doc.registerFont(name, data);
  const measure: Measure = (run, size) => doc.font(run.font).fontSize(size).widthOfString(run.text);

  const draw = (runs: Run[], x: number, y: number, size: number, color = INK) => {
    doc.fillColor(color);
    for (const run of runs) {
      doc.font(run.font).fontSize(size).text(run.text, x, y, { lineBreak: false });
      x += measure(run, size);
    }
  };
  const say = (
    text: string,
    x: number,
    y: number,
    options: { size?: number; bold?: boolean; color?: string; right?: number } = {},
  ) => {
    const size = options.size ?? SIZE;
    const runs = runsOf(text, options.bold);
    const width = runs.reduce((sum, run) => sum + measure(run, size), 0);
    draw(runs, options.right === undefined ? x : options.right - width, y, size, options.color);
  };
  const rule = (y: number, color = RULE) =>
    doc
      .moveTo(MARGIN, y)
      .lineTo(A4.width - MARGIN, y)
      .lineWidth(0.5)
      .strokeColor(color)
      .stroke();

  let y = MARGIN;
  const tableHeader = () => {
    let x = MARGIN;
    for (const column of COLUMNS) {
      say(column.title, x + PADDING, y + 3, {
        bold: true,
        right: column.align ? x + column.width - PADDING : undefined,
      });
      x += column.width;
    }
    y += LEADING + 6;
    rule(y, MUTED);
  };
  const newPage = () => {
    doc.addPage();
    y = MARGIN;
    say(`Statement ${heading.number} · ${heading.organization} · ${heading.period} (continued)`, MARGIN, y, {
      color: MUTED,
    });
    y += LEADING + 8;
    tableHeader();
  };
  const ensure = (height: number) => {
    if (y + height > BOTTOM) newPage();
  };

  const render = async () => {
    say('Statement', MARGIN, y, { size: 20, bold: true });
    say('NestMap', 0, y + 6, { size: 10, bold: true, color: MUTED, right: A4.width - MARGIN });
    y += 34;
    const facts: [string, string][] = [
      ['Billed to', heading.organization],
      ['Statement number', heading.number],
      ['Period', heading.period],
      ['Generated', heading.generatedAt],
    ];
    for (const [label, value] of facts) {
      say(label, MARGIN, y, { size: 9, color: MUTED });
      say(value, MARGIN + 95, y, { size: 9, bold: label === 'Billed to' });
      y += 14;
    }
    if (heading.provisional) {
      say('Provisional: the month is not over, lines may still be added.', MARGIN, y, { size: 9, bold: true });
      y += 14;
    }
    say(
      'Amounts in the currency each booking was paid in; refunds count in the month of the cancellation.',
      MARGIN,
      y,
      {
        size: 8,
        color: MUTED,
      },
    );
    y += 20;
    tableHeader();

    const totals = new StatementTotals();
    let count = 0;
    for await (const lines of batches) {
      for (const line of lines) {
        totals.add(line);
        count++;
        const cells = COLUMNS.map((column) =>
          wrap(column.text(line), column.width - 2 * PADDING, SIZE, measure, column.maxLines),
        );
        const height = Math.max(...cells.map((cell) => cell.length)) * LEADING + 2 * PADDING;
        ensure(height);
        let x = MARGIN;
        COLUMNS.forEach((column, index) => {
          cells[index].forEach((text, row) =>
            say(text, x + PADDING, y + PADDING + row * LEADING, {
              right: column.align ? x + column.width - PADDING : undefined,
            }),
          );
          x += column.width;
        });
        y += height;
        rule(y);
      }
    }
    if (count === 0) {
      y += 8;
      say('No invoiced bookings or refunds in this month.', MARGIN + PADDING, y, { size: 9, color: MUTED });
      y += LEADING + 8;
    }

    const list = totals.list();
    ensure(40 + list.length * 16);
    y += 18;
    say('Totals per currency', MARGIN, y, { size: 11, bold: true });
    y += 18;
    const right = [A4.width - MARGIN - 210, A4.width - MARGIN - 105, A4.width - MARGIN];
    say('Currency', MARGIN, y, { bold: true });
    ['Charges', 'Refunds', 'Net'].forEach((title, index) => say(title, 0, y, { bold: true, right: right[index] }));
    y += LEADING + 4;
    rule(y, MUTED);
    y += 4;
    for (const row of list) {
      say(row.currency, MARGIN, y, { size: 9 });
      [row.charges, row.refunds, row.net].forEach((amount, index) =>
        say(groupDigits(amount), 0, y, { size: 9, bold: index === 2, right: right[index] }),
      );
      y += 16;
    }
    if (list.length === 0) say('Nothing to pay for this month.', MARGIN, y, { size: 9 });

    const { start, count: pages } = doc.bufferedPageRange();
    for (let page = start; page < start + pages; page++) {
      doc.switchToPage(page);
      say(`${heading.number} · ${heading.organization}`, MARGIN, A4.height - 40, { size: 7, color: MUTED });
      say(`Page ${page - start + 1} of ${pages}`, 0, A4.height - 40, {
        size: 7,
        color: MUTED,
        right: A4.width - MARGIN,
      });
    }
    doc.end();
  };
  render().catch((error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return doc;
}
