// The 16 KiB JSON document every server serializes per request.
const items = [];
for (let i = 0; items.length === 0 || JSON.stringify({ items }).length < 16 * 1024; i++) {
  items.push({ id: i, name: `item ${i}`, tags: ["a", "b", "c"], price: i * 1.25, active: i % 2 === 0 });
}
export const payload = { items };
