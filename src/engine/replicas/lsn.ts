/**
 * PostgreSQL write-ahead-log positions ("16/B374D848": two 32-bit hex halves) as bigints, so
 * positions from the primary and its replicas compare with `<`.
 */
export function parseLsn(text: string): bigint {
  const slash = text.indexOf("/");
  if (slash < 1 || !/^[0-9A-Fa-f]+\/[0-9A-Fa-f]+$/.test(text))
    throw new TypeError(`'${text}' is not a PostgreSQL LSN (expected two hex numbers like 16/B374D848)`);
  return (BigInt(`0x${text.slice(0, slash)}`) << 32n) | BigInt(`0x${text.slice(slash + 1)}`);
}

/** The LSN's text form, as PostgreSQL prints it. */
export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}
