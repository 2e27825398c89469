'use client';

// Loaded only by the compose screen (next/dynamic): Tiptap and ProseMirror stay out of every other page.
import { Node, mergeAttributes } from '@tiptap/core';
import { useCallback, useEffect, useRef } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';

export type InlineImage = { cid: string; preview: string; alt: string };

type Props = {
  initialHtml: string;
  onChange: (html: string, text: string) => void;
  /** Uploads pasted/dropped images; resolves with what to show and reference (cid:). */
  onImages: (files: File[]) => Promise<InlineImage[]>;
  /** Other files dropped on the text become attachments. */
  onFiles: (files: File[]) => void;
  /** Where an inline image of a draft opened again can be shown from (no local preview then). */
  previewOf: (cid: string) => string | null;
};

/**
 * An inline image that exists only as a cid: reference to an uploaded part. The editor shows a local
 * data: preview; the HTML it produces says src="cid:…". Pasted <img> from elsewhere (remote, data:)
 * match no rule of the schema and are dropped, which is part of how pasted HTML is cleaned.
 */
const CidImage = Node.create<{ previewOf: (cid: string) => string | null }>({
  name: 'image',
  addOptions() {
    return { previewOf: () => null };
  },
  inline: true,
  group: 'inline',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      cid: { default: null, parseHTML: (el) => el.getAttribute('src')?.replace(/^cid:/i, '') ?? null, renderHTML: () => ({}) },
      alt: { default: '' },
      preview: { default: null, rendered: false },
    };
  },
  parseHTML() {
    return [{ tag: 'img[src^="cid:" i]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['img', mergeAttributes(HTMLAttributes, { src: `cid:${node.attrs.cid as string}` })];
  },
  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img');
      img.alt = (node.attrs.alt as string) || 'Inline image';
      const src = (node.attrs.preview as string | null) ?? this.options.previewOf(node.attrs.cid as string);
      if (src) img.src = src;
      img.className = 'inline-block max-h-96 max-w-full rounded';
      return { dom: img };
    };
  },
});

const imagesIn = (list: FileList | null | undefined) => [...(list ?? [])].filter((f) => f.type.startsWith('image/'));

function insertImages(editor: Editor, images: InlineImage[]) {
  const content = images.map(({ cid, preview, alt }) => ({ type: 'image', attrs: { cid, preview, alt } }));
  editor.chain().focus().insertContent(content).run();
}

// An inline SVG (Lucide's "link"): emoji fonts are missing on many systems.
function LinkIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className="size-4" aria-hidden>
      <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
    </svg>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
    }),
  });
  const setLink = () => {
    if (state.link) return editor.chain().focus().unsetLink().run();
    const url = window.prompt('Link address', 'https://');
    if (!url || !/^(https?:\/\/|mailto:)/i.test(url.trim())) return;
    editor.chain().focus().extendMarkRange('link').setLink({ href: url.trim() }).run();
  };
  const buttons: Array<[string, React.ReactNode, boolean, () => unknown]> = [
    ['Bold', 'B', state.bold, () => editor.chain().focus().toggleBold().run()],
    ['Italic', 'I', state.italic, () => editor.chain().focus().toggleItalic().run()],
    ['Bulleted list', '•', state.bulletList, () => editor.chain().focus().toggleBulletList().run()],
    ['Numbered list', '1.', state.orderedList, () => editor.chain().focus().toggleOrderedList().run()],
    ['Quote', '❝', state.blockquote, () => editor.chain().focus().toggleBlockquote().run()],
    ['Link', <LinkIcon key="link" />, state.link, setLink],
  ];
  return (
    <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1 border-b border-slate-200 p-1">
      {buttons.map(([label, glyph, active, run]) => (
        // preventDefault on mousedown: a click on the toolbar never takes focus (or the caret) from the text.
        <button key={label} type="button" aria-label={label} title={label} aria-pressed={active} onClick={run}
          onMouseDown={(e) => e.preventDefault()}
          className={`flex size-10 items-center justify-center rounded-md text-sm font-semibold ${label === 'Italic' ? 'italic' : ''} ${active ? 'bg-accent-soft text-accent' : 'text-slate-700 hover:bg-slate-100'}`}>
          {glyph}
        </button>
      ))}
    </div>
  );
}

/** The rich-text body: bold, italic, lists, links, quotes and pasted images; nothing else survives a paste. */
export default function RichBody({ initialHtml, onChange, onImages, onFiles, previewOf }: Props) {
  // The editor is created once; its handlers call the latest props through this ref.
  const props = useRef({ onChange, onImages, onFiles, previewOf });
  useEffect(() => {
    props.current = { onChange, onImages, onFiles, previewOf };
  }, [onChange, onImages, onFiles, previewOf]);
  const latestPreview = useCallback((cid: string) => props.current.previewOf(cid), []);
  const editor = useEditor({
    immediatelyRender: true,
    extensions: [
      StarterKit.configure({
        heading: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['mailto'] },
      }),
      // Called by ProseMirror when it draws an image, never during React's render.
      // eslint-disable-next-line react-hooks/refs
      CidImage.configure({ previewOf: latestPreview }),
    ],
    content: initialHtml || '',
    editorProps: {
      attributes: { class: 'compose-rich min-h-64 px-3 py-2 text-base focus:outline-none', 'aria-label': 'Message', role: 'textbox', 'aria-multiline': 'true' },
      handlePaste: (_view, event) => {
        const images = imagesIn(event.clipboardData?.files);
        if (!images.length || !editor) return false;
        event.preventDefault();
        void props.current.onImages(images).then((done) => insertImages(editor, done));
        return true;
      },
      handleDrop: (_view, event) => {
        const files = [...(event.dataTransfer?.files ?? [])];
        if (!files.length || !editor) return false;
        event.preventDefault();
        const images = imagesIn(event.dataTransfer?.files);
        if (images.length) void props.current.onImages(images).then((done) => insertImages(editor, done));
        const others = files.filter((f) => !f.type.startsWith('image/'));
        if (others.length) props.current.onFiles(others);
        return true;
      },
    },
    onUpdate: ({ editor: e }) => props.current.onChange(e.isEmpty ? '' : e.getHTML(), e.getText({ blockSeparator: '\n\n' })),
  });
  if (!editor) return null;
  return (
    <div className="rounded-lg border border-slate-300 focus-within:border-accent focus-within:ring-2 focus-within:ring-accent-soft">
      <Toolbar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  );
}
