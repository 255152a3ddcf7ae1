/** `A`, `B`, …, `Z`, `AA`: the letters of a 1-based column. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The 1-based column of `A`, `B`, …, `AA` (any case): the inverse of `columnLetters`. */
export function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** `B3`, or `$B$3` when absolute. */
export function a1(row: number, column: number, absolute = false): string {
  return absolute ? `$${columnLetters(column)}$${row}` : `${columnLetters(column)}${row}`;
}

/** `B3:B10`. */
export function a1Range(row: number, column: number, numRows: number, numColumns = 1): string {
  return `${a1(row, column)}:${a1(row + numRows - 1, column + numColumns - 1)}`;
}
