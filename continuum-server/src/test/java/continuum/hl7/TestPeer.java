package continuum.hl7;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * A scripted MLLP peer on a free loopback port, playing the lab's middleware: for each
 * message it takes the next behaviour of its script (answer AA when the script is empty)
 * and records the control ids it answered AA, in order.
 */
final class TestPeer {

	enum Behaviour {

		/** Closes the connection without answering. */
		HANG_UP,
		/** Answers AE with an ERR. */
		ANSWER_AE,
		/** Reads the message and answers nothing. */
		SILENT,
		/** Answers AA. */
		ANSWER_AA

	}

	private static TestPeer instance;

	final BlockingDeque<Behaviour> script = new LinkedBlockingDeque<>();

	/** Control ids answered AA, in the order they were answered. */
	final List<String> accepted = new CopyOnWriteArrayList<>();

	/** Every control id received, in order, answered or not. */
	final List<String> received = new CopyOnWriteArrayList<>();

	private final ServerSocket server;

	private TestPeer(ServerSocket server) {
		this.server = server;
	}

	static synchronized TestPeer start() throws IOException {
		if (instance == null) {
			ServerSocket server = new ServerSocket();
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			instance = new TestPeer(server);
			Thread thread = new Thread(instance::acceptLoop, "test-peer");
			thread.setDaemon(true);
			thread.start();
		}
		return instance;
	}

	static TestPeer get() {
		return instance;
	}

	int port() {
		return server.getLocalPort();
	}

	private void acceptLoop() {
		while (true) {
			try {
				Socket socket = server.accept();
				Thread connection = new Thread(() -> serve(socket), "test-peer-connection");
				connection.setDaemon(true);
				connection.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			MllpReader reader = new MllpReader(socket.getInputStream(), 1 << 20);
			OutputStream out = socket.getOutputStream();
			while (true) {
				Frame frame = reader.next();
				if (frame == null) {
					return;
				}
				String text = new String(frame.bytes(), StandardCharsets.UTF_8);
				MshHeader msh = MshHeader.read(text).orElseThrow();
				received.add(msh.controlId());
				Behaviour behaviour = script.pollFirst();
				if (behaviour == null) {
					behaviour = Behaviour.ANSWER_AA;
				}
				switch (behaviour) {
					case HANG_UP -> {
						return;
					}
					case SILENT -> {
					}
					case ANSWER_AE -> MllpWriter.write(out, ack(msh, "AE").getBytes(StandardCharsets.UTF_8));
					case ANSWER_AA -> {
						accepted.add(msh.controlId());
						MllpWriter.write(out, ack(msh, "AA").getBytes(StandardCharsets.UTF_8));
					}
				}
			}
		}
		catch (IOException ex) {
			// the sender went away
		}
	}

	private static String ack(MshHeader msh, String code) {
		return "MSH|^~\\&|MW|LAB|CONTINUUM|HOSP|20261206120000||ACK^O21^ACK|A" + msh.controlId() + "|P|2.5.1\rMSA|"
				+ code + "|" + msh.controlId() + (code.equals("AA") ? "" : "|Order unknown") + "\r"
				+ (code.equals("AA") ? "" : "ERR||ORC^1^2|204^Unknown key identifier^HL70357|E\r");
	}

}
