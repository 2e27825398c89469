// Owns looking things up in the arranged folder tree (shared by pages and components).
import type { Folder } from './types';

export function findFolder(folders: Folder[], path: string | null): Folder | undefined {
  if (path === null) return undefined;
  for (const folder of folders) {
    if (folder.path === path) return folder;
    const inChild = findFolder(folder.children, path);
    if (inChild) return inChild;
  }
  return undefined;
}
