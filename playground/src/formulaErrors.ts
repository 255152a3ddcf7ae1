// What the spreadsheet's own error codes mean, in words, for the details line: the add-on's
// functions explain their errors themselves; a formula that fails elsewhere gets one of these.

const MEANINGS: Record<string, string> = {
  '#NAME?': 'A name in the formula is not a function or a named range: check its spelling.',
  '#VALUE!': 'A value has the wrong kind (text where a number is needed), or the formula is incomplete.',
  '#N/A':
    'No value: a lookup found nothing, or a function got more arguments than it takes (the formula bar lists them).',
  '#REF!': 'The formula refers to cells that no longer exist.',
  '#DIV/0!': 'The formula divides by zero.',
  '#NUM!': 'A number is out of the range the function accepts.',
  '#SPILL!': 'The result needs more room: empty the cells below and to the right of this one.',
  '#CYCLE!': 'The formula depends on its own result, directly or through other cells.',
  '#ERROR!': 'The formula could not be computed.',
};

export function errorMeaning(code: string): string | undefined {
  return MEANINGS[code];
}
