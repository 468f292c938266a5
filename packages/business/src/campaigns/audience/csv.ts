/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may hold commas, line
 * breaks and doubled quotes (`""`). A small parser of our own: no CSV package is installed, and the audience upload
 * needs nothing more. Calls `onRecord` per record (the header first, `line` where it starts) so the caller can stop
 * at a row limit without building every row first. Blank lines are passed over. A quote inside an unquoted field is
 * kept as text, as spreadsheets do.
 */
export function parseCsv(text: string, onRecord: (fields: string[], line: number) => void): void {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // the BOM of spreadsheet exports
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  while (i <= s.length) {
    let value: string;
    let quoted = false;
    if (s[i] === '"') {
      quoted = true;
      value = '';
      let from = i + 1;
      for (;;) {
        const quote = s.indexOf('"', from);
        if (quote < 0) throw new CsvError(`line ${recordLine}: a quoted field is not closed`);
        value += s.slice(from, quote);
        if (s[quote + 1] !== '"') {
          i = quote + 1;
          break;
        }
        value += '"';
        from = quote + 2;
      }
      line += countLines(value);
      if (i < s.length && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r')
        throw new CsvError(`line ${line}: unexpected text after a closing quote`);
    } else {
      let end = i;
      while (end < s.length && s[end] !== ',' && s[end] !== '\n' && s[end] !== '\r') end += 1;
      value = s.slice(i, end);
      i = end;
    }
    fields.push(value);
    if (s[i] === ',') {
      i += 1;
      continue;
    }
    // End of a record: a line break, or the end of the text.
    const blank = fields.length === 1 && value === '' && !quoted;
    if (!blank) onRecord(fields, recordLine);
    fields = [];
    if (i >= s.length) break;
    i += s[i] === '\r' && s[i + 1] === '\n' ? 2 : 1;
    line += 1;
    recordLine = line;
  }
}

const countLines = (v: string) => {
  let n = 0;
  for (let k = v.indexOf('\n'); k >= 0; k = v.indexOf('\n', k + 1)) n += 1;
  return n;
};

export class CsvError extends Error {}
