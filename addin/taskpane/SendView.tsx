/**
 * Send approved from the pane: first what will go (per channel, the texts' SMS parts, what the
 * mailbox may still send today, the rows that cannot go and why), then the send itself, each
 * row's status as the worker reports it.
 */
import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { londonDate } from '../../core/index.ts';
import { approvedRows } from '../shared/approved-rows.ts';
import { openWorkbook } from '../shared/open-workbook.ts';
import { sendApproved, type Outcome } from '../shared/send-approved.ts';
import { previewSend, type RowToSend, type SendPreview } from '../shared/worker-api.ts';
import { loadSettings } from '../shared/worker-settings.ts';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

type Checked = { rows: RowToSend[]; preview: SendPreview };

export function SendView() {
  const styles = useStyles();
  const [busy, setBusy] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<Outcome | null>(null);

  async function check() {
    setBusy('Reading Due Actions…');
    setProblem(null);
    setChecked(null);
    setSent(null);
    try {
      const workbook = openWorkbook();
      const settings = loadSettings();
      if (!workbook) return setProblem('This workbook has no Retention Desk sheets yet: load your exports first.');
      const approved = await approvedRows(workbook.store, londonDate(new Date()), settings.by);
      if ('stopped' in approved) return setProblem(approved.stopped.join(' '));
      if (approved.rows.length === 0) return setProblem('No row on Due Actions is set to Yes under Approve (rows already sent are not offered again).');
      setBusy('Asking the worker what will go…');
      const preview = await previewSend(settings, approved.rows);
      if (!preview.ok) return setProblem(preview.failure.message);
      setChecked({ rows: approved.rows, preview: preview.value });
    } finally {
      setBusy(null);
    }
  }

  async function send() {
    setBusy('Sending…');
    try {
      setSent(await sendApproved(openWorkbook(), loadSettings(), new Date()));
      setChecked(null);
    } finally {
      setBusy(null);
    }
  }

  const going = checked ? checked.rows.length - checked.preview.refused.length : 0;
  return (
    <section className={styles.view} aria-label="Send approved">
      <Text>Sends the rows set to Yes under Approve on Due Actions, through the worker, and writes each row's Status, Sent At and Reference back.</Text>
      <div>
        <Button appearance={checked ? 'secondary' : 'primary'} onClick={() => void check()} disabled={busy !== null}>
          Check what will go
        </Button>
      </div>
      {busy && <Spinner size="tiny" label={busy} />}
      {problem && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {checked && (
        <>
          <Subtitle2 as="h2">{going} ready to go</Subtitle2>
          <ul className={styles.list}>
            {Object.entries(checked.preview.byChannel).map(([channel, count]) => (
              <li key={channel}>
                {channel}: {count}
                {channel === 'SMS' ? ` (${checked.preview.smsSegments} SMS parts)` : ''}
              </li>
            ))}
            {checked.preview.mailboxRemainingToday !== null && <li>The mailbox may send {checked.preview.mailboxRemainingToday} more emails today.</li>}
          </ul>
          {checked.preview.refused.length > 0 && (
            <>
              <Subtitle2 as="h2">{checked.preview.refused.length} cannot go</Subtitle2>
              <ul className={styles.list}>
                {checked.preview.refused.map((r) => (
                  <li key={r.actionId}>
                    {r.actionId}: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div>
            <Button appearance="primary" onClick={() => void send()} disabled={busy !== null || going === 0}>
              Send {going}
            </Button>
          </div>
        </>
      )}
      {sent && (
        <MessageBar intent={sent.ok ? 'success' : 'error'} role="status">
          <MessageBarBody>
            <MessageBarTitle>{sent.ok ? 'Handed to the worker' : 'Not everything went'}</MessageBarTitle>
            {sent.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
