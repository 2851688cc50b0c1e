import {
  BOOLEAN,
  column,
  DateTime,
  declarativeBase,
  ForeignKey,
  Integer,
  Numeric,
  relationship,
  Text,
  VARCHAR,
} from "athanor";

export const Base = declarativeBase();

export class Model000 extends Base.table("model_000", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_099.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model099, {
    backPopulates: "children",
    foreignKeys: () => [Model000.parentId],
  });
  declare parent: Model099 | null;
  static children = relationship(() => Model001, {
    backPopulates: "parent",
    foreignKeys: () => [Model001.parentId],
  });
  declare children: Model001[];
}

export class Model001 extends Base.table("model_001", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_000.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model000, {
    backPopulates: "children",
    foreignKeys: () => [Model001.parentId],
  });
  declare parent: Model000 | null;
  static children = relationship(() => Model002, {
    backPopulates: "parent",
    foreignKeys: () => [Model002.parentId],
  });
  declare children: Model002[];
}

export class Model002 extends Base.table("model_002", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_001.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model001, {
    backPopulates: "children",
    foreignKeys: () => [Model002.parentId],
  });
  declare parent: Model001 | null;
  static children = relationship(() => Model003, {
    backPopulates: "parent",
    foreignKeys: () => [Model003.parentId],
  });
  declare children: Model003[];
}

export class Model003 extends Base.table("model_003", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_002.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model002, {
    backPopulates: "children",
    foreignKeys: () => [Model003.parentId],
  });
  declare parent: Model002 | null;
  static children = relationship(() => Model004, {
    backPopulates: "parent",
    foreignKeys: () => [Model004.parentId],
  });
  declare children: Model004[];
}

export class Model004 extends Base.table("model_004", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_003.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model003, {
    backPopulates: "children",
    foreignKeys: () => [Model004.parentId],
  });
  declare parent: Model003 | null;
  static children = relationship(() => Model005, {
    backPopulates: "parent",
    foreignKeys: () => [Model005.parentId],
  });
  declare children: Model005[];
}

export class Model005 extends Base.table("model_005", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_004.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model004, {
    backPopulates: "children",
    foreignKeys: () => [Model005.parentId],
  });
  declare parent: Model004 | null;
  static children = relationship(() => Model006, {
    backPopulates: "parent",
    foreignKeys: () => [Model006.parentId],
  });
  declare children: Model006[];
}

export class Model006 extends Base.table("model_006", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_005.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model005, {
    backPopulates: "children",
    foreignKeys: () => [Model006.parentId],
  });
  declare parent: Model005 | null;
  static children = relationship(() => Model007, {
    backPopulates: "parent",
    foreignKeys: () => [Model007.parentId],
  });
  declare children: Model007[];
}

export class Model007 extends Base.table("model_007", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_006.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model006, {
    backPopulates: "children",
    foreignKeys: () => [Model007.parentId],
  });
  declare parent: Model006 | null;
  static children = relationship(() => Model008, {
    backPopulates: "parent",
    foreignKeys: () => [Model008.parentId],
  });
  declare children: Model008[];
}

export class Model008 extends Base.table("model_008", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_007.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model007, {
    backPopulates: "children",
    foreignKeys: () => [Model008.parentId],
  });
  declare parent: Model007 | null;
  static children = relationship(() => Model009, {
    backPopulates: "parent",
    foreignKeys: () => [Model009.parentId],
  });
  declare children: Model009[];
}

export class Model009 extends Base.table("model_009", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_008.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model008, {
    backPopulates: "children",
    foreignKeys: () => [Model009.parentId],
  });
  declare parent: Model008 | null;
  static children = relationship(() => Model010, {
    backPopulates: "parent",
    foreignKeys: () => [Model010.parentId],
  });
  declare children: Model010[];
}

export class Model010 extends Base.table("model_010", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_009.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model009, {
    backPopulates: "children",
    foreignKeys: () => [Model010.parentId],
  });
  declare parent: Model009 | null;
  static children = relationship(() => Model011, {
    backPopulates: "parent",
    foreignKeys: () => [Model011.parentId],
  });
  declare children: Model011[];
}

export class Model011 extends Base.table("model_011", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_010.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model010, {
    backPopulates: "children",
    foreignKeys: () => [Model011.parentId],
  });
  declare parent: Model010 | null;
  static children = relationship(() => Model012, {
    backPopulates: "parent",
    foreignKeys: () => [Model012.parentId],
  });
  declare children: Model012[];
}

export class Model012 extends Base.table("model_012", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_011.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model011, {
    backPopulates: "children",
    foreignKeys: () => [Model012.parentId],
  });
  declare parent: Model011 | null;
  static children = relationship(() => Model013, {
    backPopulates: "parent",
    foreignKeys: () => [Model013.parentId],
  });
  declare children: Model013[];
}

export class Model013 extends Base.table("model_013", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_012.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model012, {
    backPopulates: "children",
    foreignKeys: () => [Model013.parentId],
  });
  declare parent: Model012 | null;
  static children = relationship(() => Model014, {
    backPopulates: "parent",
    foreignKeys: () => [Model014.parentId],
  });
  declare children: Model014[];
}

export class Model014 extends Base.table("model_014", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_013.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model013, {
    backPopulates: "children",
    foreignKeys: () => [Model014.parentId],
  });
  declare parent: Model013 | null;
  static children = relationship(() => Model015, {
    backPopulates: "parent",
    foreignKeys: () => [Model015.parentId],
  });
  declare children: Model015[];
}

export class Model015 extends Base.table("model_015", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_014.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model014, {
    backPopulates: "children",
    foreignKeys: () => [Model015.parentId],
  });
  declare parent: Model014 | null;
  static children = relationship(() => Model016, {
    backPopulates: "parent",
    foreignKeys: () => [Model016.parentId],
  });
  declare children: Model016[];
}

export class Model016 extends Base.table("model_016", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_015.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model015, {
    backPopulates: "children",
    foreignKeys: () => [Model016.parentId],
  });
  declare parent: Model015 | null;
  static children = relationship(() => Model017, {
    backPopulates: "parent",
    foreignKeys: () => [Model017.parentId],
  });
  declare children: Model017[];
}

export class Model017 extends Base.table("model_017", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_016.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model016, {
    backPopulates: "children",
    foreignKeys: () => [Model017.parentId],
  });
  declare parent: Model016 | null;
  static children = relationship(() => Model018, {
    backPopulates: "parent",
    foreignKeys: () => [Model018.parentId],
  });
  declare children: Model018[];
}

export class Model018 extends Base.table("model_018", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_017.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model017, {
    backPopulates: "children",
    foreignKeys: () => [Model018.parentId],
  });
  declare parent: Model017 | null;
  static children = relationship(() => Model019, {
    backPopulates: "parent",
    foreignKeys: () => [Model019.parentId],
  });
  declare children: Model019[];
}

export class Model019 extends Base.table("model_019", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_018.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model018, {
    backPopulates: "children",
    foreignKeys: () => [Model019.parentId],
  });
  declare parent: Model018 | null;
  static children = relationship(() => Model020, {
    backPopulates: "parent",
    foreignKeys: () => [Model020.parentId],
  });
  declare children: Model020[];
}

export class Model020 extends Base.table("model_020", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_019.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model019, {
    backPopulates: "children",
    foreignKeys: () => [Model020.parentId],
  });
  declare parent: Model019 | null;
  static children = relationship(() => Model021, {
    backPopulates: "parent",
    foreignKeys: () => [Model021.parentId],
  });
  declare children: Model021[];
}

export class Model021 extends Base.table("model_021", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_020.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model020, {
    backPopulates: "children",
    foreignKeys: () => [Model021.parentId],
  });
  declare parent: Model020 | null;
  static children = relationship(() => Model022, {
    backPopulates: "parent",
    foreignKeys: () => [Model022.parentId],
  });
  declare children: Model022[];
}

export class Model022 extends Base.table("model_022", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_021.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model021, {
    backPopulates: "children",
    foreignKeys: () => [Model022.parentId],
  });
  declare parent: Model021 | null;
  static children = relationship(() => Model023, {
    backPopulates: "parent",
    foreignKeys: () => [Model023.parentId],
  });
  declare children: Model023[];
}

export class Model023 extends Base.table("model_023", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_022.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model022, {
    backPopulates: "children",
    foreignKeys: () => [Model023.parentId],
  });
  declare parent: Model022 | null;
  static children = relationship(() => Model024, {
    backPopulates: "parent",
    foreignKeys: () => [Model024.parentId],
  });
  declare children: Model024[];
}

export class Model024 extends Base.table("model_024", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_023.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model023, {
    backPopulates: "children",
    foreignKeys: () => [Model024.parentId],
  });
  declare parent: Model023 | null;
  static children = relationship(() => Model025, {
    backPopulates: "parent",
    foreignKeys: () => [Model025.parentId],
  });
  declare children: Model025[];
}

export class Model025 extends Base.table("model_025", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_024.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model024, {
    backPopulates: "children",
    foreignKeys: () => [Model025.parentId],
  });
  declare parent: Model024 | null;
  static children = relationship(() => Model026, {
    backPopulates: "parent",
    foreignKeys: () => [Model026.parentId],
  });
  declare children: Model026[];
}

export class Model026 extends Base.table("model_026", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_025.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model025, {
    backPopulates: "children",
    foreignKeys: () => [Model026.parentId],
  });
  declare parent: Model025 | null;
  static children = relationship(() => Model027, {
    backPopulates: "parent",
    foreignKeys: () => [Model027.parentId],
  });
  declare children: Model027[];
}

export class Model027 extends Base.table("model_027", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_026.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model026, {
    backPopulates: "children",
    foreignKeys: () => [Model027.parentId],
  });
  declare parent: Model026 | null;
  static children = relationship(() => Model028, {
    backPopulates: "parent",
    foreignKeys: () => [Model028.parentId],
  });
  declare children: Model028[];
}

export class Model028 extends Base.table("model_028", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_027.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model027, {
    backPopulates: "children",
    foreignKeys: () => [Model028.parentId],
  });
  declare parent: Model027 | null;
  static children = relationship(() => Model029, {
    backPopulates: "parent",
    foreignKeys: () => [Model029.parentId],
  });
  declare children: Model029[];
}

export class Model029 extends Base.table("model_029", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_028.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model028, {
    backPopulates: "children",
    foreignKeys: () => [Model029.parentId],
  });
  declare parent: Model028 | null;
  static children = relationship(() => Model030, {
    backPopulates: "parent",
    foreignKeys: () => [Model030.parentId],
  });
  declare children: Model030[];
}

export class Model030 extends Base.table("model_030", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_029.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model029, {
    backPopulates: "children",
    foreignKeys: () => [Model030.parentId],
  });
  declare parent: Model029 | null;
  static children = relationship(() => Model031, {
    backPopulates: "parent",
    foreignKeys: () => [Model031.parentId],
  });
  declare children: Model031[];
}

export class Model031 extends Base.table("model_031", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_030.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model030, {
    backPopulates: "children",
    foreignKeys: () => [Model031.parentId],
  });
  declare parent: Model030 | null;
  static children = relationship(() => Model032, {
    backPopulates: "parent",
    foreignKeys: () => [Model032.parentId],
  });
  declare children: Model032[];
}

export class Model032 extends Base.table("model_032", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_031.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model031, {
    backPopulates: "children",
    foreignKeys: () => [Model032.parentId],
  });
  declare parent: Model031 | null;
  static children = relationship(() => Model033, {
    backPopulates: "parent",
    foreignKeys: () => [Model033.parentId],
  });
  declare children: Model033[];
}

export class Model033 extends Base.table("model_033", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_032.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model032, {
    backPopulates: "children",
    foreignKeys: () => [Model033.parentId],
  });
  declare parent: Model032 | null;
  static children = relationship(() => Model034, {
    backPopulates: "parent",
    foreignKeys: () => [Model034.parentId],
  });
  declare children: Model034[];
}

export class Model034 extends Base.table("model_034", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_033.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model033, {
    backPopulates: "children",
    foreignKeys: () => [Model034.parentId],
  });
  declare parent: Model033 | null;
  static children = relationship(() => Model035, {
    backPopulates: "parent",
    foreignKeys: () => [Model035.parentId],
  });
  declare children: Model035[];
}

export class Model035 extends Base.table("model_035", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_034.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model034, {
    backPopulates: "children",
    foreignKeys: () => [Model035.parentId],
  });
  declare parent: Model034 | null;
  static children = relationship(() => Model036, {
    backPopulates: "parent",
    foreignKeys: () => [Model036.parentId],
  });
  declare children: Model036[];
}

export class Model036 extends Base.table("model_036", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_035.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model035, {
    backPopulates: "children",
    foreignKeys: () => [Model036.parentId],
  });
  declare parent: Model035 | null;
  static children = relationship(() => Model037, {
    backPopulates: "parent",
    foreignKeys: () => [Model037.parentId],
  });
  declare children: Model037[];
}

export class Model037 extends Base.table("model_037", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_036.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model036, {
    backPopulates: "children",
    foreignKeys: () => [Model037.parentId],
  });
  declare parent: Model036 | null;
  static children = relationship(() => Model038, {
    backPopulates: "parent",
    foreignKeys: () => [Model038.parentId],
  });
  declare children: Model038[];
}

export class Model038 extends Base.table("model_038", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_037.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model037, {
    backPopulates: "children",
    foreignKeys: () => [Model038.parentId],
  });
  declare parent: Model037 | null;
  static children = relationship(() => Model039, {
    backPopulates: "parent",
    foreignKeys: () => [Model039.parentId],
  });
  declare children: Model039[];
}

export class Model039 extends Base.table("model_039", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_038.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model038, {
    backPopulates: "children",
    foreignKeys: () => [Model039.parentId],
  });
  declare parent: Model038 | null;
  static children = relationship(() => Model040, {
    backPopulates: "parent",
    foreignKeys: () => [Model040.parentId],
  });
  declare children: Model040[];
}

export class Model040 extends Base.table("model_040", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_039.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model039, {
    backPopulates: "children",
    foreignKeys: () => [Model040.parentId],
  });
  declare parent: Model039 | null;
  static children = relationship(() => Model041, {
    backPopulates: "parent",
    foreignKeys: () => [Model041.parentId],
  });
  declare children: Model041[];
}

export class Model041 extends Base.table("model_041", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_040.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model040, {
    backPopulates: "children",
    foreignKeys: () => [Model041.parentId],
  });
  declare parent: Model040 | null;
  static children = relationship(() => Model042, {
    backPopulates: "parent",
    foreignKeys: () => [Model042.parentId],
  });
  declare children: Model042[];
}

export class Model042 extends Base.table("model_042", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_041.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model041, {
    backPopulates: "children",
    foreignKeys: () => [Model042.parentId],
  });
  declare parent: Model041 | null;
  static children = relationship(() => Model043, {
    backPopulates: "parent",
    foreignKeys: () => [Model043.parentId],
  });
  declare children: Model043[];
}

export class Model043 extends Base.table("model_043", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_042.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model042, {
    backPopulates: "children",
    foreignKeys: () => [Model043.parentId],
  });
  declare parent: Model042 | null;
  static children = relationship(() => Model044, {
    backPopulates: "parent",
    foreignKeys: () => [Model044.parentId],
  });
  declare children: Model044[];
}

export class Model044 extends Base.table("model_044", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_043.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model043, {
    backPopulates: "children",
    foreignKeys: () => [Model044.parentId],
  });
  declare parent: Model043 | null;
  static children = relationship(() => Model045, {
    backPopulates: "parent",
    foreignKeys: () => [Model045.parentId],
  });
  declare children: Model045[];
}

export class Model045 extends Base.table("model_045", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_044.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model044, {
    backPopulates: "children",
    foreignKeys: () => [Model045.parentId],
  });
  declare parent: Model044 | null;
  static children = relationship(() => Model046, {
    backPopulates: "parent",
    foreignKeys: () => [Model046.parentId],
  });
  declare children: Model046[];
}

export class Model046 extends Base.table("model_046", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_045.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model045, {
    backPopulates: "children",
    foreignKeys: () => [Model046.parentId],
  });
  declare parent: Model045 | null;
  static children = relationship(() => Model047, {
    backPopulates: "parent",
    foreignKeys: () => [Model047.parentId],
  });
  declare children: Model047[];
}

export class Model047 extends Base.table("model_047", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_046.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model046, {
    backPopulates: "children",
    foreignKeys: () => [Model047.parentId],
  });
  declare parent: Model046 | null;
  static children = relationship(() => Model048, {
    backPopulates: "parent",
    foreignKeys: () => [Model048.parentId],
  });
  declare children: Model048[];
}

export class Model048 extends Base.table("model_048", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_047.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model047, {
    backPopulates: "children",
    foreignKeys: () => [Model048.parentId],
  });
  declare parent: Model047 | null;
  static children = relationship(() => Model049, {
    backPopulates: "parent",
    foreignKeys: () => [Model049.parentId],
  });
  declare children: Model049[];
}

export class Model049 extends Base.table("model_049", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_048.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model048, {
    backPopulates: "children",
    foreignKeys: () => [Model049.parentId],
  });
  declare parent: Model048 | null;
  static children = relationship(() => Model050, {
    backPopulates: "parent",
    foreignKeys: () => [Model050.parentId],
  });
  declare children: Model050[];
}

export class Model050 extends Base.table("model_050", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_049.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model049, {
    backPopulates: "children",
    foreignKeys: () => [Model050.parentId],
  });
  declare parent: Model049 | null;
  static children = relationship(() => Model051, {
    backPopulates: "parent",
    foreignKeys: () => [Model051.parentId],
  });
  declare children: Model051[];
}

export class Model051 extends Base.table("model_051", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_050.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model050, {
    backPopulates: "children",
    foreignKeys: () => [Model051.parentId],
  });
  declare parent: Model050 | null;
  static children = relationship(() => Model052, {
    backPopulates: "parent",
    foreignKeys: () => [Model052.parentId],
  });
  declare children: Model052[];
}

export class Model052 extends Base.table("model_052", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_051.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model051, {
    backPopulates: "children",
    foreignKeys: () => [Model052.parentId],
  });
  declare parent: Model051 | null;
  static children = relationship(() => Model053, {
    backPopulates: "parent",
    foreignKeys: () => [Model053.parentId],
  });
  declare children: Model053[];
}

export class Model053 extends Base.table("model_053", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_052.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model052, {
    backPopulates: "children",
    foreignKeys: () => [Model053.parentId],
  });
  declare parent: Model052 | null;
  static children = relationship(() => Model054, {
    backPopulates: "parent",
    foreignKeys: () => [Model054.parentId],
  });
  declare children: Model054[];
}

export class Model054 extends Base.table("model_054", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_053.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model053, {
    backPopulates: "children",
    foreignKeys: () => [Model054.parentId],
  });
  declare parent: Model053 | null;
  static children = relationship(() => Model055, {
    backPopulates: "parent",
    foreignKeys: () => [Model055.parentId],
  });
  declare children: Model055[];
}

export class Model055 extends Base.table("model_055", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_054.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model054, {
    backPopulates: "children",
    foreignKeys: () => [Model055.parentId],
  });
  declare parent: Model054 | null;
  static children = relationship(() => Model056, {
    backPopulates: "parent",
    foreignKeys: () => [Model056.parentId],
  });
  declare children: Model056[];
}

export class Model056 extends Base.table("model_056", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_055.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model055, {
    backPopulates: "children",
    foreignKeys: () => [Model056.parentId],
  });
  declare parent: Model055 | null;
  static children = relationship(() => Model057, {
    backPopulates: "parent",
    foreignKeys: () => [Model057.parentId],
  });
  declare children: Model057[];
}

export class Model057 extends Base.table("model_057", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_056.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model056, {
    backPopulates: "children",
    foreignKeys: () => [Model057.parentId],
  });
  declare parent: Model056 | null;
  static children = relationship(() => Model058, {
    backPopulates: "parent",
    foreignKeys: () => [Model058.parentId],
  });
  declare children: Model058[];
}

export class Model058 extends Base.table("model_058", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_057.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model057, {
    backPopulates: "children",
    foreignKeys: () => [Model058.parentId],
  });
  declare parent: Model057 | null;
  static children = relationship(() => Model059, {
    backPopulates: "parent",
    foreignKeys: () => [Model059.parentId],
  });
  declare children: Model059[];
}

export class Model059 extends Base.table("model_059", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_058.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model058, {
    backPopulates: "children",
    foreignKeys: () => [Model059.parentId],
  });
  declare parent: Model058 | null;
  static children = relationship(() => Model060, {
    backPopulates: "parent",
    foreignKeys: () => [Model060.parentId],
  });
  declare children: Model060[];
}

export class Model060 extends Base.table("model_060", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_059.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model059, {
    backPopulates: "children",
    foreignKeys: () => [Model060.parentId],
  });
  declare parent: Model059 | null;
  static children = relationship(() => Model061, {
    backPopulates: "parent",
    foreignKeys: () => [Model061.parentId],
  });
  declare children: Model061[];
}

export class Model061 extends Base.table("model_061", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_060.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model060, {
    backPopulates: "children",
    foreignKeys: () => [Model061.parentId],
  });
  declare parent: Model060 | null;
  static children = relationship(() => Model062, {
    backPopulates: "parent",
    foreignKeys: () => [Model062.parentId],
  });
  declare children: Model062[];
}

export class Model062 extends Base.table("model_062", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_061.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model061, {
    backPopulates: "children",
    foreignKeys: () => [Model062.parentId],
  });
  declare parent: Model061 | null;
  static children = relationship(() => Model063, {
    backPopulates: "parent",
    foreignKeys: () => [Model063.parentId],
  });
  declare children: Model063[];
}

export class Model063 extends Base.table("model_063", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_062.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model062, {
    backPopulates: "children",
    foreignKeys: () => [Model063.parentId],
  });
  declare parent: Model062 | null;
  static children = relationship(() => Model064, {
    backPopulates: "parent",
    foreignKeys: () => [Model064.parentId],
  });
  declare children: Model064[];
}

export class Model064 extends Base.table("model_064", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_063.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model063, {
    backPopulates: "children",
    foreignKeys: () => [Model064.parentId],
  });
  declare parent: Model063 | null;
  static children = relationship(() => Model065, {
    backPopulates: "parent",
    foreignKeys: () => [Model065.parentId],
  });
  declare children: Model065[];
}

export class Model065 extends Base.table("model_065", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_064.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model064, {
    backPopulates: "children",
    foreignKeys: () => [Model065.parentId],
  });
  declare parent: Model064 | null;
  static children = relationship(() => Model066, {
    backPopulates: "parent",
    foreignKeys: () => [Model066.parentId],
  });
  declare children: Model066[];
}

export class Model066 extends Base.table("model_066", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_065.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model065, {
    backPopulates: "children",
    foreignKeys: () => [Model066.parentId],
  });
  declare parent: Model065 | null;
  static children = relationship(() => Model067, {
    backPopulates: "parent",
    foreignKeys: () => [Model067.parentId],
  });
  declare children: Model067[];
}

export class Model067 extends Base.table("model_067", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_066.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model066, {
    backPopulates: "children",
    foreignKeys: () => [Model067.parentId],
  });
  declare parent: Model066 | null;
  static children = relationship(() => Model068, {
    backPopulates: "parent",
    foreignKeys: () => [Model068.parentId],
  });
  declare children: Model068[];
}

export class Model068 extends Base.table("model_068", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_067.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model067, {
    backPopulates: "children",
    foreignKeys: () => [Model068.parentId],
  });
  declare parent: Model067 | null;
  static children = relationship(() => Model069, {
    backPopulates: "parent",
    foreignKeys: () => [Model069.parentId],
  });
  declare children: Model069[];
}

export class Model069 extends Base.table("model_069", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_068.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model068, {
    backPopulates: "children",
    foreignKeys: () => [Model069.parentId],
  });
  declare parent: Model068 | null;
  static children = relationship(() => Model070, {
    backPopulates: "parent",
    foreignKeys: () => [Model070.parentId],
  });
  declare children: Model070[];
}

export class Model070 extends Base.table("model_070", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_069.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model069, {
    backPopulates: "children",
    foreignKeys: () => [Model070.parentId],
  });
  declare parent: Model069 | null;
  static children = relationship(() => Model071, {
    backPopulates: "parent",
    foreignKeys: () => [Model071.parentId],
  });
  declare children: Model071[];
}

export class Model071 extends Base.table("model_071", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_070.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model070, {
    backPopulates: "children",
    foreignKeys: () => [Model071.parentId],
  });
  declare parent: Model070 | null;
  static children = relationship(() => Model072, {
    backPopulates: "parent",
    foreignKeys: () => [Model072.parentId],
  });
  declare children: Model072[];
}

export class Model072 extends Base.table("model_072", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_071.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model071, {
    backPopulates: "children",
    foreignKeys: () => [Model072.parentId],
  });
  declare parent: Model071 | null;
  static children = relationship(() => Model073, {
    backPopulates: "parent",
    foreignKeys: () => [Model073.parentId],
  });
  declare children: Model073[];
}

export class Model073 extends Base.table("model_073", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_072.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model072, {
    backPopulates: "children",
    foreignKeys: () => [Model073.parentId],
  });
  declare parent: Model072 | null;
  static children = relationship(() => Model074, {
    backPopulates: "parent",
    foreignKeys: () => [Model074.parentId],
  });
  declare children: Model074[];
}

export class Model074 extends Base.table("model_074", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_073.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model073, {
    backPopulates: "children",
    foreignKeys: () => [Model074.parentId],
  });
  declare parent: Model073 | null;
  static children = relationship(() => Model075, {
    backPopulates: "parent",
    foreignKeys: () => [Model075.parentId],
  });
  declare children: Model075[];
}

export class Model075 extends Base.table("model_075", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_074.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model074, {
    backPopulates: "children",
    foreignKeys: () => [Model075.parentId],
  });
  declare parent: Model074 | null;
  static children = relationship(() => Model076, {
    backPopulates: "parent",
    foreignKeys: () => [Model076.parentId],
  });
  declare children: Model076[];
}

export class Model076 extends Base.table("model_076", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_075.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model075, {
    backPopulates: "children",
    foreignKeys: () => [Model076.parentId],
  });
  declare parent: Model075 | null;
  static children = relationship(() => Model077, {
    backPopulates: "parent",
    foreignKeys: () => [Model077.parentId],
  });
  declare children: Model077[];
}

export class Model077 extends Base.table("model_077", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_076.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model076, {
    backPopulates: "children",
    foreignKeys: () => [Model077.parentId],
  });
  declare parent: Model076 | null;
  static children = relationship(() => Model078, {
    backPopulates: "parent",
    foreignKeys: () => [Model078.parentId],
  });
  declare children: Model078[];
}

export class Model078 extends Base.table("model_078", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_077.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model077, {
    backPopulates: "children",
    foreignKeys: () => [Model078.parentId],
  });
  declare parent: Model077 | null;
  static children = relationship(() => Model079, {
    backPopulates: "parent",
    foreignKeys: () => [Model079.parentId],
  });
  declare children: Model079[];
}

export class Model079 extends Base.table("model_079", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_078.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model078, {
    backPopulates: "children",
    foreignKeys: () => [Model079.parentId],
  });
  declare parent: Model078 | null;
  static children = relationship(() => Model080, {
    backPopulates: "parent",
    foreignKeys: () => [Model080.parentId],
  });
  declare children: Model080[];
}

export class Model080 extends Base.table("model_080", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_079.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model079, {
    backPopulates: "children",
    foreignKeys: () => [Model080.parentId],
  });
  declare parent: Model079 | null;
  static children = relationship(() => Model081, {
    backPopulates: "parent",
    foreignKeys: () => [Model081.parentId],
  });
  declare children: Model081[];
}

export class Model081 extends Base.table("model_081", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_080.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model080, {
    backPopulates: "children",
    foreignKeys: () => [Model081.parentId],
  });
  declare parent: Model080 | null;
  static children = relationship(() => Model082, {
    backPopulates: "parent",
    foreignKeys: () => [Model082.parentId],
  });
  declare children: Model082[];
}

export class Model082 extends Base.table("model_082", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_081.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model081, {
    backPopulates: "children",
    foreignKeys: () => [Model082.parentId],
  });
  declare parent: Model081 | null;
  static children = relationship(() => Model083, {
    backPopulates: "parent",
    foreignKeys: () => [Model083.parentId],
  });
  declare children: Model083[];
}

export class Model083 extends Base.table("model_083", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_082.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model082, {
    backPopulates: "children",
    foreignKeys: () => [Model083.parentId],
  });
  declare parent: Model082 | null;
  static children = relationship(() => Model084, {
    backPopulates: "parent",
    foreignKeys: () => [Model084.parentId],
  });
  declare children: Model084[];
}

export class Model084 extends Base.table("model_084", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_083.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model083, {
    backPopulates: "children",
    foreignKeys: () => [Model084.parentId],
  });
  declare parent: Model083 | null;
  static children = relationship(() => Model085, {
    backPopulates: "parent",
    foreignKeys: () => [Model085.parentId],
  });
  declare children: Model085[];
}

export class Model085 extends Base.table("model_085", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_084.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model084, {
    backPopulates: "children",
    foreignKeys: () => [Model085.parentId],
  });
  declare parent: Model084 | null;
  static children = relationship(() => Model086, {
    backPopulates: "parent",
    foreignKeys: () => [Model086.parentId],
  });
  declare children: Model086[];
}

export class Model086 extends Base.table("model_086", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_085.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model085, {
    backPopulates: "children",
    foreignKeys: () => [Model086.parentId],
  });
  declare parent: Model085 | null;
  static children = relationship(() => Model087, {
    backPopulates: "parent",
    foreignKeys: () => [Model087.parentId],
  });
  declare children: Model087[];
}

export class Model087 extends Base.table("model_087", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_086.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model086, {
    backPopulates: "children",
    foreignKeys: () => [Model087.parentId],
  });
  declare parent: Model086 | null;
  static children = relationship(() => Model088, {
    backPopulates: "parent",
    foreignKeys: () => [Model088.parentId],
  });
  declare children: Model088[];
}

export class Model088 extends Base.table("model_088", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_087.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model087, {
    backPopulates: "children",
    foreignKeys: () => [Model088.parentId],
  });
  declare parent: Model087 | null;
  static children = relationship(() => Model089, {
    backPopulates: "parent",
    foreignKeys: () => [Model089.parentId],
  });
  declare children: Model089[];
}

export class Model089 extends Base.table("model_089", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_088.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model088, {
    backPopulates: "children",
    foreignKeys: () => [Model089.parentId],
  });
  declare parent: Model088 | null;
  static children = relationship(() => Model090, {
    backPopulates: "parent",
    foreignKeys: () => [Model090.parentId],
  });
  declare children: Model090[];
}

export class Model090 extends Base.table("model_090", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_089.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model089, {
    backPopulates: "children",
    foreignKeys: () => [Model090.parentId],
  });
  declare parent: Model089 | null;
  static children = relationship(() => Model091, {
    backPopulates: "parent",
    foreignKeys: () => [Model091.parentId],
  });
  declare children: Model091[];
}

export class Model091 extends Base.table("model_091", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_090.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model090, {
    backPopulates: "children",
    foreignKeys: () => [Model091.parentId],
  });
  declare parent: Model090 | null;
  static children = relationship(() => Model092, {
    backPopulates: "parent",
    foreignKeys: () => [Model092.parentId],
  });
  declare children: Model092[];
}

export class Model092 extends Base.table("model_092", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_091.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model091, {
    backPopulates: "children",
    foreignKeys: () => [Model092.parentId],
  });
  declare parent: Model091 | null;
  static children = relationship(() => Model093, {
    backPopulates: "parent",
    foreignKeys: () => [Model093.parentId],
  });
  declare children: Model093[];
}

export class Model093 extends Base.table("model_093", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_092.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model092, {
    backPopulates: "children",
    foreignKeys: () => [Model093.parentId],
  });
  declare parent: Model092 | null;
  static children = relationship(() => Model094, {
    backPopulates: "parent",
    foreignKeys: () => [Model094.parentId],
  });
  declare children: Model094[];
}

export class Model094 extends Base.table("model_094", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_093.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model093, {
    backPopulates: "children",
    foreignKeys: () => [Model094.parentId],
  });
  declare parent: Model093 | null;
  static children = relationship(() => Model095, {
    backPopulates: "parent",
    foreignKeys: () => [Model095.parentId],
  });
  declare children: Model095[];
}

export class Model095 extends Base.table("model_095", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_094.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model094, {
    backPopulates: "children",
    foreignKeys: () => [Model095.parentId],
  });
  declare parent: Model094 | null;
  static children = relationship(() => Model096, {
    backPopulates: "parent",
    foreignKeys: () => [Model096.parentId],
  });
  declare children: Model096[];
}

export class Model096 extends Base.table("model_096", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_095.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model095, {
    backPopulates: "children",
    foreignKeys: () => [Model096.parentId],
  });
  declare parent: Model095 | null;
  static children = relationship(() => Model097, {
    backPopulates: "parent",
    foreignKeys: () => [Model097.parentId],
  });
  declare children: Model097[];
}

export class Model097 extends Base.table("model_097", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_096.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model096, {
    backPopulates: "children",
    foreignKeys: () => [Model097.parentId],
  });
  declare parent: Model096 | null;
  static children = relationship(() => Model098, {
    backPopulates: "parent",
    foreignKeys: () => [Model098.parentId],
  });
  declare children: Model098[];
}

export class Model098 extends Base.table("model_098", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_097.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model097, {
    backPopulates: "children",
    foreignKeys: () => [Model098.parentId],
  });
  declare parent: Model097 | null;
  static children = relationship(() => Model099, {
    backPopulates: "parent",
    foreignKeys: () => [Model099.parentId],
  });
  declare children: Model099[];
}

export class Model099 extends Base.table("model_099", {
  id: column(Integer).primaryKey(),
  parentId: column(Integer, ForeignKey("model_098.id")).nullable(),
  name: column(VARCHAR(100)),
  count: column(Integer).nullable(),
  active: column(BOOLEAN).default(true),
  createdAt: column(DateTime({ timezone: true })),
  price: column(Numeric(10, 2)),
  notes: column(Text).nullable(),
}) {
  static parent = relationship(() => Model098, {
    backPopulates: "children",
    foreignKeys: () => [Model099.parentId],
  });
  declare parent: Model098 | null;
  static children = relationship(() => Model000, {
    backPopulates: "parent",
    foreignKeys: () => [Model000.parentId],
  });
  declare children: Model000[];
}
