/**
 * Biome's "simple argument" test, on the expressions pulled models contain (literals, names,
 * member access, calls, objects, arrays). Biome prints a method chain of more than two calls one
 * call per line when any call has an argument that is not simple, such as
 * `column(DateTime({ timezone: true })).nullable().unique()`; generated files follow it so that a
 * format run changes nothing.
 */

type Node =
  | { kind: "literal" | "name" }
  | { kind: "call"; callee: Node; args: Node[] }
  | { kind: "object"; values: Node[] }
  | { kind: "array"; items: Node[] }
  | { kind: "other" };

class Parser {
  #at = 0;
  constructor(readonly src: string) {}

  #skip(): void {
    while (/\s/.test(this.src[this.#at] ?? "")) this.#at++;
  }

  #eat(ch: string): boolean {
    this.#skip();
    if (this.src[this.#at] === ch) {
      this.#at++;
      return true;
    }
    return false;
  }

  #list(close: string, item: () => Node): Node[] {
    const out: Node[] = [];
    while (!this.#eat(close)) {
      out.push(item());
      this.#eat(",");
      if (this.#at >= this.src.length) break;
    }
    return out;
  }

  expression(): Node {
    this.#skip();
    const ch = this.src[this.#at];
    let node: Node;
    if (ch === '"' || ch === "'") {
      this.#at++;
      while (this.#at < this.src.length && this.src[this.#at] !== ch)
        this.#at += this.src[this.#at] === "\\" ? 2 : 1;
      this.#at++;
      node = { kind: "literal" };
    } else if (ch === "{") {
      this.#at++;
      node = {
        kind: "object",
        values: this.#list("}", () => {
          this.expression(); // the key
          this.#eat(":");
          return this.expression();
        }),
      };
    } else if (ch === "[") {
      this.#at++;
      node = { kind: "array", items: this.#list("]", () => this.expression()) };
    } else {
      const m = /^(-?\d[\w.]*|[A-Za-z_$][\w$]*)/.exec(this.src.slice(this.#at));
      if (!m) {
        this.#at = this.src.length;
        return { kind: "other" };
      }
      this.#at += m[0].length;
      node = /^-?\d|^(true|false|null|undefined)$/.test(m[0]) ? { kind: "literal" } : { kind: "name" };
    }
    for (;;) {
      if (this.#eat(".")) {
        this.expression();
        node = node.kind === "name" ? node : { kind: "other" };
      } else if (this.#eat("("))
        node = { kind: "call", callee: node, args: this.#list(")", () => this.expression()) };
      else return node;
    }
  }
}

function simple(node: Node, depth: number): boolean {
  if (depth >= 2) return false;
  switch (node.kind) {
    case "literal":
    case "name":
      return true;
    case "object":
      return node.values.every((v) => simple(v, depth + 1));
    case "array":
      return node.items.every((v) => simple(v, depth + 1));
    case "call":
      return simple(node.callee, depth) && node.args.every((a) => simple(a, depth + 1));
    default:
      return false;
  }
}

/** Whether Biome counts the argument (its source text) as simple. */
export function isSimpleArgument(source: string): boolean {
  return simple(new Parser(source).expression(), 0);
}
