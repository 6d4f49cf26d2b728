/** The few PDFKit calls the table uses (kept narrow so the flow can be reasoned about and tested). */
export interface TextDoc {
  heightOfString(text: string, options: { width: number; lineGap: number }): number;
  text(
    text: string,
    x: number,
    y: number,
    options: { width: number; lineGap: number; align?: string; fill?: boolean; stroke?: boolean },
  ): unknown;
  rect(x: number, y: number, w: number, h: number): TextDoc;
  fill(color: string): TextDoc;
  stroke(color?: string): TextDoc;
  fillColor(color: string): TextDoc;
  lineWidth(w: number): TextDoc;
  font(name: string): TextDoc;
  fontSize(size: number): TextDoc;
}

export interface Cell {
  text: string;
  width: number;
  /** A label cell: shaded, drawn bold, repeated with "（续）" when its row goes on on the next page. */
  label?: boolean;
  align?: 'left' | 'center';
}

export interface FlowLayout {
  x: number;
  top: number;
  bottom: number;
  fontSize: number;
  font: string;
  newPage: () => void;
}

const PAD = 4;
const LINE_GAP = 2;
/** Below this much room a row is not started on the page (at least a few lines must fit). */
const MIN_ROOM = 56;

/**
 * A bordered table drawn row by row that flows over pages: a row that does not fit is split, each cell's text cut at
 * the last character that fits, and the rest goes on at the top of the next page (labels repeated with "（续）").
 */
export class TableFlow {
  y: number;

  constructor(
    private readonly doc: TextDoc,
    private readonly layout: FlowLayout,
  ) {
    this.y = layout.top;
  }

  /** Moves down (e.g. after a heading), breaking the page when less than `room` is left. */
  space(height: number, room = MIN_ROOM): void {
    if (this.layout.bottom - this.y - height < room) this.nextPage();
    else this.y += height;
  }

  row(cells: readonly Cell[]): void {
    let texts = cells.map((c) => c.text);
    for (;;) {
      const need = this.heightOf(cells, texts);
      const room = this.layout.bottom - this.y;
      if (need <= room) {
        this.draw(cells, texts, need);
        return;
      }
      if (room < MIN_ROOM) {
        this.nextPage();
        continue;
      }
      const parts = cells.map((c, i) =>
        c.label ? [texts[i] ?? '', c.text] : this.split(texts[i] ?? '', c.width, room - 2 * PAD, c),
      );
      this.draw(
        cells,
        parts.map((p) => p[0] ?? ''),
        room,
      );
      texts = parts.map((p, i) => (cells[i]?.label ? `${cells[i]?.text}（续）` : (p[1] ?? '')));
      this.nextPage();
    }
  }

  private nextPage(): void {
    this.layout.newPage();
    this.y = this.layout.top;
  }

  private textHeight(cell: Cell, text: string): number {
    this.doc.font(this.layout.font).fontSize(this.layout.fontSize);
    return text ? this.doc.heightOfString(text, { width: cell.width - 2 * PAD, lineGap: LINE_GAP }) : 0;
  }

  private heightOf(cells: readonly Cell[], texts: readonly string[]): number {
    const min = this.layout.fontSize + LINE_GAP;
    return Math.max(min, ...cells.map((c, i) => this.textHeight(c, texts[i] ?? ''))) + 2 * PAD;
  }

  /** The longest prefix of `text` (whole characters) that fits in `height`, and the rest. */
  private split(text: string, width: number, height: number, cell: Cell): [string, string] {
    const chars = Array.from(text);
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.textHeight({ ...cell, width }, chars.slice(0, mid).join('')) <= height) lo = mid;
      else hi = mid - 1;
    }
    return [chars.slice(0, lo).join(''), chars.slice(lo).join('').replace(/^\n/, '')];
  }

  private draw(cells: readonly Cell[], texts: readonly string[], height: number): void {
    let x = this.layout.x;
    cells.forEach((cell, i) => {
      if (cell.label) this.doc.rect(x, this.y, cell.width, height).fill('#eef1f5');
      this.doc.lineWidth(0.6).rect(x, this.y, cell.width, height).stroke('#333333');
      // labels bold by stroking the one embedded face (a second face would double every form's embedding cost)
      this.doc
        .lineWidth(0.25)
        .fillColor('#000000')
        .text(texts[i] ?? '', x + PAD, this.y + PAD, {
          width: cell.width - 2 * PAD,
          lineGap: LINE_GAP,
          align: cell.align ?? 'left',
          fill: true,
          stroke: Boolean(cell.label),
        });
      x += cell.width;
    });
    this.y += height;
  }
}
