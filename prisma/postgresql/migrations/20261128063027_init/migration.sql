-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "defaultLanguage" TEXT NOT NULL,
    "indicators" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyVersion" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "questions" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TranslationStatus" (
    "surveyVersionId" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reviewedAt" TIMESTAMP(3),
    "stale" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "TranslationStatus_pkey" PRIMARY KEY ("surveyVersionId","lang")
);

-- CreateTable
CREATE TABLE "SurveyCode" (
    "id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "clientGroup" TEXT,
    "referral" TEXT,
    "validMonth" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "stock" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SurveyCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodeCount" (
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "validMonth" TEXT NOT NULL,
    "opensMonth" TEXT NOT NULL DEFAULT '',
    "clientGroup" TEXT NOT NULL DEFAULT '',
    "referral" TEXT NOT NULL DEFAULT '',
    "lang" TEXT NOT NULL DEFAULT '',
    "issued" INTEGER NOT NULL DEFAULT 0,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CodeCount_pkey" PRIMARY KEY ("surveyVersionId","wave","validMonth","clientGroup","referral","lang","opensMonth")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" TEXT NOT NULL,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "clientGroup" TEXT,
    "referral" TEXT,
    "month" TEXT NOT NULL,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Answer" (
    "responseId" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL DEFAULT '',
    "optionKey" TEXT NOT NULL DEFAULT '',
    "text" TEXT,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("responseId","questionKey","rowKey","optionKey")
);

-- CreateTable
CREATE TABLE "AnswerCount" (
    "level" INTEGER NOT NULL,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "clientGroup" TEXT NOT NULL DEFAULT '',
    "referral" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT '',
    "gender" TEXT NOT NULL DEFAULT '',
    "questionKey" TEXT NOT NULL DEFAULT '',
    "rowKey" TEXT NOT NULL DEFAULT '',
    "optionKey" TEXT NOT NULL DEFAULT '',
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AnswerCount_pkey" PRIMARY KEY ("level","month","surveyVersionId","wave","clientGroup","referral","role","gender","questionKey","rowKey","optionKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_slug_key" ON "Survey"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyVersion_surveyId_version_key" ON "SurveyVersion"("surveyId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyCode_hash_key" ON "SurveyCode"("hash");

-- CreateIndex
CREATE INDEX "SurveyCode_surveyVersionId_wave_validMonth_idx" ON "SurveyCode"("surveyVersionId", "wave", "validMonth");

-- CreateIndex
CREATE INDEX "SurveyCode_stock_lang_idx" ON "SurveyCode"("stock", "lang");

-- CreateIndex
CREATE INDEX "Response_surveyVersionId_wave_month_idx" ON "Response"("surveyVersionId", "wave", "month");

-- CreateIndex
CREATE INDEX "Answer_questionKey_optionKey_idx" ON "Answer"("questionKey", "optionKey");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyVersion" ADD CONSTRAINT "SurveyVersion_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TranslationStatus" ADD CONSTRAINT "TranslationStatus_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyCode" ADD CONSTRAINT "SurveyCode_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodeCount" ADD CONSTRAINT "CodeCount_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerCount" ADD CONSTRAINT "AnswerCount_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

