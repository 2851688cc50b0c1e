import { SqlCompiler } from "../../sql/compiler/dml-compiler.js";

/** PostgreSQL spells everything the way the base compiler does. */
export class PgCompiler extends SqlCompiler {}
