/**
 * The rebuild as the add-in will run it: exports dropped on the task pane (text, not files) and a
 * workbook that lives in memory (Excel's sheets, not a file). Nothing here touches a disk.
 */
import assert from 'node:assert/strict';
import {
  rebuildWorkbook,
  tableFromCsv,
  type ExportSource,
  type Rebuilt,
  type RebuildStopped,
  type SheetTable,
  type WorkbookPlan,
  type WorkbookStore,
} from '../../core/index.ts';

const AS_OF = '2026-11-16';

const CUSTOMERS = [
  'Cust No,Title,Forename,Surname,Addr1,Town,Post Code,Mobile No,E-mail,Email Opt In,SMS Opt In',
  'C1,Mrs,Jean,Harrison,1 High Street,Knutsford,WA16 7HX,07700 900123,jean@example.com,Y,Y',
  'C2,Mr,Tom,Jones,2 Low Road,Wilmslow,SK9 9EF,07700 900456,tom@example.com,Y,Y',
].join('\n');

const VEHICLES = ['Reg No,Account,Make,Model,MOT Expiry', 'MX73VCW,C1,Nissan,Juke,01/12/2026', 'VX26GTU,C2,Ford,Focus,03/12/2026'].join('\n');

/** Exports as the task pane gets them: file names and their text. */
function droppedExports(files: Record<string, string>): ExportSource {
  return {
    async *files() {
      for (const [name, text] of Object.entries(files)) yield tableFromCsv(name, text);
    },
  };
}

/**
 * A workbook kept in memory, as Excel holds it for the add-in: a written plan's tables become the
 * sheets read back; `edit` changes a cell as the user would.
 */
class WorkbookInMemory implements WorkbookStore {
  sheets: Map<string, { headers: string[]; rows: (string | number | boolean | null)[][] }> | null = null;
  writes = 0;

  async readSheets(names: readonly string[]): Promise<ReadonlyMap<string, SheetTable> | null> {
    if (!this.sheets) return null;
    const read = new Map<string, SheetTable>();
    for (const name of names) {
      const sheet = this.sheets.get(name);
      if (sheet) read.set(name, { sheet: name, headers: sheet.headers, rows: sheet.rows });
    }
    return read;
  }

  async write(plan: WorkbookPlan) {
    this.writes++;
    this.sheets = new Map(plan.sheets.map((s) => [s.name, { headers: s.table.columns.map((c) => c.header), rows: s.table.rows.map((r) => [...r]) }]));
    return { written: true as const };
  }

  column(sheet: string, header: string): (string | number | boolean | null)[] {
    const s = this.sheets!.get(sheet)!;
    const c = s.headers.indexOf(header);
    assert.ok(c >= 0, `${sheet} has no ${header} column`);
    return s.rows.map((r) => r[c] ?? null);
  }

  edit(sheet: string, header: string, row: number, value: string): void {
    const s = this.sheets!.get(sheet)!;
    let c = s.headers.indexOf(header);
    if (c < 0) {
      s.headers.push(header);
      c = s.headers.length - 1;
    }
    s.rows[row]![c] = value;
  }
}

function built(result: Rebuilt | RebuildStopped): Rebuilt {
  assert.ok(!('stopped' in result), 'stopped' in result ? result.stopped.join('; ') : '');
  return result;
}

const exportsDropped = () => droppedExports({ 'customers.csv': CUSTOMERS, 'vehicles.csv': VEHICLES });

describe('the rebuild with exports and a workbook in memory (as the add-in runs it)', () => {
  it('writes a new workbook with both MOT reminders due', async () => {
    const workbook = new WorkbookInMemory();
    const result = built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    assert.equal(workbook.writes, 1);
    assert.deepEqual(result.retention.dueActions.map((a) => a.code).sort(), ['C1', 'C2']);
    assert.deepEqual(workbook.column('Due Actions', 'Code').sort(), ['C1', 'C2']);
  });

  it('logs a row skipped in the workbook as skipped by the person building, and does not show it again', async () => {
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    const row = workbook.column('Due Actions', 'Code').indexOf('C2');
    const skippedId = workbook.column('Due Actions', 'Action ID')[row];
    workbook.edit('Due Actions', 'Approve', row, 'Skip');

    const result = built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    assert.equal(result.skipped, 1);
    assert.deepEqual(workbook.column('Due Actions', 'Code'), ['C1']);
    assert.deepEqual(workbook.column('Contact Log', 'Action ID'), [skippedId]);
    assert.deepEqual(workbook.column('Contact Log', 'Status'), ['skipped']);
    assert.deepEqual(workbook.column('Contact Log', 'By'), ['Sarah']);
  });

  it('refuses a Method the customer has no address for, reporting its cell on Import Problems, and keeps To with the method', async () => {
    // C1 has no postal address in this export: Letter cannot be used. C2 has a real mobile: SMS can.
    const noAddress = CUSTOMERS.replace('1 High Street,Knutsford,WA16 7HX', ',,').replace('07700 900456', '07495 229621');
    const dropped = () => droppedExports({ 'customers.csv': noAddress, 'vehicles.csv': VEHICLES });
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: dropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    const codes = workbook.column('Due Actions', 'Code');
    workbook.edit('Due Actions', 'Method', codes.indexOf('C1'), 'Letter');
    workbook.edit('Due Actions', 'Method', codes.indexOf('C2'), 'SMS');

    const result = built(await rebuildWorkbook({ exports: dropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    const after = workbook.column('Due Actions', 'Code');
    const rowOf = (code: string) => [workbook.column('Due Actions', 'Method')[after.indexOf(code)], workbook.column('Due Actions', 'To')[after.indexOf(code)]];
    assert.deepEqual(rowOf('C1'), ['Email', 'jean@example.com']);
    assert.deepEqual(rowOf('C2'), ['SMS', '07495 229621']);
    const refused = result.sheetProblems.filter((p) => p.where.sheet === 'Due Actions');
    assert.deepEqual(refused.map((p) => [p.code, p.where.address, p.action]), [['choice_invalid', `G${codes.indexOf('C1') + 2}`, 'method put back to Email']]);
    assert.ok(workbook.column('Import Problems', 'Problem').some((text) => String(text).includes('no valid postal address')));
  });

  it('marks a customer lapsed once while they stay lapsed, and again after they came back, keeping the first mark as history', async () => {
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah', markLapsed: ['C1'] }));
    const again = built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: '2026-11-20', by: 'Sarah', markLapsed: ['C1'] }));
    assert.deepEqual(again.newlyLapsed, [], 'still lapsed: not marked twice');
    // C1 comes back on 01/12/2026, and is marked lapsed again on 10/12/2026.
    const withJob = () => droppedExports({ 'customers.csv': CUSTOMERS, 'vehicles.csv': VEHICLES, 'jobs.csv': 'Job No,Customer Code,Registration,Date Out\nJ1,C1,MX73VCW,01/12/2026' });
    built(await rebuildWorkbook({ exports: withJob(), workbook, asOf: '2026-12-05', by: 'Sarah' }));
    assert.deepEqual(workbook.column('Lapsed', 'Status'), ['returned 01/12/2026']);
    const remarked = built(await rebuildWorkbook({ exports: withJob(), workbook, asOf: '2026-12-10', by: 'Sarah', markLapsed: ['C1'] }));
    assert.deepEqual(remarked.newlyLapsed, ['C1']);
    assert.deepEqual(workbook.column('Lapsed', 'Marked At'), [AS_OF, '2026-12-10']);
    assert.deepEqual(workbook.column('Lapsed', 'Status'), ['returned 01/12/2026', 'lapsed']);
    assert.equal(remarked.retention.lifecycle.find((r) => r.code === 'C1')?.status, 'Lapsed');
  });

  it('carries a column the user added to Due Actions to the same row', async () => {
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    const row = workbook.column('Due Actions', 'Code').indexOf('C1');
    workbook.edit('Due Actions', 'Called?', row, 'Left a message');
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    const after = workbook.column('Due Actions', 'Code').indexOf('C1');
    assert.equal(workbook.column('Due Actions', 'Called?')[after], 'Left a message');
  });

  it('stops without writing when the Contact Log sheet is gone, saying what to do', async () => {
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    workbook.sheets!.delete('Contact Log');
    const result = await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' });
    assert.ok('stopped' in result);
    assert.match(result.stopped[0]!, /no "Contact Log" sheet/);
    assert.equal(workbook.writes, 1);
  });

  it('reads the workbook again when it changed before the write, and writes what it read then', async () => {
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    let changed = false;
    const changing: WorkbookStore = {
      readSheets: (names) => workbook.readSheets(names),
      async write(plan) {
        if (!changed) {
          changed = true;
          // Someone skips C1 after the rebuild read the workbook.
          workbook.edit('Due Actions', 'Approve', workbook.column('Due Actions', 'Code').indexOf('C1'), 'Skip');
          return { written: false, changedSinceRead: 'saved by someone else' };
        }
        return workbook.write(plan);
      },
    };
    const result = built(await rebuildWorkbook({ exports: exportsDropped(), workbook: changing, asOf: AS_OF, by: 'Sarah' }));
    assert.equal(result.rereads, 1);
    assert.equal(result.skipped, 1);
    assert.deepEqual(workbook.column('Due Actions', 'Code'), ['C2']);
  });
});

describe('the rebuild after a send (as `retention send` writes the workbook)', () => {
  const sent = (actionId: string, status: 'sent' | 'failed', reference: string) => ({
    actionId,
    rowStatus: status === 'sent' ? 'Sent' : 'Failed',
    sentAt: AS_OF,
    reference,
    entry: { actionId, sentAt: AS_OF, customerCode: 'C1', contactDue: 'MOT Reminder', method: 'Email' as const, to: 'jean@example.com', status, reference, by: 'Sarah' },
  });

  it('writes each row’s Status, Sent At and Reference, keeps the rows on show, and logs them', async () => {
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    const ids = workbook.column('Due Actions', 'Action ID') as string[];
    const c1 = ids[workbook.column('Due Actions', 'Code').indexOf('C1')]!;
    const c2 = ids[workbook.column('Due Actions', 'Code').indexOf('C2')]!;
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah', sendOutcomes: [sent(c1, 'sent', '<msg-1@garage>'), sent(c2, 'failed', '550 mailbox unavailable')] }));
    const row = (id: string) => ['Status', 'Sent At', 'Reference'].map((h) => workbook.column('Due Actions', h)[(workbook.column('Due Actions', 'Action ID') as string[]).indexOf(id)]);
    assert.deepEqual(row(c1), ['Sent', AS_OF, '<msg-1@garage>']);
    assert.deepEqual(row(c2), ['Failed', AS_OF, '550 mailbox unavailable']);
    assert.deepEqual(workbook.column('Contact Log', 'Status'), ['sent', 'failed']);
  });

  it('logs a send once when the same outcome is reported again (a status written, then asked for again)', async () => {
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    const id = (workbook.column('Due Actions', 'Action ID') as string[])[0]!;
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah', sendOutcomes: [sent(id, 'sent', 'm1')] }));
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah', sendOutcomes: [sent(id, 'sent', 'm1')] }));
    assert.deepEqual(workbook.column('Contact Log', 'Action ID'), [id]);
  });

  it('writes the reason on a row that could not be sent, and keeps it out of the Contact Log', async () => {
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    const id = (workbook.column('Due Actions', 'Action ID') as string[])[0]!;
    const notSent = { actionId: id, rowStatus: 'Not sent', sentAt: null, reference: 'no garage phone in Settings', entry: null };
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah', sendOutcomes: [notSent] }));
    assert.equal(workbook.column('Due Actions', 'Status')[0], 'Not sent');
    assert.equal(workbook.column('Due Actions', 'Reference')[0], 'no garage phone in Settings');
    assert.deepEqual(workbook.column('Contact Log', 'Action ID'), []);
  });

  it('leaves out what was sent on the next build, and brings back what failed', async () => {
    const workbook = new WorkbookInMemory();
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    const ids = workbook.column('Due Actions', 'Action ID') as string[];
    const codes = workbook.column('Due Actions', 'Code');
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah', sendOutcomes: [sent(ids[codes.indexOf('C1')]!, 'sent', 'm1'), sent(ids[codes.indexOf('C2')]!, 'failed', '450 try later')] }));
    built(await rebuildWorkbook({ exports: exportsDropped(), workbook, asOf: AS_OF, by: 'Sarah' }));
    assert.deepEqual(workbook.column('Due Actions', 'Code'), ['C2']);
    assert.deepEqual(workbook.column('Due Actions', 'Status'), ['Failed'], 'the failed row still says how it went');
  });
});
