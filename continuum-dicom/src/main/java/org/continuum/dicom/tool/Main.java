package org.continuum.dicom.tool;

import java.io.IOException;
import java.util.List;

/**
 * Entry point of {@code java -jar continuum-dicom.jar <command> [options]}: echoscu,
 * storescu, storescp, findscu, movescu, getscu, mppsscu, stgcmtscu, dump.
 */
public final class Main {

	private static final List<Command> COMMANDS = List.of(new EchoScuCommand(), new StoreScuCommand(),
			new StoreScpCommand(), new FindScuCommand(), new MoveScuCommand(), new GetScuCommand(),
			new MppsScuCommand(), new StgCmtScuCommand(), new DumpCommand());

	private Main() {
	}

	public static void main(String[] args) {
		System.exit(run(args));
	}

	static int run(String[] args) {
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
			System.out.println(usage());
			return args.length == 0 ? Command.EXIT_USAGE : Command.EXIT_OK;
		}
		for (Command command : COMMANDS) {
			if (command.name().equals(args[0])) {
				String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
				if (List.of(rest).contains("--help") || List.of(rest).contains("-h")) {
					System.out.println(command.help());
					return Command.EXIT_OK;
				}
				try {
					return command.run(rest);
				}
				catch (UsageException e) {
					System.err.println(command.name() + ": " + e.getMessage() + "\n\n" + command.help());
					return Command.EXIT_USAGE;
				}
				catch (IOException e) {
					System.err.println(command.name() + ": " + e.getMessage());
					return Command.EXIT_NETWORK;
				}
				catch (Exception e) {
					System.err.println(command.name() + ": " + e);
					return Command.EXIT_NETWORK;
				}
			}
		}
		System.err.println("unknown command '" + args[0] + "'\n\n" + usage());
		return Command.EXIT_USAGE;
	}

	private static String usage() {
		StringBuilder sb = new StringBuilder("usage: java -jar continuum-dicom.jar <command> [options]\n\ncommands:\n");
		for (Command c : COMMANDS) {
			sb.append("  ").append(c.name()).append('\n');
		}
		return sb.append("\n'<command> --help' describes each.").toString();
	}

}
