/**
 * PostgreSQL's text form of an array, `{1,"a \"b\"",NULL,{2,3}}`, parsed into nested arrays of
 * strings and nulls. Drivers parse arrays of the types they know; an array of a type they do not
 * (an enum's, a domain's) arrives as this text.
 */
export function parseArrayText(text: string): unknown[] {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxError(`Malformed PostgreSQL array text at position ${at}: ${text.slice(0, 80)}`);
  };
  const parseArray = (): unknown[] => {
    if (text[at] !== "{") fail();
    at++;
    const items: unknown[] = [];
    if (text[at] === "}") {
      at++;
      return items;
    }
    for (;;) {
      items.push(parseItem());
      const c = text[at++];
      if (c === "}") return items;
      if (c !== ",") fail();
    }
  };
  const parseItem = (): unknown => {
    if (text[at] === "{") return parseArray();
    if (text[at] === '"') {
      let out = "";
      at++;
      for (;;) {
        const c = text[at++];
        if (c === undefined) fail();
        if (c === '"') return out;
        out += c === "\\" ? (text[at++] ?? fail()) : c;
      }
    }
    const start = at;
    while (at < text.length && text[at] !== "," && text[at] !== "}") at++;
    const raw = text.slice(start, at).trim();
    return raw.toUpperCase() === "NULL" ? null : raw;
  };
  const value = parseArray();
  if (at !== text.length) fail();
  return value;
}
