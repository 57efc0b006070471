/**
 * A second reader: the workbook as SheetJS (@e965/xlsx, from npm) sees it, so we are not only
 * checking exceljs against itself. What SheetJS does not read — tables, conditional formats, data
 * validations, the frozen pane, page orientation — is read from the package's XML parts with JSZip,
 * so every property the workbook promises is checked by something other than exceljs.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { writeWorkbook } from '../../../worker/xlsx/write-workbook.ts';
import { samplePlan } from '../../core/workbook/sample-garage.ts';

/** Every `<name …>` tag in `xml`, as its attributes. */
function tags(xml: string, name: string): Record<string, string>[] {
  const decode = (v: string) => v.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...xml.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map(([tag]) => Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)])));
}

const textOf = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));

/** The package's parts as plain XML: a sheet's own part and the parts its relationships name. */
class Parts {
  constructor(private readonly zip: JSZip) {}

  async text(part: string): Promise<string> {
    const file = this.zip.file(part);
    assert.ok(file, `the package has no ${part}`);
    return file.async('string');
  }

  /** Relationship id → part path, resolved against the part that owns them. */
  async relationships(part: string): Promise<Map<string, string>> {
    const rels = this.zip.file(posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`));
    const targets = new Map<string, string>();
    for (const { Id, Target } of tags((await rels?.async('string')) ?? '', 'Relationship')) {
      targets.set(Id!, Target!.startsWith('/') ? Target!.slice(1) : posix.join(posix.dirname(part), Target!));
    }
    return targets;
  }

  async sheet(name: string): Promise<string> {
    const workbook = await this.text('xl/workbook.xml');
    const sheet = tags(workbook, 'sheet').find((s) => s.name === name);
    assert.ok(sheet, `no sheet ${name}`);
    return (await this.relationships('xl/workbook.xml')).get(sheet['r:id']!)!;
  }

  async tables(sheetName: string): Promise<{ name: string; ref: string; filter: string | undefined }[]> {
    const part = await this.sheet(sheetName);
    const rels = await this.relationships(part);
    const found = [];
    for (const { 'r:id': id } of tags(await this.text(part), 'tablePart')) {
      const table = await this.text(rels.get(id!)!);
      const [head] = tags(table, 'table');
      found.push({ name: head!.name!, ref: head!.ref!, filter: tags(table, 'autoFilter')[0]?.ref });
    }
    return found;
  }
}

describe('the workbook as a second reader (SheetJS, and its XML parts) sees it', () => {
  let dir: string;
  let workbook: XLSX.WorkBook;
  let parts: Parts;
  const plan = samplePlan();
  const due = plan.sheets[0]!;
  const lastDueRow = due.table.rows.length + 1;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retention-second-reader-'));
    const path = join(dir, 'retention.xlsx');
    await writeWorkbook(plan, path);
    const bytes = await readFile(path);
    // WTF: throw on anything SheetJS finds unexpected, rather than reading past it.
    workbook = XLSX.read(bytes, { cellStyles: true, cellNF: true, WTF: true });
    parts = new Parts(await JSZip.loadAsync(bytes));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens without complaint and finds every sheet in order', () => {
    assert.deepEqual(workbook.SheetNames, plan.sheets.map((s) => s.name));
  });

  it('finds the header row and the data under it, the headers as text even over date columns', () => {
    const sheet = workbook.Sheets['Due Actions']!;
    const headers = due.table.columns.map((_, c) => sheet[XLSX.utils.encode_cell({ r: 0, c })]?.w);
    assert.deepEqual(headers, due.table.columns.map((c) => c.header));
    assert.deepEqual(XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 })[0], due.table.columns.map((c) => c.header));
    assert.equal(sheet['!ref'], `A1:O${lastDueRow}`);
    assert.equal(sheet.O2?.v, due.table.rows[0]![14]);
  });

  it('reads a date as a real date on the same calendar day, formatted dd/mm/yyyy', () => {
    const cell = workbook.Sheets['Due Actions']!.B2!;
    assert.equal(cell.t, 'n');
    assert.equal(cell.z, 'dd/mm/yyyy');
    const { y, m, d } = XLSX.SSF.parse_date_code(cell.v as number);
    const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    assert.equal(day, due.table.rows[0]![1]);
    assert.equal(cell.w, day.split('-').reverse().join('/'));
  });

  it('reads =HYPERLINK(…) and +44… as strings, never as formulas', () => {
    const customers = workbook.Sheets.Customers!;
    assert.deepEqual([customers.B3!.t, customers.B3!.v, customers.B3!.f], ['s', '=HYPERLINK("http://evil.example","click")', undefined]);
    assert.deepEqual([customers.B5!.t, customers.B5!.v, customers.B5!.f], ['s', '+44 Motors', undefined]);
    const dueSheet = workbook.Sheets['Due Actions']!;
    assert.deepEqual([dueSheet.D2!.t, dueSheet.D2!.f], ['s', undefined]);
  });

  it('finds each column’s width and whether it is hidden', () => {
    for (const sheet of plan.sheets) {
      const cols = workbook.Sheets[sheet.name]!['!cols'] ?? [];
      sheet.table.columns.forEach((column, i) => {
        assert.equal(cols[i]?.width, column.width, `${sheet.name} ${column.header} width`);
        assert.equal(Boolean(cols[i]?.hidden), column.hidden, `${sheet.name} ${column.header} hidden`);
      });
    }
  });

  it('finds the header row repeated on every printed page', () => {
    const titles = (workbook.Workbook?.Names ?? []).filter((n) => n.Name === '_xlnm.Print_Titles');
    assert.deepEqual(
      titles.map((n) => [n.Sheet, n.Ref]),
      plan.sheets.map((s, i) => [i, `'${s.name}'!$1:$1`]),
    );
  });

  it('finds no static fill on the work phone the import could not use (its yellow is a conditional format)', () => {
    const cell = workbook.Sheets.Customers!.X5 as { s?: { patternType?: string } } | undefined;
    assert.notEqual(cell?.s?.patternType, 'solid');
  });

  it('finds every sheet’s Excel table, with its filter over the whole table', async () => {
    assert.deepEqual(await parts.tables('Due Actions'), [{ name: 'DueActions', ref: `A1:O${lastDueRow}`, filter: `A1:O${lastDueRow}` }]);
    assert.deepEqual(
      [...(await parts.tables('Audit')), ...(await parts.tables('Audit Summary'))].map((t) => t.name),
      ['Audit', 'AuditSummary'],
    );
    for (const sheet of plan.sheets) {
      const tables = await parts.tables(sheet.name);
      assert.ok(tables.length > 0, `${sheet.name} has a table`);
      for (const t of tables) assert.equal(t.filter, t.ref, `${t.name} filters its whole table`);
    }
  });

  it('finds the conditional formats with their fills, and the data bar', async () => {
    const styles = await parts.text('xl/styles.xml');
    const dxfs = (styles.match(/<dxfs\b[\s\S]*?<\/dxfs>/)?.[0] ?? '').split('</dxf>').map((dxf) => tags(dxf, 'bgColor')[0]?.rgb);
    const formats = async (sheetName: string) => {
      const sheet = await parts.text(await parts.sheet(sheetName));
      return [...sheet.matchAll(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g)].map(([block]) => {
        const [rule] = tags(block, 'cfRule');
        return [tags(block, 'conditionalFormatting')[0]!.sqref, rule!.type, textOf(block, 'formula')[0] ?? null, rule!.dxfId === undefined ? null : dxfs[Number(rule!.dxfId)]];
      });
    };
    assert.deepEqual(await formats('Due Actions'), [
      [`A2:O${lastDueRow}`, 'expression', 'LOWER(TRIM($L2))="failed"', 'FFF4A6A6'],
      [`A2:O${lastDueRow}`, 'expression', 'AND(NOT(LEN(TRIM($O2))=0),LEN(TRIM($G2))=0)', 'FFFFC982'],
    ]);
    assert.ok((await formats('Audit Summary')).some(([, type]) => type === 'dataBar'));
  });

  it('finds the dropdowns for Approve and Method', async () => {
    const sheet = await parts.text(await parts.sheet('Due Actions'));
    const validations = [...sheet.matchAll(/<dataValidation\b[\s\S]*?<\/dataValidation>/g)].map(([v]) => [tags(v, 'dataValidation')[0]!.sqref, textOf(v, 'formula1')[0]]);
    assert.deepEqual(validations, [
      [`A2:A${lastDueRow}`, '"Yes,Hold,Skip"'],
      [`G2:G${lastDueRow}`, '"Email,SMS,Letter"'],
    ]);
  });

  it('finds the header frozen and the page set to landscape A4', async () => {
    for (const sheet of plan.sheets) {
      const xml = await parts.text(await parts.sheet(sheet.name));
      const [pane] = tags(xml, 'pane');
      assert.deepEqual([pane?.state, pane?.ySplit, pane?.topLeftCell], ['frozen', '1', 'A2'], `${sheet.name} freezes its header`);
      const [setup] = tags(xml, 'pageSetup');
      assert.deepEqual([setup?.orientation, setup?.paperSize], [sheet.print.orientation, '9'], `${sheet.name} page setup`);
    }
  });
});
