// What the simulator's chat draws from a line, and the reply a tap sends: shared by the page (no server code here).

/** One line of the simulator's chat: `bot` from the business number, `me` what the operator's phone sent. */
export interface ChatLine {
  id: string;
  from: 'bot' | 'me';
  text: string;
  rich?: Record<string, unknown>;
  at: number;
}

/** A choice the bot's message offers: a reply button, a list row, a template's quick-reply button. */
export interface Choice {
  key: string;
  title: string;
  /** What the phone sends when it is tapped: the title as text, the structured reply beside it. */
  reply: { text: string; rich: Record<string, unknown> };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

/** The choices a bot line offers, each answering that line (`context`), as a consumer's app answers it. */
export function choicesOf(line: ChatLine): Choice[] {
  if (line.from !== 'bot' || !line.rich) return [];
  const context = { id: line.id };
  const interactive = obj(line.rich.interactive);
  const action = obj(interactive.action);
  if (interactive.type === 'button')
    return arr(action.buttons).map((b) => {
      const { id, title } = obj(b.reply) as { id?: string; title?: string };
      return {
        key: String(id),
        title: String(title),
        reply: {
          text: String(title),
          rich: { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title } }, context },
        },
      };
    });
  if (interactive.type === 'list')
    return arr(action.sections).flatMap((s) =>
      arr(s.rows).map((r) => ({
        key: String(r.id),
        title: String(r.title),
        reply: {
          text: String(r.title),
          rich: {
            type: 'interactive',
            interactive: { type: 'list_reply', list_reply: { id: r.id, title: r.title } },
            context,
          },
        },
      })),
    );
  return arr(obj(line.rich.template).buttons)
    .filter((b) => b.type === 'quick_reply')
    .map((b) => ({
      key: String(b.payload),
      title: String(b.text),
      reply: { text: String(b.text), rich: { type: 'button', button: { payload: b.payload, text: b.text }, context } },
    }));
}
