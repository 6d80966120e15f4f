package continuum.imaging.dimse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Running dcmtk's tools from the DIMSE tests: on loopback, without Nagle's delay. */
final class DcmtkTools {

	private DcmtkTools() {
	}

	/**
	 * Runs the tool to its end (at most 60 s), asserts it succeeded and answers its
	 * output.
	 */
	static String run(String... command) throws Exception {
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("TCP_NODELAY", "1");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	/** A loopback port free now, for a peer the test starts. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Waits (at most 10 s) until a peer the test started accepts connections. */
	static void awaitListening(int port) {
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			try (var socket = new Socket("127.0.0.1", port)) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

}
