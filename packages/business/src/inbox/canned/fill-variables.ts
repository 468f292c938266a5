/**
 * A canned response's text with its `{{name}}` placeholders filled. A placeholder with no value stays as written, so
 * the agent sees what is missing instead of a message with a hole in it.
 */
export function fillVariables(content: string, values: Record<string, string>): string {
  return content.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
