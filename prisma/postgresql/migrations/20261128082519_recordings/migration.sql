-- CreateTable
CREATE TABLE "Recording" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "Recording_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Recording_surveyId_lang_idx" ON "Recording"("surveyId", "lang");

-- CreateIndex
CREATE UNIQUE INDEX "Recording_surveyId_place_lang_textHash_key" ON "Recording"("surveyId", "place", "lang", "textHash");

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

