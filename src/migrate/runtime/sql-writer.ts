/** Offline (`--sql`) output: statements terminated by `;`, separated by blank lines, as Alembic prints them. */
import type { Dialect } from "../../dialects/dialect.js";
import type { Node } from "../../sql/node.js";

/** Collects an offline SQL script. */
export class SqlWriter {
  readonly dialect: Dialect;
  readonly #body: string[] = [];
  readonly #prologue: string[] = [];
  readonly #epilogue: string[] = [];

  /** Creates a writer for `dialect`. */
  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }

  /** Appends one statement. */
  statement(sql: string): void {
    this.#write(`${sql.trimEnd()};\n\n`);
  }

  /** Appends a statement object, rendered with its values inline. */
  node(stmt: Node): string[] {
    const lines = this.dialect.renderLiteral(stmt);
    for (const sql of lines) this.statement(sql);
    return lines;
  }

  /** Appends a `-- comment` line. */
  comment(text: string): void {
    this.#write(`-- ${text}\n\n`);
  }

  /** Statements that must come before everything else (SQLite's PRAGMA foreign_keys = OFF). */
  prepend(sql: string): void {
    if (!this.#prologue.includes(sql)) this.#prologue.push(sql);
  }

  /** Statements that must come after everything else. */
  append(sql: string): void {
    if (!this.#epilogue.includes(sql)) this.#epilogue.push(sql);
  }

  #write(chunk: string): void {
    this.#body.push(chunk);
  }

  /** The whole script. */
  toString(): string {
    const pre = this.#prologue.map((s) => `${s};\n\n`).join("");
    const post = this.#epilogue.map((s) => `${s};\n\n`).join("");
    return pre + this.#body.join("") + post;
  }
}
