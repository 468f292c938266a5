/**
 * What an inbound text asks for: "STOP" opts out of marketing, "START" back in. Only a message that is the keyword
 * alone counts (any case, surrounding spaces and punctuation ignored): "please don't stop" is not an opt-out.
 */
export function keywordIntent(
  text: string | undefined,
  keywords: { stop: string[]; start: string[] },
): { status: 'OPTED_OUT' | 'OPTED_IN'; keyword: string } | undefined {
  if (!text || text.length > 64) return undefined;
  const word = text
    .trim()
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '')
    .toUpperCase();
  if (keywords.stop.includes(word)) return { status: 'OPTED_OUT', keyword: word };
  if (keywords.start.includes(word)) return { status: 'OPTED_IN', keyword: word };
  return undefined;
}
