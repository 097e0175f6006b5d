-- CreateTable
CREATE TABLE "Hl7Facility" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "facility" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Hl7Facility_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Hl7Facility_facility_key" ON "Hl7Facility"("facility");

-- CreateIndex
CREATE INDEX "Hl7Facility_practiceId_idx" ON "Hl7Facility"("practiceId");

-- AddForeignKey
ALTER TABLE "Hl7Facility" ADD CONSTRAINT "Hl7Facility_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
