-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Practice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/New_York',
    "digestTime" TEXT NOT NULL DEFAULT '07:30',
    "digestWeekdays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "missedDigestCutoff" TEXT NOT NULL DEFAULT '12:00',
    "skipEmptyDigest" BOOLEAN NOT NULL DEFAULT false,
    "reasonDisplay" TEXT NOT NULL DEFAULT 'cleaned',
    "digestTopN" INTEGER NOT NULL DEFAULT 5,
    "closeLoopBusinessDays" INTEGER NOT NULL DEFAULT 2,
    "meetTopFraction" REAL NOT NULL DEFAULT 0.2,
    "meetIntervalDays" INTEGER NOT NULL DEFAULT 180,
    "feedbackIntervalDays" INTEGER NOT NULL DEFAULT 90,
    "quietGapFactor" REAL NOT NULL DEFAULT 2,
    "quietMinDays" INTEGER NOT NULL DEFAULT 30,
    "openProblemDays" INTEGER NOT NULL DEFAULT 7,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Practice" ("closeLoopBusinessDays", "createdAt", "digestTime", "digestTopN", "digestWeekdays", "feedbackIntervalDays", "id", "meetIntervalDays", "meetTopFraction", "missedDigestCutoff", "name", "openProblemDays", "quietGapFactor", "quietMinDays", "skipEmptyDigest", "timeZone", "updatedAt") SELECT "closeLoopBusinessDays", "createdAt", "digestTime", "digestTopN", "digestWeekdays", "feedbackIntervalDays", "id", "meetIntervalDays", "meetTopFraction", "missedDigestCutoff", "name", "openProblemDays", "quietGapFactor", "quietMinDays", "skipEmptyDigest", "timeZone", "updatedAt" FROM "Practice";
DROP TABLE "Practice";
ALTER TABLE "new_Practice" RENAME TO "Practice";
CREATE UNIQUE INDEX "Practice_name_key" ON "Practice"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
