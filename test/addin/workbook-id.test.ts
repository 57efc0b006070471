import assert from 'node:assert/strict';
import { workbookId } from '../../addin/excel/workbook-id.ts';
import { FakeExcel } from './support/fake-excel.ts';

describe("the workbook's own id, which the exports kept on this computer are filed under", () => {
  it('is made once, saved in the workbook, and the same every time after', async () => {
    const excel = new FakeExcel();
    const made = await workbookId(excel.run, { create: true });
    assert.match(made ?? '', /^[0-9a-f-]{32,36}$/);
    assert.equal(excel.workbook.settings.get('RetentionDesk.WorkbookId'), made);
    assert.equal(await workbookId(excel.run, { create: true }), made);
    assert.equal(await workbookId(excel.run, { create: false }), made);
  });

  it('is not made by only asking: a workbook that never had exports loaded has none', async () => {
    const excel = new FakeExcel();
    assert.equal(await workbookId(excel.run, { create: false }), null);
    assert.equal(excel.workbook.settings.size, 0);
  });

  it('differs between two workbooks', async () => {
    const [a, b] = [new FakeExcel(), new FakeExcel()];
    assert.notEqual(await workbookId(a.run, { create: true }), await workbookId(b.run, { create: true }));
  });
});
