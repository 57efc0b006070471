import assert from 'node:assert/strict';
import { col } from '../../../core/workbook/columns.ts';
import { MIN_PRINT_SCALE, PLANNED_MIN_SCALE, PRINTABLE_WIDTH_PX, columnPixels, fitScale, printLayout } from '../../../core/workbook/print.ts';
import type { WorkbookPlan } from '../../../core/workbook/plan.ts';
import { samplePlan } from './sample-garage.ts';

/** n text columns w characters wide. */
const columns = (n: number, w: number, print = true) => Array.from({ length: n }, (_, i) => col(`c${i}`, `C${i}`, 'text', { width: w, print }));

describe('how a sheet prints', () => {
  it('reckons A4 landscape at Excel’s normal margins as 988 pixels across, and a column as 7w + 5', () => {
    assert.equal(PRINTABLE_WIDTH_PX, 988);
    assert.equal(columnPixels(10), 75);
  });

  const cases: { description: string; widths: number[]; pages: 1 | 2; scale: number }[] = [
    { description: 'prints a narrow sheet one page wide at full size', widths: [20, 20, 20], pages: 1, scale: 1 },
    // 10 × 138 px = 1380 px: one page at 71.5% keeps the type above 7 pt, in LibreOffice too.
    { description: 'fits a sheet one page wide while the type stays at 7 pt or more', widths: Array(10).fill(19), pages: 1, scale: 0.715 },
    // 10 × 145 px = 1450 px: 68.1% on one page, which LibreOffice would print a little under 7 pt.
    { description: 'goes two pages wide with a margin for LibreOffice fitting a little smaller', widths: Array(10).fill(20), pages: 2, scale: 1 },
    // 20 × 145 px = 2900 px: one page would be 34%; two pages of 10 columns, 1450 px each, 68%.
    { description: 'goes two pages wide when one page would shrink the type below 7 pt', widths: Array(20).fill(20), pages: 2, scale: 0.681 },
    // Pages break between columns: 7 + 6 columns of 145 px need the first page to hold 1015 px.
    { description: 'breaks pages between columns, as Excel does', widths: Array(13).fill(20), pages: 2, scale: 0.973 },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const layout = printLayout(c.widths.map((w, i) => col(`c${i}`, `C${i}`, 'text', { width: w })));
      assert.equal(layout.pagesWide, c.pages);
      assert.ok(Math.abs(layout.scale - c.scale) < 0.002, `scale ${layout.scale}, expected ${c.scale}`);
    });
  }

  it('leaves the columns after the first one marked not to print out of the print area', () => {
    const layout = printLayout([...columns(3, 20), ...columns(2, 44, false)]);
    assert.equal(layout.printColumns, 3);
    assert.equal(layout.scale, 1);
  });

  it('finds the largest scale at which the columns fit the pages', () => {
    const px = [500, 500, 500];
    const scale = fitScale(px, 2);
    // Two columns to a page need 1000 px × scale ≤ 988.
    assert.ok(scale <= 0.988 && scale > 0.986, String(scale));
  });
});

describe('the sample workbook on paper', () => {
  const plan: WorkbookPlan = samplePlan();
  const sheet = (name: string) => plan.sheets.find((s) => s.name === name)!;

  it('prints every sheet at 64% or more (type of about 7 pt), at most two pages wide, landscape with the header repeated', () => {
    for (const s of plan.sheets) {
      assert.ok(s.print.scale !== null && s.print.scale >= PLANNED_MIN_SCALE && PLANNED_MIN_SCALE > MIN_PRINT_SCALE, `${s.name}: ${s.print.scale}`);
      assert.ok(s.print.fitToWidth <= 2, s.name);
      assert.equal(s.print.orientation, 'landscape');
      assert.equal(s.print.repeatHeaderRow, true);
    }
  });

  it('leaves the Action ID off paper on Due Actions and the Contact Log', () => {
    for (const name of ['Due Actions', 'Contact Log']) {
      const s = sheet(name);
      const printed = s.table.columns.slice(0, s.print.printColumns ?? undefined).map((c) => c.header);
      assert.ok(!printed.includes('Action ID'), name);
      assert.equal(s.table.columns.at(-1)?.header, 'Action ID', name);
    }
  });

  it('prints Customers two pages wide, the name parts, further address lines and consent flags off paper', () => {
    const s = sheet('Customers');
    assert.equal(s.print.fitToWidth, 2);
    const printed = s.table.columns.slice(0, s.print.printColumns ?? undefined).map((c) => c.header);
    assert.ok(printed.includes('Email') && printed.includes('Do Not Contact'));
    assert.ok(!printed.includes('SMS Marketing') && !printed.includes('Title'));
  });

  it('heads every page with the sheet’s name and the as-of date, and numbers it "Page N of M"', () => {
    for (const s of plan.sheets) {
      assert.match(s.print.header, /&A/, s.name);
      assert.match(s.print.header, /As of 16\/11\/2026/, s.name);
      assert.equal(s.print.footer, '&CPage &P of &N', s.name);
      // Excel refuses a header longer than 255 characters, codes included.
      assert.ok(s.print.header.length <= 255, `${s.name}: ${s.print.header.length}`);
    }
  });
});
