/** The pane: load exports, send approved rows, the individual process, mark lapsed, settings; one view at a time, chosen by tabs. */
import { useState } from 'react';
import { takeLastCommand, type LastCommand } from '../shared/last-command.ts';
import { MessageBar, MessageBarBody, MessageBarTitle, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { IndividualView } from './IndividualView.tsx';
import { LapseView } from './LapseView.tsx';
import { LoadView } from './LoadView.tsx';
import { SendView } from './SendView.tsx';
import { SettingsView } from './SettingsView.tsx';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  // Five tabs do not fit a task pane's width on one line.
  tabs: { flexWrap: 'wrap' },
});

type View = 'load' | 'send' | 'individual' | 'lapse' | 'settings';

export function App({ missingApi }: { missingApi: string | null }) {
  const styles = useStyles();
  const [view, setView] = useState<View>('load');
  // What the ribbon's last command came to, said once when the pane opens.
  const [lastCommand] = useState<LastCommand | null>(() => takeLastCommand());
  return (
    <main className={styles.page}>
      <TabList className={styles.tabs} size="small" selectedValue={view} onTabSelect={(_, data) => setView(data.value as View)} aria-label="Retention Desk">
        <Tab value="load">Load exports</Tab>
        <Tab value="send">Send approved</Tab>
        <Tab value="individual">Individual</Tab>
        <Tab value="lapse">Mark lapsed</Tab>
        <Tab value="settings">Settings</Tab>
      </TabList>
      {missingApi && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>
            <MessageBarTitle>This Excel is too old for Retention Desk</MessageBarTitle>
            It lacks {missingApi}, which Retention Desk needs to write its sheets. Use Excel for Microsoft 365, Excel 2021 or later, or Excel on the web
            (in a browser: office.com › Excel). Loading exports still shows what is due, but nothing is written.
          </MessageBarBody>
        </MessageBar>
      )}
      {lastCommand && (
        <MessageBar intent={lastCommand.ok ? 'info' : 'warning'} role="status">
          <MessageBarBody>
            <MessageBarTitle>
              {lastCommand.command} (ribbon, {new Date(lastCommand.at).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'short' })})
            </MessageBarTitle>
            {lastCommand.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {view === 'load' && <LoadView canWrite={!missingApi} />}
      {view === 'send' && <SendView />}
      {view === 'individual' && <IndividualView />}
      {view === 'lapse' && <LapseView canWrite={!missingApi} />}
      {view === 'settings' && <SettingsView />}
    </main>
  );
}
