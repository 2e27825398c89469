'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { runOrganize } from './organize-client';
import { hasReadingPane, linkHref, openMessage, ROW_SELECTOR, rowRef } from './reading-pane-nav';

const SLOP_PX = 10;
const COMMIT_SHARE = 0.3; // of the row's width: a shorter swipe springs back
const LONG_PRESS_MS = 500;

type Press = { li: HTMLLIElement; id: number; x: number; y: number; dx: number; mode: 'pending' | 'swipe' | 'scroll'; timer: number };
type Dragged = { folder: string; uids: number[] };

const rowOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLAnchorElement>(ROW_SELECTOR) : null);
const boxOf = (li: Element | null) => li?.querySelector<HTMLInputElement>('input[name=uid]') ?? null;
const listOf = (el: Element) => el.closest<HTMLElement>('ul');

function slide(li: HTMLLIElement, dx: number | null): void {
  for (const child of li.children) {
    if (!(child instanceof HTMLElement)) continue;
    child.style.transition = dx === null ? 'transform 150ms ease-out' : '';
    child.style.transform = dx === null ? '' : `translateX(${dx}px)`;
  }
  if (dx === null) {
    delete li.dataset.swipe;
    delete li.dataset.swipeArmed;
  }
}

/** The checked rows if this row is one of them, else just this row. */
function draggedFrom(row: HTMLAnchorElement): Dragged | null {
  const ref = rowRef(row);
  if (!ref) return null;
  const box = boxOf(row.closest('li'));
  const list = listOf(row);
  if (!box?.checked || !list) return { folder: ref.folder, uids: [ref.uid] };
  const uids = [...list.querySelectorAll<HTMLInputElement>('input[name=uid]:checked')]
    .map((b) => b.closest('li')?.querySelector<HTMLAnchorElement>('a.msg-row'))
    .map((a) => (a ? rowRef(a)?.uid : undefined))
    .filter((uid): uid is number => uid !== undefined);
  return { folder: ref.folder, uids };
}

function dragImage(count: number): HTMLElement {
  const el = document.createElement('div');
  el.className = 'drag-badge';
  el.textContent = count === 1 ? '1 message' : `${count} messages`;
  document.body.append(el);
  setTimeout(() => el.remove(), 0);
  return el;
}

/**
 * The list's gestures, by event delegation on the document (rows stay plain server-rendered links):
 * a click opens the message in the reading pane; on touch, swipe left deletes, swipe right
 * archives, a long press starts selecting (then taps toggle); with a mouse, rows drag onto a folder.
 */
export function ListGestures() {
  const router = useRouter();
  useEffect(() => {
    let press: Press | null = null;
    let swallowClick = false;
    let dragged: Dragged | null = null;
    let dropTarget: HTMLElement | null = null;

    const setDropTarget = (el: HTMLElement | null) => {
      if (dropTarget === el) return;
      dropTarget?.removeAttribute('data-drop-target');
      el?.setAttribute('data-drop-target', '');
      dropTarget = el;
    };
    const endPress = () => {
      if (press) clearTimeout(press.timer);
      press = null;
    };

    const onClick = (e: MouseEvent) => {
      const row = rowOf(e.target);
      if (!row || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const li = row.closest('li');
      if (swallowClick) {
        swallowClick = false;
        e.preventDefault();
      } else if (li && listOf(li)?.hasAttribute('data-selecting')) {
        e.preventDefault();
        boxOf(li)?.click();
      } else if (hasReadingPane()) {
        e.preventDefault();
        openMessage(router, linkHref(row));
      }
    };
    const onChange = (e: Event) => {
      const list = e.target instanceof HTMLInputElement && e.target.name === 'uid' ? listOf(e.target) : null;
      if (list && !list.querySelector('input[name=uid]:checked')) delete list.dataset.selecting;
    };

    const onPointerDown = (e: PointerEvent) => {
      const row = rowOf(e.target);
      const li = row?.closest('li');
      if (!li || e.pointerType === 'mouse' || !e.isPrimary) return;
      endPress();
      swallowClick = false;
      const timer = window.setTimeout(() => {
        if (press?.mode !== 'pending') return;
        const box = boxOf(li);
        const list = listOf(li);
        if (!box || !list) return;
        list.dataset.selecting = '';
        if (!box.checked) box.click();
        swallowClick = true;
        endPress();
      }, LONG_PRESS_MS);
      press = { li, id: e.pointerId, x: e.clientX, y: e.clientY, dx: 0, mode: 'pending', timer };
    };
    const onPointerMove = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.id || press.mode === 'scroll') return;
      const dx = e.clientX - press.x;
      const dy = e.clientY - press.y;
      if (press.mode === 'pending') {
        if (Math.abs(dy) > SLOP_PX && Math.abs(dy) >= Math.abs(dx)) return void ((press.mode = 'scroll'), clearTimeout(press.timer));
        if (Math.abs(dx) <= SLOP_PX) return;
        press.mode = 'swipe';
        clearTimeout(press.timer);
      }
      press.dx = dx;
      press.li.dataset.swipe = dx < 0 ? 'delete' : 'archive';
      if (Math.abs(dx) > press.li.clientWidth * COMMIT_SHARE) press.li.dataset.swipeArmed = '';
      else delete press.li.dataset.swipeArmed;
      slide(press.li, dx);
    };
    const onPointerUp = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.id) return;
      const { li, dx, mode } = press;
      endPress();
      if (mode !== 'swipe') return;
      swallowClick = true;
      const row = li.querySelector<HTMLAnchorElement>('a.msg-row');
      const ref = row ? rowRef(row) : null;
      if (!ref || Math.abs(dx) <= li.clientWidth * COMMIT_SHARE) return slide(li, null);
      li.dataset.swiped = '';
      void Promise.resolve(runOrganize({ folder: ref.folder, uids: [ref.uid], op: dx < 0 ? 'delete' : 'archive' })).finally(() => {
        // Gone from the list after the refresh; if the action failed, the row comes back.
        delete li.dataset.swiped;
        slide(li, null);
      });
    };
    const onPointerCancel = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.id) return;
      const { li } = press;
      endPress();
      slide(li, null);
    };
    const onContextMenu = (e: Event) => {
      if (swallowClick && rowOf(e.target)) e.preventDefault();
    };

    const onDragStart = (e: DragEvent) => {
      const row = rowOf(e.target);
      dragged = row ? draggedFrom(row) : null;
      if (!dragged || !e.dataTransfer) return;
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setDragImage(dragImage(dragged.uids.length), 12, 12);
    };
    const folderAt = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>('[data-folder-path]') : null);
    const onDragOver = (e: DragEvent) => {
      const folder = dragged ? folderAt(e.target) : null;
      if (!folder || folder.dataset.folderPath === dragged?.folder) return setDropTarget(null);
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      setDropTarget(folder);
    };
    const onDrop = (e: DragEvent) => {
      const target = folderAt(e.target)?.dataset.folderPath;
      if (!dragged || !target || target === dragged.folder) return;
      e.preventDefault();
      void runOrganize({ folder: dragged.folder, uids: dragged.uids, op: 'move', target });
      dragged = null;
      setDropTarget(null);
    };
    const onDragEnd = () => {
      dragged = null;
      setDropTarget(null);
    };

    const listeners: [string, (e: never) => void][] = [
      ['click', onClick], ['change', onChange], ['pointerdown', onPointerDown], ['pointermove', onPointerMove],
      ['pointerup', onPointerUp], ['pointercancel', onPointerCancel], ['contextmenu', onContextMenu],
      ['dragstart', onDragStart], ['dragover', onDragOver], ['drop', onDrop], ['dragend', onDragEnd],
    ];
    for (const [type, fn] of listeners) document.addEventListener(type, fn as EventListener);
    // Rows clicked before this point were plain links (a page load); from here they open beside the list.
    document.documentElement.dataset.listGestures = 'on';
    return () => {
      delete document.documentElement.dataset.listGestures;
      endPress();
      for (const [type, fn] of listeners) document.removeEventListener(type, fn as EventListener);
    };
  }, [router]);
  return null;
}
