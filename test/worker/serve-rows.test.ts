/** The add-in's rows as the worker takes them, without the HTTP around them. */
import assert from 'node:assert/strict';
import { compileTemplates } from '../../core/index.ts';
import { openSqliteLedger } from '../../worker/ledger/sqlite-ledger.ts';
import { submitRows } from '../../worker/serve/rows.ts';
import type { RowsBody } from '../../worker/serve/schemas.ts';
import { readTemplateFiles } from '../../worker/templates.ts';
import { approvedRow } from './support/serve.ts';

describe('rows submitted to the worker', () => {
  it("leaves the emails past a Microsoft 365 mailbox's daily limit Not sent, for tomorrow, and queues the rest", async () => {
    const ledger = await openSqliteLedger(null);
    const { value: templates } = compileTemplates(await readTemplateFiles());
    const body = { by: 'Sarah', rows: [approvedRow(1), approvedRow(2), approvedRow(3, 'SMS')] } as RowsBody;
    const replies = await submitRows(body, ledger, templates, new Date('2026-11-16T10:00:00Z'), 1);
    assert.deepEqual(replies.map((r) => r.state), ['queued', 'not sent', 'queued']);
    assert.match(replies[1]!.reason!, /daily limit: send again tomorrow/);
    assert.equal(await ledger.get(body.rows[1]!.action.actionId, 'Email'), null, 'nothing queued for it');
    await ledger.close();
  });
});
