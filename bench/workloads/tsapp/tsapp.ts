// A TypeScript application started from its sources: zod 4's own TypeScript
// (node_modules/zod/src copied to ./zod by prepare.sh: ~28k lines, 90+
// modules) validating 2,000 records.
import * as z from "./zod/index.ts";

enum Role {
  Admin = "admin",
  User = "user",
}

const User = z.object({
  id: z.number().int().positive(),
  name: z.string().min(2).max(40),
  email: z.email(),
  role: z.enum(Role),
  tags: z.array(z.string()).max(5),
});
type User = z.infer<typeof User>;

class Report {
  constructor(private readonly valid: User[], private readonly invalid: number) {}
  summary(): string {
    const admins = this.valid.filter((u) => u.role === Role.Admin).length;
    return `valid=${this.valid.length} invalid=${this.invalid} admins=${admins}`;
  }
}

const valid: User[] = [];
let invalid = 0;
for (let i = 1; i <= 2000; i++) {
  const record = {
    id: i,
    name: i % 7 === 0 ? "x" : `user${i}`,
    email: i % 11 === 0 ? "broken" : `user${i}@example.com`,
    role: i % 5 === 0 ? "admin" : "user",
    tags: ["a", "b"].slice(0, i % 3),
  };
  const result = User.safeParse(record);
  if (result.success) valid.push(result.data);
  else invalid++;
}
console.log(new Report(valid, invalid).summary());
