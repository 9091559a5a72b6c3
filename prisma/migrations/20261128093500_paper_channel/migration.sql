-- Answers entered from returned paper sheets, counted per code month (decision 0024); never on a response.
-- After the units migration, which rebuilt CodeCount: an added column keeps its new key.
ALTER TABLE "CodeCount" ADD COLUMN "answeredOnPaper" INTEGER NOT NULL DEFAULT 0;
