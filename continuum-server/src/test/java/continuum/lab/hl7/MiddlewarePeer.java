package continuum.lab.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The laboratory's middleware as a test sees it: an MLLP server on a free loopback port
 * that keeps every message it receives and acknowledges each with AA (MSA-2 echoing
 * MSH-10).
 */
final class MiddlewarePeer implements AutoCloseable {

	private final ServerSocket server;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	MiddlewarePeer() throws IOException {
		this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "middleware-peer");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	int port() {
		return server.getLocalPort();
	}

	List<String> received() {
		return List.copyOf(received);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				socket.setTcpNoDelay(true);
				Thread connection = new Thread(() -> serve(socket), "middleware-peer-connection");
				connection.setDaemon(true);
				connection.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			while (true) {
				String message = readFrame(in);
				if (message == null) {
					return;
				}
				received.add(message);
				String controlId = SimulatorFields.field(message, "MSH", 10);
				String ack = "MSH|^~\\&|LAB-MIDDLEWARE|LAB|CONTINUUM|HOSPITAL|20260101000000||ACK^O21^ACK|A" + controlId
						+ "|P|2.5.1\rMSA|AA|" + controlId + "\r";
				// One write per frame: split writes meet Nagle's algorithm and the peer's
				// delayed ACK.
				byte[] body = ack.getBytes(StandardCharsets.UTF_8);
				byte[] frame = new byte[body.length + 3];
				frame[0] = 0x0b;
				System.arraycopy(body, 0, frame, 1, body.length);
				frame[frame.length - 2] = 0x1c;
				frame[frame.length - 1] = 0x0d;
				out.write(frame);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the server closed the connection
		}
	}

	private static String readFrame(InputStream in) throws IOException {
		int b;
		do {
			b = in.read();
			if (b < 0) {
				return null;
			}
		}
		while (b != 0x0b);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		while ((b = in.read()) >= 0) {
			if (b == 0x1c) {
				in.read();
				return frame.toString(StandardCharsets.UTF_8);
			}
			frame.write(b);
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		server.close();
	}

}
