import styles from './templates.module.css';

/** Fills `{{n}}` (or `{{name}}`) with the examples given, as the recipient would see the message. */
export function fill(text: string, examples: string[]): string {
  let i = 0;
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, key: string) => {
    const n = /^[0-9]+$/.test(key) ? Number(key) - 1 : i++;
    return examples[n] || whole;
  });
}

/** A media header as the preview shows it: the chosen sample file (an object URL), or only its kind when stored. */
export interface HeaderMedia {
  kind: 'IMAGE' | 'VIDEO' | 'DOCUMENT';
  url?: string;
  name?: string;
}

function MediaHeader({ media }: { media: HeaderMedia }) {
  if (media.url && media.kind === 'IMAGE')
    // biome-ignore lint/performance/noImgElement: a local object URL of the chosen file; next/image cannot load it
    return (
      <img
        className={styles.media}
        src={media.url}
        alt={`Header sample: ${media.name ?? 'the chosen file'}`}
        data-testid="preview-media"
      />
    );
  if (media.url && media.kind === 'VIDEO')
    return (
      <video
        className={styles.media}
        src={media.url}
        muted
        controls
        aria-label="Header video sample"
        data-testid="preview-media"
      />
    );
  return (
    <div className={styles.mediaChip} data-testid="preview-media">
      {media.kind === 'DOCUMENT' ? '📄 ' : ''}
      {media.name ?? `${media.kind.toLowerCase()} header`}
    </div>
  );
}

/** A WhatsApp-style bubble: header (text or media), body, footer, then the buttons under it. */
export function TemplatePreview(props: {
  media?: HeaderMedia;
  header: string;
  headerExample: string;
  body: string;
  examples: string[];
  footer: string;
  buttons: string[];
}) {
  return (
    <figure className={styles.preview} aria-label="Preview">
      <div className={styles.bubble} data-testid="preview">
        {props.media && <MediaHeader media={props.media} />}
        {!props.media && props.header && <strong>{fill(props.header, [props.headerExample])}</strong>}
        <p className={styles.body}>{fill(props.body, props.examples) || 'Your message appears here.'}</p>
        {props.footer && <small className="muted">{props.footer}</small>}
      </div>
      {props.buttons.filter(Boolean).map((b) => (
        <div key={b} className={styles.button}>
          {b}
        </div>
      ))}
    </figure>
  );
}
