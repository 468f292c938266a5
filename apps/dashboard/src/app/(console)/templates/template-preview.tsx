import styles from './templates.module.css';

/** Fills `{{n}}` (or `{{name}}`) with the examples given, as the recipient would see the message. */
export function fill(text: string, examples: string[]): string {
  let i = 0;
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, key: string) => {
    const n = /^[0-9]+$/.test(key) ? Number(key) - 1 : i++;
    return examples[n] || whole;
  });
}

/** A WhatsApp-style bubble: header, body, footer, then the buttons under it. */
export function TemplatePreview(props: {
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
        {props.header && <strong>{fill(props.header, [props.headerExample])}</strong>}
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
