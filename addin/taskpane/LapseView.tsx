/**
 * Mark lapsed: the customers selected on the Lapsing sheet are marked lapsed — after the user
 * says yes — by rebuilding the workbook from this session's exports with the marks, exactly as
 * `retention lapse` does. Nobody is deleted: a mark is a line on the Lapsed sheet, and a customer
 * who comes back is current again.
 */
import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LAPSED_SHEET, LAPSING_SHEET, londonDate } from '../../core/index.ts';
import { selectedLapsingCustomers } from '../excel/selected-lapsing.ts';
import { loadSettings } from '../shared/worker-settings.ts';
import { LOAD_FIRST, markLapsed, sessionExports } from '../shared/session.ts';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
});

type Said = { intent: 'success' | 'warning' | 'error'; title: string; text: string } | null;

/** 16/11/2026. */
const ukDateText = (date: string) => date.split('-').reverse().join('/');

const customers = (n: number) => `${n} customer${n === 1 ? '' : 's'}`;

export function LapseView({ canWrite }: { canWrite: boolean }) {
  const styles = useStyles();
  const [asking, setAsking] = useState<string[] | null>(null);
  const [working, setWorking] = useState(false);
  const [said, setSaid] = useState<Said>(null);

  async function start() {
    setSaid(null);
    if (!canWrite) return setSaid({ intent: 'error', title: 'This Excel cannot be written to', text: 'Mark lapsed writes the Lapsed sheet, which needs Excel for Microsoft 365, Excel 2021 or later, or Excel on the web.' });
    if (!(await sessionExports())) return setSaid({ intent: 'warning', title: 'Nothing marked', text: LOAD_FIRST });
    const selected = await selectedLapsingCustomers((batch) => Excel.run(batch));
    if ('refused' in selected) return setSaid({ intent: 'warning', title: 'Nothing marked', text: selected.refused });
    setAsking(selected.codes);
  }

  async function confirm(codes: string[]) {
    setAsking(null);
    setWorking(true);
    const settings = loadSettings();
    const asOf = londonDate(new Date());
    const reply = await markLapsed(codes, asOf, settings.by);
    setWorking(false);
    if (reply.type === 'refused') return setSaid({ intent: 'error', title: 'Nothing marked', text: reply.reason });
    if (reply.type !== 'lapsed') return;
    const already = codes.length - reply.newlyLapsed.length;
    setSaid({
      intent: 'success',
      title: `${customers(reply.newlyLapsed.length)} marked lapsed`,
      text:
        `Marked${settings.by ? ` by ${settings.by}` : ''} on ${ukDateText(asOf)}: they are on the ${LAPSED_SHEET} sheet and get no more contacts. Nobody was deleted.` +
        (already > 0 ? ` ${customers(already)} had been marked already.` : '') +
        (reply.notInExports.length > 0 ? ` Not in this week's exports (marked anyway, in case they come back): ${reply.notInExports.join(', ')}.` : ''),
    });
  }

  return (
    <section className={styles.view} aria-label="Mark lapsed">
      <Text>
        Select the customers' rows on the {LAPSING_SHEET} sheet, then press Mark selected lapsed. They get no more contacts; nobody is deleted, and a customer who
        comes back is current again.
      </Text>
      <Button appearance="primary" onClick={() => void start()} disabled={working}>
        Mark selected lapsed…
      </Button>
      {working && <Spinner size="small" label="Marking them and rewriting the sheets…" />}
      {said && (
        <MessageBar intent={said.intent} role={said.intent === 'success' ? 'status' : 'alert'}>
          <MessageBarBody>
            <MessageBarTitle>{said.title}</MessageBarTitle>
            {said.text}
          </MessageBarBody>
        </MessageBar>
      )}
      <Dialog open={asking !== null} onOpenChange={(_, data) => !data.open && setAsking(null)} modalType="alert">
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Mark {customers(asking?.length ?? 0)} lapsed?</DialogTitle>
            <DialogContent>
              They get no more contacts; nobody is deleted. {asking && asking.length <= 10 ? `Codes: ${asking.join(', ')}.` : ''}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => asking && void confirm(asking)}>
                Mark lapsed
              </Button>
              <Button onClick={() => setAsking(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
