import type { Practice } from "../../core/model.ts";
import type { PracticeRepository } from "../../core/ports.ts";
import type { PrismaDb } from "../database.ts";
import { isUniqueViolation, toPractice } from "../mappers.ts";

export const DEFAULT_PRACTICE_NAME = "My Practice";

export function createPracticeRepository(prisma: PrismaDb): PracticeRepository {
  return {
    async findById(id) {
      const row = await prisma.practice.findUnique({ where: { id } });
      return row ? toPractice(row) : null;
    },
    async findByName(name) {
      const row = await prisma.practice.findUnique({ where: { name } });
      return row ? toPractice(row) : null;
    },
    async list() {
      return (await prisma.practice.findMany({ orderBy: { createdAt: "asc" } })).map(toPractice);
    },
    async getOrCreateDefault() {
      const first = await prisma.practice.findFirst({ orderBy: { createdAt: "asc" } });
      if (first) return toPractice(first);
      try {
        return toPractice(await prisma.practice.create({ data: { name: DEFAULT_PRACTICE_NAME } }));
      } catch (error) {
        // Two instances started together: the other one created it first.
        if (!isUniqueViolation(error)) throw error;
        return toPractice(await prisma.practice.findUniqueOrThrow({ where: { name: DEFAULT_PRACTICE_NAME } }));
      }
    },
    async create(input) {
      return toPractice(
        await prisma.practice.create({
          data: { name: input.name, ...(input.timeZone ? { timeZone: input.timeZone } : {}) },
        }),
      );
    },
    async updateSettings(id, patch) {
      const { settings, digestWeekdays, ...rest } = patch;
      const row = await prisma.practice.update({
        where: { id },
        data: {
          ...rest,
          ...(digestWeekdays ? { digestWeekdays: digestWeekdays.join(",") } : {}),
          ...(settings ?? {}),
          // Whatever changed, every scheduler looks at the practice again at its next sweep (seconds),
          // and works out the next digest time from the new settings.
          nextDigestAt: null,
        },
      });
      return toPractice(row);
    },
  };
}

export type { Practice };
