// Local calendar arithmetic for generated data: "10:30 on the third business day back" in the practice's
// zone. Built on the core's cached wall clock, because a Luxon DateTime per step costs 15–120 µs here and a
// year of demo data takes tens of thousands of steps.
import { DAY_MS, fromWallClock, toWallClock, wallMidnight, wallWeekday } from "../core/time/wall-clock.ts";

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export class LocalDays {
  /** Local midnight today, as a wall-clock number. */
  private readonly todayWall: number;

  constructor(
    readonly now: Date,
    readonly zone: string,
  ) {
    this.todayWall = wallMidnight(toWallClock(now.getTime(), zone));
  }

  private instant(wall: number): Date {
    return new Date(fromWallClock(wall, this.zone));
  }

  /** `hour:minute` on the local day `ago` days back (0 is today). */
  at(ago: number, hour: number, minute = 0): Date {
    return this.instant(this.todayWall - ago * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS);
  }

  /** ISO weekday (1 = Monday … 7 = Sunday) of the local day `ago` days back. */
  weekdayAgo(ago: number): number {
    return wallWeekday(this.todayWall - ago * DAY_MS);
  }

  /** Day of the year (1…366) of the local day `ago` days back. */
  dayOfYearAgo(ago: number): number {
    const wall = this.todayWall - ago * DAY_MS;
    const year = new Date(wall).getUTCFullYear();
    return Math.floor((wall - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  }

  /** How many local days back the day of `date` is. */
  daysAgoOf(date: Date): number {
    return Math.round((this.todayWall - wallMidnight(toWallClock(date.getTime(), this.zone))) / DAY_MS);
  }

  /** `hour:minute` on the `n`-th business day after the local day of `date` (0: that day, or the next weekday). */
  businessDaysAfter(date: Date, n: number, hour: number, minute = 0): Date {
    let day = wallMidnight(toWallClock(date.getTime(), this.zone));
    let left = n;
    while (left > 0 || wallWeekday(day) > 5) {
      day += DAY_MS;
      if (wallWeekday(day) <= 5) left--;
    }
    return this.instant(day + hour * HOUR_MS + minute * MINUTE_MS);
  }

  /** How many days back the `n`-th business day before today is (1: the last business day before today). */
  businessDaysAgo(n: number): number {
    let ago = 0;
    let left = n;
    while (left > 0) {
      ago++;
      if (this.weekdayAgo(ago) <= 5) left--;
    }
    return ago;
  }
}
