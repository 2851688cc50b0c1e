import { describe, it } from "vitest";
import {
  ARRAY,
  CompileError,
  column,
  Integer,
  MetaData,
  select,
  Table,
  VARCHAR,
} from "../../../src/index.js";
import { expectSql, raises } from "../compiler/helpers.js";

const posts = new Table("ap_posts", new MetaData(), {
  id: column(Integer).primaryKey(),
  title: column(VARCHAR(50)),
  tags: column(ARRAY(VARCHAR(20))),
  scores: column(ARRAY(Integer())),
});
const p = posts.c;
const refused = raises(CompileError, /ARRAY is a PostgreSQL type/);

/** Issue 14, item 6: `.contains()` on an array column was a string LIKE; now PostgreSQL's array operators. */
describe("ARRAY comparators", () => {
  it("contains / containedBy / overlap: @>, <@ and && with the other side bound as an array", () => {
    expectSql(select(p.id).where(p.tags.contains(["sql", "orm"])), {
      pg: ["SELECT ap_posts.id FROM ap_posts WHERE ap_posts.tags @> $1", ['{"sql","orm"}']],
      sqlite: refused,
      mysql: refused,
    });
    expectSql(select(p.id).where(p.scores.containedBy([1, 2, 3]), p.tags.overlap(["a"])), {
      pg: [
        "SELECT ap_posts.id FROM ap_posts WHERE ap_posts.scores <@ $1 AND ap_posts.tags && $2",
        ['{"1","2","3"}', '{"a"}'],
      ],
      sqlite: refused,
      mysql: refused,
    });
  });

  // SQLite and MySQL have no array columns (CREATE TABLE refuses ARRAY there), so these never reach them.
  it("any / all: value = ANY (array), bound as one item", () => {
    expectSql(select(p.id).where(p.scores.any(7), p.tags.all("x")), {
      pg: [
        "SELECT ap_posts.id FROM ap_posts WHERE $1 = ANY (ap_posts.scores) AND $2 = ALL (ap_posts.tags)",
        [7, "x"],
      ],
      sqlite: [
        "SELECT ap_posts.id FROM ap_posts WHERE ? = ANY (ap_posts.scores) AND ? = ALL (ap_posts.tags)",
        [7, "x"],
      ],
      mysql: [
        "SELECT ap_posts.id FROM ap_posts WHERE ? = ANY (ap_posts.scores) AND ? = ALL (ap_posts.tags)",
        [7, "x"],
      ],
    });
  });

  it("contains on a string column is still LIKE '%value%'", () => {
    expectSql(select(p.id).where(p.title.contains("50%")), {
      pg: ["SELECT ap_posts.id FROM ap_posts WHERE ap_posts.title LIKE $1 ESCAPE '/'", ["%50/%%"]],
      sqlite: ["SELECT ap_posts.id FROM ap_posts WHERE ap_posts.title LIKE ? ESCAPE '/'", ["%50/%%"]],
      mysql: ["SELECT ap_posts.id FROM ap_posts WHERE ap_posts.title LIKE ? ESCAPE '/'", ["%50/%%"]],
    });
  });
});
