/** Prelude of the README's engine block: the Kit model its example adds. */
import { column, declarativeBase, Integer, VARCHAR } from "athanor";

const Base = declarativeBase();
export class Kit extends Base.table("kits", {
  id: column(Integer).primaryKey(),
  code: column(VARCHAR(50)),
  description: column(VARCHAR(200)),
}) {}
