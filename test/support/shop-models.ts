import {
  and_,
  column,
  DateTime,
  declarativeBase,
  Enum,
  ForeignKey,
  func,
  Integer,
  Json,
  LargeBinary,
  relationship,
  String,
  Table,
  Text,
} from "../../src/index.js";

/**
 * A shop with every relationship shape the ORM supports, as a fresh declarative base per call
 * (each database of a test file gets its own metadata):
 *
 * - two levels of abstract bases (columns, defaults and methods inherited);
 * - Category: self-referential tree (`remoteSide`), ordered children;
 * - Product <-> Tag: many-to-many through `product_tags`; Product -> Category many-to-one;
 *   Product has a column keyed `name`, client defaults (value and function), a client onUpdate
 *   and a deferred column;
 * - Customer <-> Profile: one-to-one (`uselist: false`);
 * - Message -> Customer twice (sender / recipient): ambiguous paths resolved with `foreignKeys`
 *   and with `primaryjoin`;
 * - Customer -> Order: `passiveDeletes` over ON DELETE CASCADE; a viewonly filtered relationship;
 * - Order: versioned (`versionId`), JSON, binary, date and enum columns; Order -> OrderLine cascade;
 * - Widget <-> Entry: an insert cycle broken by `postUpdate`.
 */
export function shopModels() {
  const Base = declarativeBase();
  let skuCounter = 0;

  class Timestamped extends Base.abstract({
    id: column(Integer).primaryKey(),
    createdAt: column(DateTime({ timezone: true })).serverDefault(func.now()),
    updatedAt: column(DateTime({ timezone: true }))
      .serverDefault(func.now())
      .onUpdate(func.now()),
  }) {
    label(): string {
      // Not `this.constructor.name`: on a model with a `name` column, that is the column.
      return `${(this.constructor as unknown as { __table__: { name: string } }).__table__.name}#${this.id}`;
    }
  }

  class Audited extends Timestamped.abstract({
    createdBy: column(String(50)).default("system"),
    editedBy: column(String(50))
      .nullable()
      .onUpdate(() => "editor"),
  }) {
    audit(): string {
      return `${this.label()} by ${this.createdBy}`;
    }
  }

  class Category extends Audited.table("categories", {
    name: column(String(50)).unique(),
    parentId: column(Integer, ForeignKey("categories.id")).nullable(),
  }) {
    static parent = relationship(() => Category, {
      remoteSide: () => Category.id,
      backPopulates: "children",
    });
    static children = relationship(() => Category, {
      backPopulates: "parent",
      orderBy: () => Category.name,
    });
    static products = relationship(() => Product, { backPopulates: "category", orderBy: () => Product.id });
    declare parent: Category | null;
    declare children: Category[];
    declare products: Product[];
  }

  const productTags = new Table("product_tags", Base.metadata, {
    productId: column(Integer, ForeignKey("products.id")).primaryKey({ autoincrement: false }),
    tagId: column(Integer, ForeignKey("tags.id")).primaryKey({ autoincrement: false }),
  });

  class Product extends Timestamped.table("products", {
    name: column(String(100)).index(),
    description: column(String(500)).nullable(),
    price: column(Integer),
    categoryId: column(Integer, ForeignKey("categories.id")).nullable(),
    sku: column(String(40)).default(() => `SKU-${++skuCounter}`),
    stock: column(Integer).default(0),
    revisedBy: column(String(50))
      .nullable()
      .onUpdate(() => "reviser"),
    manual: column(Text).nullable().deferred(),
  }) {
    static category = relationship(() => Category, { backPopulates: "products" });
    static tags = relationship(() => Tag, {
      secondary: productTags,
      backPopulates: "products",
      orderBy: () => Tag.name,
    });
    declare category: Category | null;
    declare tags: Tag[];
  }

  class Tag extends Base.table("tags", {
    id: column(Integer).primaryKey(),
    name: column(String(50)).unique(),
  }) {
    static products = relationship(() => Product, { secondary: productTags, backPopulates: "tags" });
    declare products: Product[];
  }

  const OrderStatus = { open: "open", paid: "paid", shipped: "shipped", cancelled: "cancelled" } as const;

  class Customer extends Timestamped.table("customers", {
    email: column(String(255)).unique(),
    name: column(String(100)),
  }) {
    static profile = relationship(() => Profile, {
      uselist: false,
      backPopulates: "customer",
      cascade: "all, delete-orphan",
    });
    static sentMessages = relationship(() => Message, {
      foreignKeys: () => [Message.senderId],
      backPopulates: "sender",
      orderBy: () => Message.id,
    });
    static receivedMessages = relationship(() => Message, {
      foreignKeys: () => Message.recipientId,
      backPopulates: "recipient",
      orderBy: () => Message.id,
    });
    static orders = relationship(() => Order, {
      backPopulates: "customer",
      cascade: "all, delete-orphan",
      passiveDeletes: true,
      orderBy: () => Order.id,
    });
    static openOrders = relationship(() => Order, {
      primaryjoin: () => and_(Customer.id.eq(Order.customerId), Order.status.eq("open")),
      viewonly: true,
      orderBy: () => Order.id,
    });
    declare profile: Profile | null;
    declare sentMessages: Message[];
    declare receivedMessages: Message[];
    declare orders: Order[];
    declare openOrders: Order[];
  }

  class Profile extends Base.table("profiles", {
    id: column(Integer).primaryKey(),
    customerId: column(Integer, ForeignKey("customers.id")).unique(),
    bio: column(Text).nullable(),
  }) {
    static customer = relationship(() => Customer, { backPopulates: "profile" });
    declare customer: Customer;
  }

  class Message extends Base.table("messages", {
    id: column(Integer).primaryKey(),
    senderId: column(Integer, ForeignKey("customers.id")),
    recipientId: column(Integer, ForeignKey("customers.id")),
    body: column(Text),
  }) {
    static sender = relationship(() => Customer, {
      foreignKeys: () => [Message.senderId],
      backPopulates: "sentMessages",
    });
    static recipient = relationship(() => Customer, {
      primaryjoin: () => Message.recipientId.eq(Customer.id),
      backPopulates: "receivedMessages",
    });
    declare sender: Customer;
    declare recipient: Customer;
  }

  class Order extends Base.table(
    "orders",
    {
      id: column(Integer).primaryKey(),
      customerId: column(Integer, ForeignKey("customers.id", { ondelete: "CASCADE" })),
      status: column(Enum(OrderStatus)).default(OrderStatus.open),
      placedAt: column(DateTime({ timezone: true })).nullable(),
      data: column(Json<{ items?: string[]; note?: string }>()).nullable(),
      attachment: column(LargeBinary()).nullable(),
      version: column(Integer).default(1),
    },
    { versionId: "version" },
  ) {
    static customer = relationship(() => Customer, { backPopulates: "orders" });
    static lines = relationship(() => OrderLine, {
      backPopulates: "order",
      cascade: "all, delete-orphan",
      passiveDeletes: true,
      orderBy: () => OrderLine.id,
    });
    declare customer: Customer;
    declare lines: OrderLine[];
  }

  class OrderLine extends Base.table("order_lines", {
    id: column(Integer).primaryKey(),
    orderId: column(Integer, ForeignKey("orders.id", { ondelete: "CASCADE" })),
    productId: column(Integer, ForeignKey("products.id")),
    quantity: column(Integer).default(1),
  }) {
    static order = relationship(() => Order, { backPopulates: "lines" });
    static product = relationship(() => Product);
    declare order: Order;
    declare product: Product;
  }

  // Widget.favorite and Entry.widget reference each other's tables: inserting a widget with a
  // favourite entry of its own needs the second UPDATE that postUpdate writes.
  class Widget extends Base.table("widgets", {
    id: column(Integer).primaryKey(),
    name: column(String(50)),
    favoriteEntryId: column(
      Integer,
      ForeignKey("entries.id", { useAlter: true, name: "fk_widget_fav" }),
    ).nullable(),
  }) {
    static entries = relationship(() => Entry, {
      foreignKeys: () => [Entry.widgetId],
      backPopulates: "widget",
      cascade: "all, delete-orphan",
    });
    static favorite = relationship(() => Entry, {
      foreignKeys: () => [Widget.favoriteEntryId],
      postUpdate: true,
    });
    declare entries: Entry[];
    declare favorite: Entry | null;
  }

  class Entry extends Base.table("entries", {
    id: column(Integer).primaryKey(),
    widgetId: column(Integer, ForeignKey("widgets.id")).nullable(),
    title: column(String(50)),
  }) {
    static widget = relationship(() => Widget, {
      foreignKeys: () => [Entry.widgetId],
      backPopulates: "entries",
    });
    declare widget: Widget | null;
  }

  return {
    Base,
    Timestamped,
    Audited,
    Category,
    Product,
    Tag,
    productTags,
    Customer,
    Profile,
    Message,
    Order,
    OrderLine,
    OrderStatus,
    Widget,
    Entry,
  };
}

export type ShopModels = ReturnType<typeof shopModels>;
