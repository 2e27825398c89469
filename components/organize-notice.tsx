import { createSpecialFolderFormAction, undoFormAction } from '@/app/mail/actions';
import type { Notice } from '@/lib/mail/organize-notice';
import { StatusBanner } from './status-banner';

const folderNames = { archive: 'Archive', trash: 'Trash', junk: 'Junk' } as const;
const button = 'ml-3 min-h-10 rounded-lg px-3 font-semibold underline hover:bg-black/5';

/** What an organize form did, after its no-JavaScript redirect (with JavaScript the toast says it). */
export function OrganizeNotice({ notice, folder, returnTo }: { notice: Notice | null; folder: string; returnTo: string }) {
  if (!notice) return null;
  return (
    <StatusBanner tone={notice.tone === 'done' ? 'success' : 'error'}>
      {notice.message}
      {notice.undo && (
        <form action={undoFormAction} className="inline">
          <input type="hidden" name="undo" value={notice.undo} />
          <input type="hidden" name="folder" value={folder} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <button type="submit" className={button}>Undo</button>
        </form>
      )}
      {notice.missing && (
        <form action={createSpecialFolderFormAction} className="inline">
          <input type="hidden" name="use" value={notice.missing} />
          <input type="hidden" name="folder" value={folder} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <button type="submit" className={button}>Create {folderNames[notice.missing]} folder</button>
        </form>
      )}
    </StatusBanner>
  );
}
