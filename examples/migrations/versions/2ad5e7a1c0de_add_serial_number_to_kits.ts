/**
 * add serial_number to kits
 *
 * Revision ID: 2ad5e7a1c0de
 * Revises: 1c0ffee5ab1e
 * Create Date: 2026-11-22T05:11:12.157Z
 */
import { column, VARCHAR } from "athanor";
import type { Operations } from "athanor/migrate";

export const revision = "2ad5e7a1c0de";
export const downRevision: string | string[] | null = "1c0ffee5ab1e";
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = "add serial_number to kits";
export const createDate = "2026-11-22T05:11:12.157Z";

export async function upgrade(op: Operations): Promise<void> {
  await op.addColumn("kits", "serial_number", column(VARCHAR(100)).nullable());
}

export async function downgrade(op: Operations): Promise<void> {
  // DESTRUCTIVE: drops column kits.serial_number and its data.
  await op.dropColumn("kits", "serial_number");
}
