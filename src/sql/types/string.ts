import { TypeEngine } from "../type-engine.js";

export class StringType extends TypeEngine<string> {
  readonly typeName: string = "varchar";
  readonly length: number | undefined;
  readonly collation: string | undefined;
  constructor(length?: number, collation?: string) {
    super();
    this.length = length;
    this.collation = collation;
  }
  override get typeKey(): string {
    return `${this.typeName}:${this.length ?? ""}:${this.collation ?? ""}`;
  }
  override get affinity() {
    return "string" as const;
  }
}

/** Fixed-length text, blank-padded by the database (CHAR(n)); reads as a string. */
export class CharType extends StringType {
  override readonly typeName: string = "char";
}

export class TextType extends StringType {
  override readonly typeName: string = "text";
}

/** VARCHAR(length); without a length, VARCHAR on PostgreSQL and SQLite, VARCHAR(255) on MySQL. */
export function String(length?: number, opts?: { collation?: string }): StringType {
  return new StringType(length, opts?.collation);
}
/**
 * Text (TEXT). `length`, in characters, is the most it must hold: PostgreSQL and SQLite ignore
 * it (their TEXT is unbounded); MySQL picks TEXT (64 KB), MEDIUMTEXT (16 MB) or LONGTEXT (4 GB)
 * to fit it, as its own TEXT(M) does. Without it, MySQL's TEXT holds 65,535 bytes.
 */
export function Text(opts?: { collation?: string; length?: number }): TextType {
  return new TextType(opts?.length, opts?.collation);
}
/** CHAR(length): fixed-length text (country codes, ISO currency codes); length 1 when omitted. */
export function CHAR(length?: number, opts?: { collation?: string }): CharType {
  return new CharType(length, opts?.collation);
}
/** Same as String: every supported database stores Unicode. */
export const Unicode = String;
export const UnicodeText = Text;
