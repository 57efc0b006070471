/** The pane: load exports, send approved rows, settings; one view at a time, chosen by tabs. */
import { useState } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { LoadView } from './LoadView.tsx';
import { SendView } from './SendView.tsx';
import { SettingsView } from './SettingsView.tsx';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
});

type View = 'load' | 'send' | 'settings';

export function App({ missingApi }: { missingApi: string | null }) {
  const styles = useStyles();
  const [view, setView] = useState<View>('load');
  return (
    <main className={styles.page}>
      <TabList selectedValue={view} onTabSelect={(_, data) => setView(data.value as View)} aria-label="Retention Desk">
        <Tab value="load">Load exports</Tab>
        <Tab value="send">Send approved</Tab>
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
      {view === 'load' && <LoadView canWrite={!missingApi} />}
      {view === 'send' && <SendView />}
      {view === 'settings' && <SettingsView />}
    </main>
  );
}
