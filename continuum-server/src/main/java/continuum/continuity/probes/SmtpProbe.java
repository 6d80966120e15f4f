package continuum.continuity.probes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * An SMTP gateway (kind {@code smtp}, target {@code host:port}): connects, expects the
 * {@code 220} greeting, says {@code EHLO} and {@code NOOP} and expects {@code 250} to
 * each (RFC 5321 §4.1.1.1, §4.1.1.9), then {@code QUIT}. No message is sent. The whole
 * conversation must finish within the timeout: each read waits only for what is left of
 * it.
 */
@Component
class SmtpProbe implements ComponentProbe {

	@Override
	public String kind() {
		return "smtp";
	}

	@Override
	public ProbeOutcome probe(String target, Duration timeout) throws IOException {
		int colon = target.lastIndexOf(':');
		String host = colon < 0 ? target : target.substring(0, colon);
		int port = colon < 0 ? 25 : Integer.parseInt(target.substring(colon + 1));
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), remaining(deadline));
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			OutputStream out = socket.getOutputStream();
			if (reply(socket, in, deadline) != 220) {
				return ProbeOutcome.failed(ProbeCode.BAD_REPLY);
			}
			for (String command : new String[] { "EHLO continuum-probe", "NOOP" }) {
				out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				if (reply(socket, in, deadline) != 250) {
					return ProbeOutcome.failed(ProbeCode.BAD_REPLY);
				}
			}
			out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return ProbeOutcome.ok();
		}
	}

	/**
	 * The code of the next reply, reading past the continuation lines of a multi-line
	 * reply ({@code 250-...}); -1 if it is not a reply.
	 */
	private static int reply(Socket socket, BufferedReader in, long deadline) throws IOException {
		while (true) {
			socket.setSoTimeout(remaining(deadline));
			String line = in.readLine();
			if (line == null) {
				throw new IOException("connection closed by the SMTP peer");
			}
			if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
				return -1;
			}
			if (line.length() == 3 || line.charAt(3) != '-') {
				return Integer.parseInt(line.substring(0, 3));
			}
		}
	}

	private static int remaining(long deadline) throws SocketTimeoutException {
		long millis = (deadline - System.nanoTime()) / 1_000_000;
		if (millis <= 0) {
			throw new SocketTimeoutException("SMTP probe deadline passed");
		}
		return (int) Math.min(Integer.MAX_VALUE, millis);
	}

}
