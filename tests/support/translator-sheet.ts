import ExcelJS from "exceljs";

/**
 * A translator's sheet as the tests handle it: the first worksheet's rows as four text cells
 * (place, source, target, state), and such rows written back as a workbook, as a translator's
 * spreadsheet program would save them.
 */
export async function sheetRowsOf(file: ArrayBuffer | Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(file).buffer as ArrayBuffer);
  const grid: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => grid.push([1, 2, 3, 4].map((c) => String(row.getCell(c).value ?? ""))));
  return grid;
}

export async function sheetFile(grid: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("translation");
  for (const row of grid) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
