import type { ExtensionContext } from 'vscode';
import { Location, Position, Range, Uri, commands, languages, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ShowConnectionPacketsArgs } from '../../server/src/protocol';
import { ShowConnectionPacketsCommand } from '../../server/src/protocol';

export const SetLanguageModeCommand = 'tcpdumpLens.setLanguageMode';
export const RestartServerCommand = 'tcpdumpLens.restartServer';

export function registerCommands(context: ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    commands.registerCommand(SetLanguageModeCommand, async () => {
      const editor = window.activeTextEditor;
      if (!editor) {
        void window.showInformationMessage('Open a tcpdump log first.');
        return;
      }
      await languages.setTextDocumentLanguage(editor.document, 'tcpdump');
    }),
    commands.registerCommand(
      ShowConnectionPacketsCommand,
      async (args: ShowConnectionPacketsArgs) => {
        const uri = Uri.parse(args.uri);
        const locations = args.lines.map((line) => new Location(uri, new Range(line, 0, line, 0)));
        await commands.executeCommand(
          'editor.action.showReferences',
          uri,
          new Position(args.line, 0),
          locations,
        );
      },
    ),
    commands.registerCommand(RestartServerCommand, async () => {
      await client.restart();
    }),
  );
}
