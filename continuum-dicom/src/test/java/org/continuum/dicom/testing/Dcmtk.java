package org.continuum.dicom.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian dcmtk's tools as real peers. A missing tool fails the test with a clear
 * message (CI installs dcmtk). Every tool runs with {@code TCP_NODELAY=1}: dcmtk leaves
 * Nagle's algorithm on otherwise.
 */
public final class Dcmtk {

	private Dcmtk() {
	}

	public record Result(int exitCode, String output) {
	}

	public static Result run(Path workDir, String... command) throws IOException, InterruptedException {
		Process p = start(workDir, command);
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			fail("dcmtk " + command[0] + " did not finish within 120 s");
		}
		String out = Files.readString(workDir.resolve(logName(command[0])), StandardCharsets.ISO_8859_1);
		return new Result(p.exitValue(), out);
	}

	/**
	 * Starts a long-running tool (storescp, dcmqrscp); output goes to {@code <tool>.log}
	 * in workDir.
	 */
	public static Process start(Path workDir, String... command) throws IOException {
		requireTool(command[0]);
		List<String> cmd = new ArrayList<>(List.of(command));
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(workDir.resolve(logName(command[0])).toFile());
		pb.environment().put("TCP_NODELAY", "1");
		return pb.start();
	}

	private static String logName(String tool) {
		return tool + ".log";
	}

	public static void requireTool(String tool) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, tool))) {
				return;
			}
		}
		fail("dcmtk tool '" + tool + "' not found on PATH: install Debian's dcmtk (apt-get install -y dcmtk)");
	}

}
