declare module 'fast-formula-parser' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- used as a type of FormulaParser.FormulaError
  class FormulaError extends Error {
    constructor(error: string, message?: string);
    readonly error: string;
  }
  class FormulaParser {
    constructor(config: Record<string, unknown>);
    parse(formula: string, position: { sheet: string; row: number; col: number }, allowReturnArray?: boolean): unknown;
    static FormulaError: typeof FormulaError;
  }
  export default FormulaParser;
}
