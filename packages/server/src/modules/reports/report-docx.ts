import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  type IRunOptions,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

/** A report as words, tables and pictures, before it becomes a Word file. Built by the report service. */
export interface ReportDocument {
  title: string;
  /** Under the title: the issuing office and the date. */
  byline: string;
  sections: ReportSection[];
}

export interface ReportSection {
  /** 一、工作成效 — numbered by the builder. */
  heading: string;
  paragraphs: string[];
  table?: ReportTable;
  charts?: ReportChart[];
}

export interface ReportTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface ReportChart {
  caption: string;
  png: Buffer;
  /** Displayed size in pixels at 96 dpi. */
  width: number;
  height: number;
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// Sizes in half-points, as in official documents (党政机关公文格式): title 二号, headings and body 三号, tables 小四.
const TITLE_SIZE = 44;
const BODY_SIZE = 32;
const TABLE_SIZE = 24;
const FONTS = { title: '方正小标宋简体', heading: '黑体', body: '仿宋_GB2312', table: '宋体' };

function run(text: string, font: string, size: number, strong = false): TextRun {
  // Typed apart: in an inline literal the linter takes `bold` for the deprecated String.prototype.bold.
  const options: IRunOptions = { text, size, bold: strong, font: { ascii: font, eastAsia: font, hAnsi: font } };
  return new TextRun(options);
}

// A4 text width in twips with the page margins below, and the width of each figure column of a table.
const PAGE_MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 };
const TEXT_WIDTH = 11906 - PAGE_MARGIN.left - PAGE_MARGIN.right;
const FIGURE_COLUMN = 1180;

// Body lines at a fixed 28 pt (560 twips) with the first line indented two characters.
const BODY_SPACING = { line: 560, lineRule: LineRuleType.EXACT };

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, FONTS.table, TABLE_SIZE, header)] })],
  });
}

function table(data: ReportTable): (Paragraph | Table)[] {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, children: [run(data.caption, FONTS.heading, TABLE_SIZE)] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      // The indicator names get the room they need; the figures share the rest.
      columnWidths: data.columns.map((_, i) => (i === 0 ? TEXT_WIDTH - (data.columns.length - 1) * FIGURE_COLUMN : FIGURE_COLUMN)),
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: [
        new TableRow({ tableHeader: true, children: data.columns.map((c) => cell(c, true)) }),
        ...data.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
      ],
    }),
  ];
}

function chart(data: ReportChart): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data: data.png, transformation: { width: data.width, height: data.height }, altText: { name: data.caption, title: data.caption, description: data.caption } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(data.caption, FONTS.table, TABLE_SIZE)] }),
  ];
}

/** The report as a .docx file: title, byline, numbered sections of prose, tables and charts. */
export async function reportDocx(report: ReportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(report.title, FONTS.title, TITLE_SIZE)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [run(report.byline, FONTS.body, BODY_SIZE)] }),
  ];
  report.sections.forEach((section, i) => {
    children.push(new Paragraph({ spacing: BODY_SPACING, indent: { firstLineChars: 200 }, children: [run(`${CHINESE_NUMERALS[i] ?? String(i + 1)}、${section.heading}`, FONTS.heading, BODY_SIZE)] }));
    for (const text of section.paragraphs) {
      children.push(new Paragraph({ spacing: BODY_SPACING, indent: { firstLineChars: 200 }, alignment: AlignmentType.JUSTIFIED, children: [run(text, FONTS.body, BODY_SIZE)] }));
    }
    if (section.table) children.push(...table(section.table));
    for (const c of section.charts ?? []) children.push(...chart(c));
  });
  const document = new Document({
    creator: '清源禁毒工作平台',
    title: report.title,
    sections: [{ properties: { page: { margin: PAGE_MARGIN } }, children }],
  });
  return Packer.toBuffer(document);
}
