package continuum.notifications;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * An SMTP server (RFC 5321) that misbehaves on purpose. By default it takes a whole
 * message and then never sends the final {@code 250} after the terminating dot: the
 * client cannot know whether the message was accepted, which is exactly when a server
 * killed mid-send must send it again with the same Message-ID. Built with a reply for
 * {@code RCPT TO}, it refuses every recipient with that reply instead. Records the
 * Message-ID header of each message received.
 */
final class HangingSmtpServer implements AutoCloseable {

	private final String recipientReply;

	private final ServerSocket socket;

	private final List<String> messageIds = new CopyOnWriteArrayList<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final Thread acceptor;

	HangingSmtpServer() throws IOException {
		this("250 OK");
	}

	/**
	 * A server that answers every {@code RCPT TO} with this reply, e.g. {@code 550 ...}.
	 */
	HangingSmtpServer(String recipientReply) throws IOException {
		this.recipientReply = recipientReply;
		socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		acceptor = new Thread(this::accept, "hanging-smtp");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return socket.getLocalPort();
	}

	/** The Message-ID of every message whose data was received, in order. */
	List<String> messageIds() {
		return List.copyOf(messageIds);
	}

	private void accept() {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Thread session = new Thread(() -> converse(client), "hanging-smtp-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException closing) {
				return;
			}
		}
	}

	private void converse(Socket client) {
		try (client;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
				OutputStream out = client.getOutputStream()) {
			reply(out, "220 hanging.test ESMTP");
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
				if (command.equals("EHLO")) {
					reply(out, "250-hanging.test\r\n250 8BITMIME");
				}
				else if (command.equals("DATA")) {
					reply(out, "354 End data with <CR><LF>.<CR><LF>");
					String messageId = null;
					while ((line = in.readLine()) != null && !line.equals(".")) {
						if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
							messageId = line.substring(11).trim();
						}
					}
					messageIds.add(String.valueOf(messageId));
					closed.await();
					return;
				}
				else if (command.equals("RCPT")) {
					reply(out, recipientReply);
				}
				else if (command.equals("QUIT")) {
					reply(out, "221 bye");
					return;
				}
				else {
					reply(out, "250 OK");
				}
			}
		}
		catch (IOException | InterruptedException gone) {
			// the client went away or the test is over
		}
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		closed.countDown();
		socket.close();
	}

}
