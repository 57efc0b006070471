/**
 * A second reader: the workbook as openpyxl (Python) sees it, so we are not only checking exceljs
 * against itself. Needs python3 with openpyxl (Debian: apt-get install python3-openpyxl). It fails,
 * never skips, when openpyxl is missing: a workbook nobody else has read is not tested.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkbook } from '../../../worker/xlsx/write-workbook.ts';
import { samplePlan } from '../../core/workbook/sample-garage.ts';

/** The first Python that can import openpyxl: $OPENPYXL_PYTHON, python3, then the system's own (a pyenv shim hides Debian's packages). */
function pythonWithOpenpyxl(): string {
  const candidates = [process.env.OPENPYXL_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c));
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import openpyxl'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  throw new Error(`openpyxl is not installed for ${candidates.join(', ')}: install it (Debian: apt-get install -y python3-openpyxl) or set OPENPYXL_PYTHON.`);
}

const SCRIPT = `
import json, sys, warnings
warnings.simplefilter('error')  # a warning while loading means openpyxl found something odd
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
due = wb['Due Actions']
customers = wb['Customers']
audit = wb['Audit']
def rules(ws):
    return [(str(cf.sqref), r.type, (r.formula or [None])[0], r.dxf.fill.bgColor.rgb if r.dxf is not None and r.dxf.fill is not None else None)
            for cf in ws.conditional_formatting for r in cf.rules]
print(json.dumps({
    'sheets': wb.sheetnames,
    'tables': {ws.title: sorted(ws.tables.keys()) for ws in wb.worksheets},
    'date': due['B2'].value.strftime('%Y-%m-%d'),
    'dateFormat': due['B2'].number_format,
    'hyperlinkType': customers['B3'].data_type,
    'hyperlinkValue': customers['B3'].value,
    'dueRules': rules(due),
    'auditRules': [r[1] for r in rules(audit)],
    'markedFill': customers['O5'].fill.fgColor.rgb,
    'validations': [(str(v.sqref), v.formula1) for v in due.data_validations.dataValidation],
    'freeze': due.freeze_panes,
    'printTitles': due.print_title_rows,
    'orientation': due.page_setup.orientation,
}))
`;

describe('the workbook as openpyxl reads it', () => {
  let dir: string;
  let seen: {
    sheets: string[];
    tables: Record<string, string[]>;
    date: string;
    dateFormat: string;
    hyperlinkType: string;
    hyperlinkValue: string;
    dueRules: [string, string, string, string][];
    auditRules: string[];
    markedFill: string;
    validations: [string, string][];
    freeze: string;
    printTitles: string;
    orientation: string;
  };
  const plan = samplePlan();

  before(async () => {
    const python = pythonWithOpenpyxl();
    dir = await mkdtemp(join(tmpdir(), 'retention-openpyxl-'));
    const path = join(dir, 'retention.xlsx');
    await writeWorkbook(plan, path);
    seen = JSON.parse(execFileSync(python, ['-c', SCRIPT, path], { encoding: 'utf8' }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens without a warning and finds every sheet in order', () => {
    assert.deepEqual(seen.sheets, plan.sheets.map((s) => s.name));
  });

  it('finds the Excel tables', () => {
    assert.deepEqual(seen.tables['Due Actions'], ['DueActions']);
    assert.deepEqual(seen.tables.Audit, ['Audit', 'AuditSummary']);
  });

  it('reads a date as the same calendar date, formatted dd/mm/yyyy', () => {
    assert.equal(seen.date, plan.sheets[0]!.table.rows[0]![1]);
    assert.equal(seen.dateFormat, 'dd/mm/yyyy');
  });

  it('reads =HYPERLINK(…) as a string', () => {
    assert.deepEqual([seen.hyperlinkType, seen.hyperlinkValue], ['s', '=HYPERLINK("http://evil.example","click")']);
  });

  it('finds the conditional formats with their fills, and the data bar', () => {
    const last = plan.sheets[0]!.table.rows.length + 1;
    assert.deepEqual(seen.dueRules, [
      [`A2:O${last}`, 'expression', 'LOWER(TRIM($L2))="failed"', 'FFF4A6A6'],
      [`A2:O${last}`, 'expression', 'AND(NOT(LEN(TRIM($O2))=0),LEN(TRIM($G2))=0)', 'FFFFC982'],
    ]);
    assert.ok(seen.auditRules.includes('dataBar'));
  });

  it('finds the static fill, the dropdowns, the frozen header and the print setup', () => {
    assert.equal(seen.markedFill, 'FFFFF2A8');
    const last = plan.sheets[0]!.table.rows.length + 1;
    assert.deepEqual(seen.validations, [
      [`A2:A${last}`, '"Yes,Hold,Skip"'],
      [`G2:G${last}`, '"Email,SMS,Letter"'],
    ]);
    assert.deepEqual([seen.freeze, seen.printTitles, seen.orientation], ['A2', '$1:$1', 'landscape']);
  });
});
