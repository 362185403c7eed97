import { fileURLToPath } from 'node:url';

/**
 * A few layout pieces over pdfkit for the signing certificate: headings, label/value rows and
 * tables whose rows never split across pages and whose cells wrap instead of being cut.
 */

/** The shipped DejaVu fonts (query-side/assets/fonts, resolved from dist/evidence/ or src/evidence/). */
const fontPath = (file: string): string => fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url));

export const FONTS = {
  sans: { name: 'Sans', file: 'DejaVuSans.ttf' },
  bold: { name: 'Sans-Bold', file: 'DejaVuSans-Bold.ttf' },
  mono: { name: 'Mono', file: 'DejaVuSansMono.ttf' },
} as const;
export type FontKey = keyof typeof FONTS;

export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const font of Object.values(FONTS)) doc.registerFont(font.name, fontPath(font.file));
}

const COLORS = { text: '#111111', muted: '#555555', rule: '#b8b8b8', headerFill: '#ececec', alert: '#b00020' } as const;

export interface TextStyle {
  font?: FontKey;
  size?: number;
  color?: keyof typeof COLORS;
}

export interface Column {
  header: string;
  width: number;
  style?: TextStyle;
}

export interface TableRow {
  cells: string[];
  /** A line under the cells, across the whole row (the full hash of a document). */
  below?: { label: string; value: string; style?: TextStyle };
}

const CELL_PAD = 3;

export class PdfLayout {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
      this.doc.x = this.left;
      this.doc.y = this.doc.page.margins.top;
    }
  }

  space(points: number): void {
    this.doc.y += points;
  }

  title(text: string, size: number): void {
    this.write(text, { font: 'bold', size }, { align: 'center' });
  }

  /** A section heading, kept on one page with the first `keepWith` points of what follows. */
  heading(text: string, keepWith = 40): void {
    this.style({ font: 'bold', size: 11 });
    this.ensure(this.doc.heightOfString(text, { width: this.width }) + 14 + keepWith);
    this.space(8);
    this.write(text, { font: 'bold', size: 11 });
    const y = this.doc.y + 1;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.6)
      .strokeColor(COLORS.rule)
      .stroke();
    this.space(5);
  }

  paragraph(text: string, style: TextStyle = {}, options: PDFKit.Mixins.TextOptions = {}): void {
    this.ensure(this.paragraphHeight(text, style, options));
    this.write(text, style, options);
  }

  paragraphHeight(text: string, style: TextStyle = {}, options: PDFKit.Mixins.TextOptions = {}): number {
    this.style(style);
    return this.doc.heightOfString(text, { width: this.width, ...options });
  }

  /** Label / value rows; the value wraps in its column. */
  fields(rows: readonly { label: string; value: string; style?: TextStyle }[], labelWidth = 150): void {
    const valueWidth = this.width - labelWidth;
    for (const row of rows) {
      const labelStyle: TextStyle = { font: 'sans', size: 9, color: 'muted' };
      const valueStyle: TextStyle = { font: 'sans', size: 9, ...row.style };
      const height = Math.max(this.measure(row.label, labelStyle, labelWidth - 8), this.measure(row.value, valueStyle, valueWidth));
      this.ensure(height + 3);
      const y = this.doc.y;
      this.at(row.label, this.left, y, labelWidth - 8, labelStyle);
      this.at(row.value, this.left + labelWidth, y, valueWidth, valueStyle);
      this.doc.x = this.left;
      this.doc.y = y + height + 3;
    }
  }

  /** A table with a shaded header row, repeated on each page the table continues on. */
  table(columns: readonly Column[], rows: readonly TableRow[]): void {
    const headerStyle: TextStyle = { font: 'bold', size: 8 };
    const headerHeight = Math.max(...columns.map((c) => this.measure(c.header, headerStyle, c.width - 2 * CELL_PAD))) + 2 * CELL_PAD;
    const drawHeader = () => {
      const y = this.doc.y;
      this.doc.rect(this.left, y, this.width, headerHeight).fill(COLORS.headerFill);
      let x = this.left;
      for (const column of columns) {
        this.at(column.header, x + CELL_PAD, y + CELL_PAD, column.width - 2 * CELL_PAD, headerStyle);
        x += column.width;
      }
      this.doc.y = y + headerHeight;
    };

    const rowHeights = rows.map((row) => this.rowHeight(columns, row));
    this.ensure(headerHeight + (rowHeights[0] ?? 0));
    drawHeader();
    rows.forEach((row, index) => {
      const height = rowHeights[index]!;
      if (this.doc.y + height > this.bottom) {
        this.ensure(height + headerHeight + 1);
        drawHeader();
      }
      const y = this.doc.y;
      let x = this.left;
      columns.forEach((column, i) => {
        this.at(row.cells[i] ?? '', x + CELL_PAD, y + CELL_PAD, column.width - 2 * CELL_PAD, cellStyle(column));
        x += column.width;
      });
      if (row.below) {
        const cellsHeight = this.cellsHeight(columns, row);
        const { labelWidth, valueWidth } = this.belowWidths(columns);
        const belowY = y + cellsHeight;
        this.at(row.below.label, this.left + (columns[0]?.width ?? 0) + CELL_PAD, belowY, labelWidth, {
          font: 'sans',
          size: 8,
          color: 'muted',
        });
        this.at(row.below.value, this.left + (columns[0]?.width ?? 0) + CELL_PAD + labelWidth, belowY, valueWidth, belowStyle(row));
      }
      const ruleY = y + height;
      this.doc
        .moveTo(this.left, ruleY)
        .lineTo(this.left + this.width, ruleY)
        .lineWidth(0.4)
        .strokeColor(COLORS.rule)
        .stroke();
      this.doc.x = this.left;
      this.doc.y = ruleY;
    });
    this.space(4);
  }

  /** Text outside the margins (header and footer lines): no automatic page break. */
  marginText(text: string, x: number, y: number, width: number, style: TextStyle, align: 'left' | 'right' | 'center'): void {
    const margins = { ...this.doc.page.margins };
    this.doc.page.margins.bottom = 0;
    this.style(style);
    this.doc.text(text, x, y, { width, align, lineBreak: false });
    this.doc.page.margins.bottom = margins.bottom;
  }

  private rowHeight(columns: readonly Column[], row: TableRow): number {
    const cells = this.cellsHeight(columns, row);
    if (!row.below) return cells;
    const { labelWidth, valueWidth } = this.belowWidths(columns);
    const below = Math.max(
      this.measure(row.below.label, { font: 'sans', size: 8 }, labelWidth),
      this.measure(row.below.value, belowStyle(row), valueWidth),
    );
    return cells + below + CELL_PAD;
  }

  private cellsHeight(columns: readonly Column[], row: TableRow): number {
    const heights = columns.map((column, i) => this.measure(row.cells[i] ?? '', cellStyle(column), column.width - 2 * CELL_PAD));
    return Math.max(...heights) + 2 * CELL_PAD;
  }

  private belowWidths(columns: readonly Column[]): { labelWidth: number; valueWidth: number } {
    const labelWidth = 48;
    return { labelWidth, valueWidth: this.width - (columns[0]?.width ?? 0) - labelWidth - 2 * CELL_PAD };
  }

  private measure(text: string, style: TextStyle, width: number): number {
    this.style(style);
    return this.doc.heightOfString(text === '' ? ' ' : text, { width });
  }

  private at(text: string, x: number, y: number, width: number, style: TextStyle): void {
    this.style(style);
    this.doc.text(text, x, y, { width });
  }

  private write(text: string, style: TextStyle, options: PDFKit.Mixins.TextOptions = {}): void {
    this.style(style);
    this.doc.text(text, this.left, this.doc.y, { width: this.width, ...options });
    this.doc.x = this.left;
  }

  private style({ font = 'sans', size = 9, color = 'text' }: TextStyle): void {
    this.doc.font(FONTS[font].name).fontSize(size).fillColor(COLORS[color]);
  }
}

const cellStyle = (column: Column): TextStyle => ({ font: 'sans', size: 8, ...column.style });
const belowStyle = (row: TableRow): TextStyle => ({ font: 'mono', size: 8, ...row.below?.style });
