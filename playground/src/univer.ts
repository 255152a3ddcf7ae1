import { type IWorkbookData, LocaleType, Univer, mergeLocales } from '@univerjs/core';
import { FUniver } from '@univerjs/core/facade';
import { UniverSheetsConditionalFormattingPreset } from '@univerjs/preset-sheets-conditional-formatting';
import conditionalFormattingEnUS from '@univerjs/preset-sheets-conditional-formatting/locales/en-US';
import { UniverSheetsCorePreset } from '@univerjs/preset-sheets-core';
import sheetsCoreEnUS from '@univerjs/preset-sheets-core/locales/en-US';
import { UniverSheetsNotePreset } from '@univerjs/preset-sheets-note';
import notesEnUS from '@univerjs/preset-sheets-note/locales/en-US';
import '@univerjs/preset-sheets-core/lib/index.css';
import '@univerjs/preset-sheets-conditional-formatting/lib/index.css';
import '@univerjs/preset-sheets-note/lib/index.css';
import '@univerjs/sheets-conditional-formatting/facade';
import '@univerjs/sheets-note/facade';
import { installAutomaticFormat } from './automaticFormat';
import { type FunctionHelp, addonFunctions } from './functions';

// Univer (Apache-2.0) with only its open presets: sheets core, conditional formatting and notes,
// registered plugin by plugin (the `@univerjs/presets` bundle also pulls in unlicensed pro packages).

/** The instance whose automatic number format is still to install: its sheet services exist once a workbook is open. */
let automaticFormatPending: Univer | null = null;

export function startUniver(container: HTMLElement, help: readonly FunctionHelp[], globals: Record<string, unknown>) {
  const univer = new Univer({
    locale: LocaleType.EN_US,
    locales: { [LocaleType.EN_US]: mergeLocales(sheetsCoreEnUS, conditionalFormattingEnUS, notesEnUS) },
  });
  const { executors, descriptions } = addonFunctions(help, globals);
  const presets = [
    UniverSheetsCorePreset({
      container,
      formula: { function: executors, description: descriptions },
    }),
    UniverSheetsConditionalFormattingPreset(),
    UniverSheetsNotePreset(),
  ];
  for (const preset of presets) {
    for (const plugin of preset.plugins) {
      if (Array.isArray(plugin)) univer.registerPlugin(plugin[0] as never, plugin[1] as never);
      else univer.registerPlugin(plugin as never);
    }
  }
  automaticFormatPending = univer;
  return FUniver.newAPI(univer);
}

export function openWorkbook(api: FUniver, snapshot: IWorkbookData) {
  const old = api.getActiveWorkbook();
  if (old) api.disposeUnit(old.getId());
  const book = api.createWorkbook(snapshot);
  if (automaticFormatPending) {
    installAutomaticFormat(automaticFormatPending);
    automaticFormatPending = null;
  }
  return book;
}
