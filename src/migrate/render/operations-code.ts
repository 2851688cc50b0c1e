/** Lists of operations as the bodies of a revision's upgrade() and downgrade(). */
import { IrreversibleOperationError } from "../errors.js";
import { MigrateOperation } from "../operations/base.js";
import type { CodeRenderer } from "./code.js";

/** A `// comment` line in a generated body (autogenerate's warnings, TODOs). */
export class CodeComment {
  readonly text: string;

  /** Creates a comment; several lines become several `//` lines. */
  constructor(text: string) {
    this.text = text;
  }
}

/** What a generated body holds. */
export type RenderItem = MigrateOperation | CodeComment;

/** The body statements (for RevisionFileSpec.upgrades / downgrades), printed at indentation 2. */
export function renderOperations(items: readonly RenderItem[], r: CodeRenderer): string[] {
  return items.map((item) =>
    item instanceof CodeComment
      ? item.text
          .split("\n")
          .map((l, i) => `${i ? "  " : ""}// ${l}`.trimEnd())
          .join("\n")
      : item.toCode(r, 2),
  );
}

/** The downgrade of an upgrade: each operation's reverse, last first; a TODO comment where one has none. */
export function reverseOperations(items: readonly RenderItem[]): RenderItem[] {
  const out: RenderItem[] = [];
  for (const item of [...items].reverse()) {
    if (!(item instanceof MigrateOperation)) continue;
    try {
      out.push(item.reverse());
    } catch (e) {
      if (!(e instanceof IrreversibleOperationError)) throw e;
      out.push(new CodeComment(`TODO: ${e.message}`));
    }
  }
  return out;
}
