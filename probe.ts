import { fromMongo } from "./src/convert/mongo.ts";
const tries: [unknown, unknown?][] = [
  [{ a: 1, "b.c": { $gt: 2, $lt: 5 }, $or: [{ x: "y" }, { x: null }] }, { jsonField: "metadata" }],
  [{ tenant: 'acme") or true or ("' }],
  [{ 'tenant"] != "" or metadata["x': "v" }, { jsonField: "metadata" }],
  [{ a: { $in: [1, null, "x"] }, b: { $nin: [1, null] }, c: { $exists: false }, d: { $all: [1, 2] }, e: { $size: 0 }, f: { $size: 2 }, g: /ab+c/i, h: { $not: { $gt: 3 } }, $nor: [{ k: 1 }] }, { jsonField: "metadata" }],
  [{ a: { $gt: true } }],
  [{ $and: [{ a: 1 }, { b: 2 }, { price: { $gt: "x" } }] }, { schema: { name: "c", fields: { id: "Int64 primary", price: "Double" }, dynamic: true } }],
  [{ "a b": 1 }],
];
for (const [q, o] of tries) {
  try { console.log(fromMongo(q, o as never).text); } catch (e) { console.log("ERR", (e as Error).name, (e as any).code, (e as Error).message); }
}
