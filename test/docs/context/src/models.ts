/** The models module an athanor.config.ts imports as "./src/models.js" in the guides. */
export { Base, CustodyEvent, Kit, KitStatus, User } from "../models.js";
