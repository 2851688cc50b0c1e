import { func, type Session, select, selectinload } from "athanor";
import * as m from "./models.js";

export async function q0(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model000[] = (
    await db.scalars(
      select(m.Model000)
        .where(m.Model000.name.like("a%"), m.Model000.active.is(true))
        .options(selectinload(m.Model000.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model000.parentId, func.count(m.Model000.id).label("n")).groupBy(m.Model000.parentId),
    )
  ).all();
  const one = await db.get(m.Model000, 1);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q1(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model001[] = (
    await db.scalars(
      select(m.Model001)
        .where(m.Model001.name.like("a%"), m.Model001.active.is(true))
        .options(selectinload(m.Model001.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model001.parentId, func.count(m.Model001.id).label("n")).groupBy(m.Model001.parentId),
    )
  ).all();
  const one = await db.get(m.Model001, 2);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q2(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model002[] = (
    await db.scalars(
      select(m.Model002)
        .where(m.Model002.name.like("a%"), m.Model002.active.is(true))
        .options(selectinload(m.Model002.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model002.parentId, func.count(m.Model002.id).label("n")).groupBy(m.Model002.parentId),
    )
  ).all();
  const one = await db.get(m.Model002, 3);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q3(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model003[] = (
    await db.scalars(
      select(m.Model003)
        .where(m.Model003.name.like("a%"), m.Model003.active.is(true))
        .options(selectinload(m.Model003.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model003.parentId, func.count(m.Model003.id).label("n")).groupBy(m.Model003.parentId),
    )
  ).all();
  const one = await db.get(m.Model003, 4);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q4(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model004[] = (
    await db.scalars(
      select(m.Model004)
        .where(m.Model004.name.like("a%"), m.Model004.active.is(true))
        .options(selectinload(m.Model004.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model004.parentId, func.count(m.Model004.id).label("n")).groupBy(m.Model004.parentId),
    )
  ).all();
  const one = await db.get(m.Model004, 5);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q5(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model005[] = (
    await db.scalars(
      select(m.Model005)
        .where(m.Model005.name.like("a%"), m.Model005.active.is(true))
        .options(selectinload(m.Model005.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model005.parentId, func.count(m.Model005.id).label("n")).groupBy(m.Model005.parentId),
    )
  ).all();
  const one = await db.get(m.Model005, 6);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q6(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model006[] = (
    await db.scalars(
      select(m.Model006)
        .where(m.Model006.name.like("a%"), m.Model006.active.is(true))
        .options(selectinload(m.Model006.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model006.parentId, func.count(m.Model006.id).label("n")).groupBy(m.Model006.parentId),
    )
  ).all();
  const one = await db.get(m.Model006, 7);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q7(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model007[] = (
    await db.scalars(
      select(m.Model007)
        .where(m.Model007.name.like("a%"), m.Model007.active.is(true))
        .options(selectinload(m.Model007.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model007.parentId, func.count(m.Model007.id).label("n")).groupBy(m.Model007.parentId),
    )
  ).all();
  const one = await db.get(m.Model007, 8);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q8(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model008[] = (
    await db.scalars(
      select(m.Model008)
        .where(m.Model008.name.like("a%"), m.Model008.active.is(true))
        .options(selectinload(m.Model008.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model008.parentId, func.count(m.Model008.id).label("n")).groupBy(m.Model008.parentId),
    )
  ).all();
  const one = await db.get(m.Model008, 9);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q9(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model009[] = (
    await db.scalars(
      select(m.Model009)
        .where(m.Model009.name.like("a%"), m.Model009.active.is(true))
        .options(selectinload(m.Model009.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model009.parentId, func.count(m.Model009.id).label("n")).groupBy(m.Model009.parentId),
    )
  ).all();
  const one = await db.get(m.Model009, 10);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q10(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model010[] = (
    await db.scalars(
      select(m.Model010)
        .where(m.Model010.name.like("a%"), m.Model010.active.is(true))
        .options(selectinload(m.Model010.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model010.parentId, func.count(m.Model010.id).label("n")).groupBy(m.Model010.parentId),
    )
  ).all();
  const one = await db.get(m.Model010, 11);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q11(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model011[] = (
    await db.scalars(
      select(m.Model011)
        .where(m.Model011.name.like("a%"), m.Model011.active.is(true))
        .options(selectinload(m.Model011.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model011.parentId, func.count(m.Model011.id).label("n")).groupBy(m.Model011.parentId),
    )
  ).all();
  const one = await db.get(m.Model011, 12);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q12(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model012[] = (
    await db.scalars(
      select(m.Model012)
        .where(m.Model012.name.like("a%"), m.Model012.active.is(true))
        .options(selectinload(m.Model012.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model012.parentId, func.count(m.Model012.id).label("n")).groupBy(m.Model012.parentId),
    )
  ).all();
  const one = await db.get(m.Model012, 13);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q13(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model013[] = (
    await db.scalars(
      select(m.Model013)
        .where(m.Model013.name.like("a%"), m.Model013.active.is(true))
        .options(selectinload(m.Model013.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model013.parentId, func.count(m.Model013.id).label("n")).groupBy(m.Model013.parentId),
    )
  ).all();
  const one = await db.get(m.Model013, 14);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q14(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model014[] = (
    await db.scalars(
      select(m.Model014)
        .where(m.Model014.name.like("a%"), m.Model014.active.is(true))
        .options(selectinload(m.Model014.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model014.parentId, func.count(m.Model014.id).label("n")).groupBy(m.Model014.parentId),
    )
  ).all();
  const one = await db.get(m.Model014, 15);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q15(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model015[] = (
    await db.scalars(
      select(m.Model015)
        .where(m.Model015.name.like("a%"), m.Model015.active.is(true))
        .options(selectinload(m.Model015.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model015.parentId, func.count(m.Model015.id).label("n")).groupBy(m.Model015.parentId),
    )
  ).all();
  const one = await db.get(m.Model015, 16);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q16(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model016[] = (
    await db.scalars(
      select(m.Model016)
        .where(m.Model016.name.like("a%"), m.Model016.active.is(true))
        .options(selectinload(m.Model016.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model016.parentId, func.count(m.Model016.id).label("n")).groupBy(m.Model016.parentId),
    )
  ).all();
  const one = await db.get(m.Model016, 17);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q17(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model017[] = (
    await db.scalars(
      select(m.Model017)
        .where(m.Model017.name.like("a%"), m.Model017.active.is(true))
        .options(selectinload(m.Model017.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model017.parentId, func.count(m.Model017.id).label("n")).groupBy(m.Model017.parentId),
    )
  ).all();
  const one = await db.get(m.Model017, 18);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q18(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model018[] = (
    await db.scalars(
      select(m.Model018)
        .where(m.Model018.name.like("a%"), m.Model018.active.is(true))
        .options(selectinload(m.Model018.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model018.parentId, func.count(m.Model018.id).label("n")).groupBy(m.Model018.parentId),
    )
  ).all();
  const one = await db.get(m.Model018, 19);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q19(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model019[] = (
    await db.scalars(
      select(m.Model019)
        .where(m.Model019.name.like("a%"), m.Model019.active.is(true))
        .options(selectinload(m.Model019.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model019.parentId, func.count(m.Model019.id).label("n")).groupBy(m.Model019.parentId),
    )
  ).all();
  const one = await db.get(m.Model019, 20);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q20(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model020[] = (
    await db.scalars(
      select(m.Model020)
        .where(m.Model020.name.like("a%"), m.Model020.active.is(true))
        .options(selectinload(m.Model020.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model020.parentId, func.count(m.Model020.id).label("n")).groupBy(m.Model020.parentId),
    )
  ).all();
  const one = await db.get(m.Model020, 21);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q21(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model021[] = (
    await db.scalars(
      select(m.Model021)
        .where(m.Model021.name.like("a%"), m.Model021.active.is(true))
        .options(selectinload(m.Model021.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model021.parentId, func.count(m.Model021.id).label("n")).groupBy(m.Model021.parentId),
    )
  ).all();
  const one = await db.get(m.Model021, 22);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q22(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model022[] = (
    await db.scalars(
      select(m.Model022)
        .where(m.Model022.name.like("a%"), m.Model022.active.is(true))
        .options(selectinload(m.Model022.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model022.parentId, func.count(m.Model022.id).label("n")).groupBy(m.Model022.parentId),
    )
  ).all();
  const one = await db.get(m.Model022, 23);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q23(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model023[] = (
    await db.scalars(
      select(m.Model023)
        .where(m.Model023.name.like("a%"), m.Model023.active.is(true))
        .options(selectinload(m.Model023.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model023.parentId, func.count(m.Model023.id).label("n")).groupBy(m.Model023.parentId),
    )
  ).all();
  const one = await db.get(m.Model023, 24);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q24(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model024[] = (
    await db.scalars(
      select(m.Model024)
        .where(m.Model024.name.like("a%"), m.Model024.active.is(true))
        .options(selectinload(m.Model024.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model024.parentId, func.count(m.Model024.id).label("n")).groupBy(m.Model024.parentId),
    )
  ).all();
  const one = await db.get(m.Model024, 25);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q25(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model025[] = (
    await db.scalars(
      select(m.Model025)
        .where(m.Model025.name.like("a%"), m.Model025.active.is(true))
        .options(selectinload(m.Model025.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model025.parentId, func.count(m.Model025.id).label("n")).groupBy(m.Model025.parentId),
    )
  ).all();
  const one = await db.get(m.Model025, 26);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q26(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model026[] = (
    await db.scalars(
      select(m.Model026)
        .where(m.Model026.name.like("a%"), m.Model026.active.is(true))
        .options(selectinload(m.Model026.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model026.parentId, func.count(m.Model026.id).label("n")).groupBy(m.Model026.parentId),
    )
  ).all();
  const one = await db.get(m.Model026, 27);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q27(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model027[] = (
    await db.scalars(
      select(m.Model027)
        .where(m.Model027.name.like("a%"), m.Model027.active.is(true))
        .options(selectinload(m.Model027.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model027.parentId, func.count(m.Model027.id).label("n")).groupBy(m.Model027.parentId),
    )
  ).all();
  const one = await db.get(m.Model027, 28);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q28(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model028[] = (
    await db.scalars(
      select(m.Model028)
        .where(m.Model028.name.like("a%"), m.Model028.active.is(true))
        .options(selectinload(m.Model028.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model028.parentId, func.count(m.Model028.id).label("n")).groupBy(m.Model028.parentId),
    )
  ).all();
  const one = await db.get(m.Model028, 29);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q29(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model029[] = (
    await db.scalars(
      select(m.Model029)
        .where(m.Model029.name.like("a%"), m.Model029.active.is(true))
        .options(selectinload(m.Model029.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model029.parentId, func.count(m.Model029.id).label("n")).groupBy(m.Model029.parentId),
    )
  ).all();
  const one = await db.get(m.Model029, 30);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q30(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model030[] = (
    await db.scalars(
      select(m.Model030)
        .where(m.Model030.name.like("a%"), m.Model030.active.is(true))
        .options(selectinload(m.Model030.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model030.parentId, func.count(m.Model030.id).label("n")).groupBy(m.Model030.parentId),
    )
  ).all();
  const one = await db.get(m.Model030, 31);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q31(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model031[] = (
    await db.scalars(
      select(m.Model031)
        .where(m.Model031.name.like("a%"), m.Model031.active.is(true))
        .options(selectinload(m.Model031.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model031.parentId, func.count(m.Model031.id).label("n")).groupBy(m.Model031.parentId),
    )
  ).all();
  const one = await db.get(m.Model031, 32);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q32(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model032[] = (
    await db.scalars(
      select(m.Model032)
        .where(m.Model032.name.like("a%"), m.Model032.active.is(true))
        .options(selectinload(m.Model032.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model032.parentId, func.count(m.Model032.id).label("n")).groupBy(m.Model032.parentId),
    )
  ).all();
  const one = await db.get(m.Model032, 33);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q33(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model033[] = (
    await db.scalars(
      select(m.Model033)
        .where(m.Model033.name.like("a%"), m.Model033.active.is(true))
        .options(selectinload(m.Model033.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model033.parentId, func.count(m.Model033.id).label("n")).groupBy(m.Model033.parentId),
    )
  ).all();
  const one = await db.get(m.Model033, 34);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q34(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model034[] = (
    await db.scalars(
      select(m.Model034)
        .where(m.Model034.name.like("a%"), m.Model034.active.is(true))
        .options(selectinload(m.Model034.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model034.parentId, func.count(m.Model034.id).label("n")).groupBy(m.Model034.parentId),
    )
  ).all();
  const one = await db.get(m.Model034, 35);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q35(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model035[] = (
    await db.scalars(
      select(m.Model035)
        .where(m.Model035.name.like("a%"), m.Model035.active.is(true))
        .options(selectinload(m.Model035.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model035.parentId, func.count(m.Model035.id).label("n")).groupBy(m.Model035.parentId),
    )
  ).all();
  const one = await db.get(m.Model035, 36);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q36(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model036[] = (
    await db.scalars(
      select(m.Model036)
        .where(m.Model036.name.like("a%"), m.Model036.active.is(true))
        .options(selectinload(m.Model036.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model036.parentId, func.count(m.Model036.id).label("n")).groupBy(m.Model036.parentId),
    )
  ).all();
  const one = await db.get(m.Model036, 37);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q37(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model037[] = (
    await db.scalars(
      select(m.Model037)
        .where(m.Model037.name.like("a%"), m.Model037.active.is(true))
        .options(selectinload(m.Model037.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model037.parentId, func.count(m.Model037.id).label("n")).groupBy(m.Model037.parentId),
    )
  ).all();
  const one = await db.get(m.Model037, 38);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q38(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model038[] = (
    await db.scalars(
      select(m.Model038)
        .where(m.Model038.name.like("a%"), m.Model038.active.is(true))
        .options(selectinload(m.Model038.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model038.parentId, func.count(m.Model038.id).label("n")).groupBy(m.Model038.parentId),
    )
  ).all();
  const one = await db.get(m.Model038, 39);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q39(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model039[] = (
    await db.scalars(
      select(m.Model039)
        .where(m.Model039.name.like("a%"), m.Model039.active.is(true))
        .options(selectinload(m.Model039.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model039.parentId, func.count(m.Model039.id).label("n")).groupBy(m.Model039.parentId),
    )
  ).all();
  const one = await db.get(m.Model039, 40);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q40(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model040[] = (
    await db.scalars(
      select(m.Model040)
        .where(m.Model040.name.like("a%"), m.Model040.active.is(true))
        .options(selectinload(m.Model040.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model040.parentId, func.count(m.Model040.id).label("n")).groupBy(m.Model040.parentId),
    )
  ).all();
  const one = await db.get(m.Model040, 41);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q41(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model041[] = (
    await db.scalars(
      select(m.Model041)
        .where(m.Model041.name.like("a%"), m.Model041.active.is(true))
        .options(selectinload(m.Model041.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model041.parentId, func.count(m.Model041.id).label("n")).groupBy(m.Model041.parentId),
    )
  ).all();
  const one = await db.get(m.Model041, 42);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q42(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model042[] = (
    await db.scalars(
      select(m.Model042)
        .where(m.Model042.name.like("a%"), m.Model042.active.is(true))
        .options(selectinload(m.Model042.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model042.parentId, func.count(m.Model042.id).label("n")).groupBy(m.Model042.parentId),
    )
  ).all();
  const one = await db.get(m.Model042, 43);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q43(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model043[] = (
    await db.scalars(
      select(m.Model043)
        .where(m.Model043.name.like("a%"), m.Model043.active.is(true))
        .options(selectinload(m.Model043.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model043.parentId, func.count(m.Model043.id).label("n")).groupBy(m.Model043.parentId),
    )
  ).all();
  const one = await db.get(m.Model043, 44);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q44(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model044[] = (
    await db.scalars(
      select(m.Model044)
        .where(m.Model044.name.like("a%"), m.Model044.active.is(true))
        .options(selectinload(m.Model044.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model044.parentId, func.count(m.Model044.id).label("n")).groupBy(m.Model044.parentId),
    )
  ).all();
  const one = await db.get(m.Model044, 45);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q45(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model045[] = (
    await db.scalars(
      select(m.Model045)
        .where(m.Model045.name.like("a%"), m.Model045.active.is(true))
        .options(selectinload(m.Model045.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model045.parentId, func.count(m.Model045.id).label("n")).groupBy(m.Model045.parentId),
    )
  ).all();
  const one = await db.get(m.Model045, 46);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q46(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model046[] = (
    await db.scalars(
      select(m.Model046)
        .where(m.Model046.name.like("a%"), m.Model046.active.is(true))
        .options(selectinload(m.Model046.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model046.parentId, func.count(m.Model046.id).label("n")).groupBy(m.Model046.parentId),
    )
  ).all();
  const one = await db.get(m.Model046, 47);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q47(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model047[] = (
    await db.scalars(
      select(m.Model047)
        .where(m.Model047.name.like("a%"), m.Model047.active.is(true))
        .options(selectinload(m.Model047.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model047.parentId, func.count(m.Model047.id).label("n")).groupBy(m.Model047.parentId),
    )
  ).all();
  const one = await db.get(m.Model047, 48);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q48(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model048[] = (
    await db.scalars(
      select(m.Model048)
        .where(m.Model048.name.like("a%"), m.Model048.active.is(true))
        .options(selectinload(m.Model048.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model048.parentId, func.count(m.Model048.id).label("n")).groupBy(m.Model048.parentId),
    )
  ).all();
  const one = await db.get(m.Model048, 49);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q49(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model049[] = (
    await db.scalars(
      select(m.Model049)
        .where(m.Model049.name.like("a%"), m.Model049.active.is(true))
        .options(selectinload(m.Model049.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model049.parentId, func.count(m.Model049.id).label("n")).groupBy(m.Model049.parentId),
    )
  ).all();
  const one = await db.get(m.Model049, 50);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q50(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model050[] = (
    await db.scalars(
      select(m.Model050)
        .where(m.Model050.name.like("a%"), m.Model050.active.is(true))
        .options(selectinload(m.Model050.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model050.parentId, func.count(m.Model050.id).label("n")).groupBy(m.Model050.parentId),
    )
  ).all();
  const one = await db.get(m.Model050, 51);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q51(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model051[] = (
    await db.scalars(
      select(m.Model051)
        .where(m.Model051.name.like("a%"), m.Model051.active.is(true))
        .options(selectinload(m.Model051.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model051.parentId, func.count(m.Model051.id).label("n")).groupBy(m.Model051.parentId),
    )
  ).all();
  const one = await db.get(m.Model051, 52);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q52(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model052[] = (
    await db.scalars(
      select(m.Model052)
        .where(m.Model052.name.like("a%"), m.Model052.active.is(true))
        .options(selectinload(m.Model052.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model052.parentId, func.count(m.Model052.id).label("n")).groupBy(m.Model052.parentId),
    )
  ).all();
  const one = await db.get(m.Model052, 53);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q53(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model053[] = (
    await db.scalars(
      select(m.Model053)
        .where(m.Model053.name.like("a%"), m.Model053.active.is(true))
        .options(selectinload(m.Model053.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model053.parentId, func.count(m.Model053.id).label("n")).groupBy(m.Model053.parentId),
    )
  ).all();
  const one = await db.get(m.Model053, 54);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q54(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model054[] = (
    await db.scalars(
      select(m.Model054)
        .where(m.Model054.name.like("a%"), m.Model054.active.is(true))
        .options(selectinload(m.Model054.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model054.parentId, func.count(m.Model054.id).label("n")).groupBy(m.Model054.parentId),
    )
  ).all();
  const one = await db.get(m.Model054, 55);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q55(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model055[] = (
    await db.scalars(
      select(m.Model055)
        .where(m.Model055.name.like("a%"), m.Model055.active.is(true))
        .options(selectinload(m.Model055.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model055.parentId, func.count(m.Model055.id).label("n")).groupBy(m.Model055.parentId),
    )
  ).all();
  const one = await db.get(m.Model055, 56);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q56(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model056[] = (
    await db.scalars(
      select(m.Model056)
        .where(m.Model056.name.like("a%"), m.Model056.active.is(true))
        .options(selectinload(m.Model056.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model056.parentId, func.count(m.Model056.id).label("n")).groupBy(m.Model056.parentId),
    )
  ).all();
  const one = await db.get(m.Model056, 57);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q57(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model057[] = (
    await db.scalars(
      select(m.Model057)
        .where(m.Model057.name.like("a%"), m.Model057.active.is(true))
        .options(selectinload(m.Model057.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model057.parentId, func.count(m.Model057.id).label("n")).groupBy(m.Model057.parentId),
    )
  ).all();
  const one = await db.get(m.Model057, 58);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q58(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model058[] = (
    await db.scalars(
      select(m.Model058)
        .where(m.Model058.name.like("a%"), m.Model058.active.is(true))
        .options(selectinload(m.Model058.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model058.parentId, func.count(m.Model058.id).label("n")).groupBy(m.Model058.parentId),
    )
  ).all();
  const one = await db.get(m.Model058, 59);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q59(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model059[] = (
    await db.scalars(
      select(m.Model059)
        .where(m.Model059.name.like("a%"), m.Model059.active.is(true))
        .options(selectinload(m.Model059.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model059.parentId, func.count(m.Model059.id).label("n")).groupBy(m.Model059.parentId),
    )
  ).all();
  const one = await db.get(m.Model059, 60);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q60(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model060[] = (
    await db.scalars(
      select(m.Model060)
        .where(m.Model060.name.like("a%"), m.Model060.active.is(true))
        .options(selectinload(m.Model060.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model060.parentId, func.count(m.Model060.id).label("n")).groupBy(m.Model060.parentId),
    )
  ).all();
  const one = await db.get(m.Model060, 61);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q61(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model061[] = (
    await db.scalars(
      select(m.Model061)
        .where(m.Model061.name.like("a%"), m.Model061.active.is(true))
        .options(selectinload(m.Model061.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model061.parentId, func.count(m.Model061.id).label("n")).groupBy(m.Model061.parentId),
    )
  ).all();
  const one = await db.get(m.Model061, 62);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q62(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model062[] = (
    await db.scalars(
      select(m.Model062)
        .where(m.Model062.name.like("a%"), m.Model062.active.is(true))
        .options(selectinload(m.Model062.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model062.parentId, func.count(m.Model062.id).label("n")).groupBy(m.Model062.parentId),
    )
  ).all();
  const one = await db.get(m.Model062, 63);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q63(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model063[] = (
    await db.scalars(
      select(m.Model063)
        .where(m.Model063.name.like("a%"), m.Model063.active.is(true))
        .options(selectinload(m.Model063.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model063.parentId, func.count(m.Model063.id).label("n")).groupBy(m.Model063.parentId),
    )
  ).all();
  const one = await db.get(m.Model063, 64);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q64(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model064[] = (
    await db.scalars(
      select(m.Model064)
        .where(m.Model064.name.like("a%"), m.Model064.active.is(true))
        .options(selectinload(m.Model064.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model064.parentId, func.count(m.Model064.id).label("n")).groupBy(m.Model064.parentId),
    )
  ).all();
  const one = await db.get(m.Model064, 65);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q65(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model065[] = (
    await db.scalars(
      select(m.Model065)
        .where(m.Model065.name.like("a%"), m.Model065.active.is(true))
        .options(selectinload(m.Model065.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model065.parentId, func.count(m.Model065.id).label("n")).groupBy(m.Model065.parentId),
    )
  ).all();
  const one = await db.get(m.Model065, 66);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q66(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model066[] = (
    await db.scalars(
      select(m.Model066)
        .where(m.Model066.name.like("a%"), m.Model066.active.is(true))
        .options(selectinload(m.Model066.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model066.parentId, func.count(m.Model066.id).label("n")).groupBy(m.Model066.parentId),
    )
  ).all();
  const one = await db.get(m.Model066, 67);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q67(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model067[] = (
    await db.scalars(
      select(m.Model067)
        .where(m.Model067.name.like("a%"), m.Model067.active.is(true))
        .options(selectinload(m.Model067.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model067.parentId, func.count(m.Model067.id).label("n")).groupBy(m.Model067.parentId),
    )
  ).all();
  const one = await db.get(m.Model067, 68);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q68(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model068[] = (
    await db.scalars(
      select(m.Model068)
        .where(m.Model068.name.like("a%"), m.Model068.active.is(true))
        .options(selectinload(m.Model068.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model068.parentId, func.count(m.Model068.id).label("n")).groupBy(m.Model068.parentId),
    )
  ).all();
  const one = await db.get(m.Model068, 69);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q69(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model069[] = (
    await db.scalars(
      select(m.Model069)
        .where(m.Model069.name.like("a%"), m.Model069.active.is(true))
        .options(selectinload(m.Model069.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model069.parentId, func.count(m.Model069.id).label("n")).groupBy(m.Model069.parentId),
    )
  ).all();
  const one = await db.get(m.Model069, 70);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q70(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model070[] = (
    await db.scalars(
      select(m.Model070)
        .where(m.Model070.name.like("a%"), m.Model070.active.is(true))
        .options(selectinload(m.Model070.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model070.parentId, func.count(m.Model070.id).label("n")).groupBy(m.Model070.parentId),
    )
  ).all();
  const one = await db.get(m.Model070, 71);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q71(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model071[] = (
    await db.scalars(
      select(m.Model071)
        .where(m.Model071.name.like("a%"), m.Model071.active.is(true))
        .options(selectinload(m.Model071.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model071.parentId, func.count(m.Model071.id).label("n")).groupBy(m.Model071.parentId),
    )
  ).all();
  const one = await db.get(m.Model071, 72);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q72(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model072[] = (
    await db.scalars(
      select(m.Model072)
        .where(m.Model072.name.like("a%"), m.Model072.active.is(true))
        .options(selectinload(m.Model072.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model072.parentId, func.count(m.Model072.id).label("n")).groupBy(m.Model072.parentId),
    )
  ).all();
  const one = await db.get(m.Model072, 73);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q73(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model073[] = (
    await db.scalars(
      select(m.Model073)
        .where(m.Model073.name.like("a%"), m.Model073.active.is(true))
        .options(selectinload(m.Model073.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model073.parentId, func.count(m.Model073.id).label("n")).groupBy(m.Model073.parentId),
    )
  ).all();
  const one = await db.get(m.Model073, 74);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q74(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model074[] = (
    await db.scalars(
      select(m.Model074)
        .where(m.Model074.name.like("a%"), m.Model074.active.is(true))
        .options(selectinload(m.Model074.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model074.parentId, func.count(m.Model074.id).label("n")).groupBy(m.Model074.parentId),
    )
  ).all();
  const one = await db.get(m.Model074, 75);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q75(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model075[] = (
    await db.scalars(
      select(m.Model075)
        .where(m.Model075.name.like("a%"), m.Model075.active.is(true))
        .options(selectinload(m.Model075.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model075.parentId, func.count(m.Model075.id).label("n")).groupBy(m.Model075.parentId),
    )
  ).all();
  const one = await db.get(m.Model075, 76);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q76(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model076[] = (
    await db.scalars(
      select(m.Model076)
        .where(m.Model076.name.like("a%"), m.Model076.active.is(true))
        .options(selectinload(m.Model076.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model076.parentId, func.count(m.Model076.id).label("n")).groupBy(m.Model076.parentId),
    )
  ).all();
  const one = await db.get(m.Model076, 77);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q77(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model077[] = (
    await db.scalars(
      select(m.Model077)
        .where(m.Model077.name.like("a%"), m.Model077.active.is(true))
        .options(selectinload(m.Model077.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model077.parentId, func.count(m.Model077.id).label("n")).groupBy(m.Model077.parentId),
    )
  ).all();
  const one = await db.get(m.Model077, 78);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q78(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model078[] = (
    await db.scalars(
      select(m.Model078)
        .where(m.Model078.name.like("a%"), m.Model078.active.is(true))
        .options(selectinload(m.Model078.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model078.parentId, func.count(m.Model078.id).label("n")).groupBy(m.Model078.parentId),
    )
  ).all();
  const one = await db.get(m.Model078, 79);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q79(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model079[] = (
    await db.scalars(
      select(m.Model079)
        .where(m.Model079.name.like("a%"), m.Model079.active.is(true))
        .options(selectinload(m.Model079.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model079.parentId, func.count(m.Model079.id).label("n")).groupBy(m.Model079.parentId),
    )
  ).all();
  const one = await db.get(m.Model079, 80);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q80(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model080[] = (
    await db.scalars(
      select(m.Model080)
        .where(m.Model080.name.like("a%"), m.Model080.active.is(true))
        .options(selectinload(m.Model080.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model080.parentId, func.count(m.Model080.id).label("n")).groupBy(m.Model080.parentId),
    )
  ).all();
  const one = await db.get(m.Model080, 81);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q81(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model081[] = (
    await db.scalars(
      select(m.Model081)
        .where(m.Model081.name.like("a%"), m.Model081.active.is(true))
        .options(selectinload(m.Model081.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model081.parentId, func.count(m.Model081.id).label("n")).groupBy(m.Model081.parentId),
    )
  ).all();
  const one = await db.get(m.Model081, 82);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q82(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model082[] = (
    await db.scalars(
      select(m.Model082)
        .where(m.Model082.name.like("a%"), m.Model082.active.is(true))
        .options(selectinload(m.Model082.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model082.parentId, func.count(m.Model082.id).label("n")).groupBy(m.Model082.parentId),
    )
  ).all();
  const one = await db.get(m.Model082, 83);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q83(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model083[] = (
    await db.scalars(
      select(m.Model083)
        .where(m.Model083.name.like("a%"), m.Model083.active.is(true))
        .options(selectinload(m.Model083.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model083.parentId, func.count(m.Model083.id).label("n")).groupBy(m.Model083.parentId),
    )
  ).all();
  const one = await db.get(m.Model083, 84);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q84(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model084[] = (
    await db.scalars(
      select(m.Model084)
        .where(m.Model084.name.like("a%"), m.Model084.active.is(true))
        .options(selectinload(m.Model084.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model084.parentId, func.count(m.Model084.id).label("n")).groupBy(m.Model084.parentId),
    )
  ).all();
  const one = await db.get(m.Model084, 85);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q85(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model085[] = (
    await db.scalars(
      select(m.Model085)
        .where(m.Model085.name.like("a%"), m.Model085.active.is(true))
        .options(selectinload(m.Model085.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model085.parentId, func.count(m.Model085.id).label("n")).groupBy(m.Model085.parentId),
    )
  ).all();
  const one = await db.get(m.Model085, 86);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q86(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model086[] = (
    await db.scalars(
      select(m.Model086)
        .where(m.Model086.name.like("a%"), m.Model086.active.is(true))
        .options(selectinload(m.Model086.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model086.parentId, func.count(m.Model086.id).label("n")).groupBy(m.Model086.parentId),
    )
  ).all();
  const one = await db.get(m.Model086, 87);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q87(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model087[] = (
    await db.scalars(
      select(m.Model087)
        .where(m.Model087.name.like("a%"), m.Model087.active.is(true))
        .options(selectinload(m.Model087.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model087.parentId, func.count(m.Model087.id).label("n")).groupBy(m.Model087.parentId),
    )
  ).all();
  const one = await db.get(m.Model087, 88);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q88(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model088[] = (
    await db.scalars(
      select(m.Model088)
        .where(m.Model088.name.like("a%"), m.Model088.active.is(true))
        .options(selectinload(m.Model088.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model088.parentId, func.count(m.Model088.id).label("n")).groupBy(m.Model088.parentId),
    )
  ).all();
  const one = await db.get(m.Model088, 89);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q89(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model089[] = (
    await db.scalars(
      select(m.Model089)
        .where(m.Model089.name.like("a%"), m.Model089.active.is(true))
        .options(selectinload(m.Model089.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model089.parentId, func.count(m.Model089.id).label("n")).groupBy(m.Model089.parentId),
    )
  ).all();
  const one = await db.get(m.Model089, 90);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q90(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model090[] = (
    await db.scalars(
      select(m.Model090)
        .where(m.Model090.name.like("a%"), m.Model090.active.is(true))
        .options(selectinload(m.Model090.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model090.parentId, func.count(m.Model090.id).label("n")).groupBy(m.Model090.parentId),
    )
  ).all();
  const one = await db.get(m.Model090, 91);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q91(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model091[] = (
    await db.scalars(
      select(m.Model091)
        .where(m.Model091.name.like("a%"), m.Model091.active.is(true))
        .options(selectinload(m.Model091.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model091.parentId, func.count(m.Model091.id).label("n")).groupBy(m.Model091.parentId),
    )
  ).all();
  const one = await db.get(m.Model091, 92);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q92(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model092[] = (
    await db.scalars(
      select(m.Model092)
        .where(m.Model092.name.like("a%"), m.Model092.active.is(true))
        .options(selectinload(m.Model092.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model092.parentId, func.count(m.Model092.id).label("n")).groupBy(m.Model092.parentId),
    )
  ).all();
  const one = await db.get(m.Model092, 93);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q93(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model093[] = (
    await db.scalars(
      select(m.Model093)
        .where(m.Model093.name.like("a%"), m.Model093.active.is(true))
        .options(selectinload(m.Model093.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model093.parentId, func.count(m.Model093.id).label("n")).groupBy(m.Model093.parentId),
    )
  ).all();
  const one = await db.get(m.Model093, 94);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q94(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model094[] = (
    await db.scalars(
      select(m.Model094)
        .where(m.Model094.name.like("a%"), m.Model094.active.is(true))
        .options(selectinload(m.Model094.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model094.parentId, func.count(m.Model094.id).label("n")).groupBy(m.Model094.parentId),
    )
  ).all();
  const one = await db.get(m.Model094, 95);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q95(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model095[] = (
    await db.scalars(
      select(m.Model095)
        .where(m.Model095.name.like("a%"), m.Model095.active.is(true))
        .options(selectinload(m.Model095.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model095.parentId, func.count(m.Model095.id).label("n")).groupBy(m.Model095.parentId),
    )
  ).all();
  const one = await db.get(m.Model095, 96);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q96(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model096[] = (
    await db.scalars(
      select(m.Model096)
        .where(m.Model096.name.like("a%"), m.Model096.active.is(true))
        .options(selectinload(m.Model096.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model096.parentId, func.count(m.Model096.id).label("n")).groupBy(m.Model096.parentId),
    )
  ).all();
  const one = await db.get(m.Model096, 97);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q97(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model097[] = (
    await db.scalars(
      select(m.Model097)
        .where(m.Model097.name.like("a%"), m.Model097.active.is(true))
        .options(selectinload(m.Model097.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model097.parentId, func.count(m.Model097.id).label("n")).groupBy(m.Model097.parentId),
    )
  ).all();
  const one = await db.get(m.Model097, 98);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q98(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model098[] = (
    await db.scalars(
      select(m.Model098)
        .where(m.Model098.name.like("a%"), m.Model098.active.is(true))
        .options(selectinload(m.Model098.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model098.parentId, func.count(m.Model098.id).label("n")).groupBy(m.Model098.parentId),
    )
  ).all();
  const one = await db.get(m.Model098, 99);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}

export async function q99(
  db: Session,
): Promise<[string[], { parentId: number | null; n: number }[], string | undefined]> {
  const rows: m.Model099[] = (
    await db.scalars(
      select(m.Model099)
        .where(m.Model099.name.like("a%"), m.Model099.active.is(true))
        .options(selectinload(m.Model099.children)),
    )
  ).all();
  const counts = (
    await db.execute(
      select(m.Model099.parentId, func.count(m.Model099.id).label("n")).groupBy(m.Model099.parentId),
    )
  ).all();
  const one = await db.get(m.Model099, 100);
  return [rows.map((r) => r.name), counts.map((r) => ({ parentId: r.parentId, n: r.n })), one?.parent?.name];
}
