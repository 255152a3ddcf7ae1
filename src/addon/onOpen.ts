import { menuEntries } from '../shared/entryPoints';

/**
 * Builds the add-on menu. Runs in AuthMode.NONE before the add-on is enabled in a document, so
 * it touches nothing but the UI menu.
 */
export function onOpen(): void {
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createAddonMenu();
  for (const entry of menuEntries()) {
    if (entry.separatorBefore) menu.addSeparator();
    if (entry.kind === 'item') menu.addItem(entry.label, entry.functionName);
    else {
      const submenu = ui.createMenu(entry.label);
      for (const item of entry.items) submenu.addItem(item.label, item.functionName);
      menu.addSubMenu(submenu);
    }
  }
  menu.addToUi();
}

export function onInstall(): void {
  onOpen();
}
