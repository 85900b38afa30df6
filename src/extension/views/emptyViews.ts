// The Jobs view starts empty; their welcome content (package.json
// `viewsWelcome`) tells the user what fills them. A provider must exist for the welcome to show.
import * as vscode from 'vscode';

class EmptyTree implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
  getChildren(): never[] {
    return [];
  }
}

export const sparkViewIds = ['sparkml.jobs'] as const;

export function registerEmptyViews(): vscode.Disposable[] {
  return sparkViewIds.map((id) => vscode.window.registerTreeDataProvider(id, new EmptyTree()));
}
