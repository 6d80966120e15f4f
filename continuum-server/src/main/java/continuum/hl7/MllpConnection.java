package continuum.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;

import continuum.platform.SafeLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's connection: frames read one after the other, each stored and answered before
 * the next is read, until the peer closes, the connection stays idle for the idle
 * timeout, or a frame is cut off. A failure of one message never ends the listener, and a
 * failure on this connection closes this connection only.
 */
final class MllpConnection implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(MllpConnection.class);

	private final Socket socket;

	private final String link;

	private final InboundReceiver receiver;

	private final LinkActivity activity;

	private final int maxMessageSize;

	MllpConnection(Socket socket, String link, InboundReceiver receiver, LinkActivity activity, int maxMessageSize) {
		this.socket = socket;
		this.link = link;
		this.receiver = receiver;
		this.activity = activity;
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public void run() {
		String peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
		long connection = activity.connected(link, peer);
		try (Socket open = socket) {
			InputStream in = open.getInputStream();
			OutputStream out = open.getOutputStream();
			MllpReader reader = new MllpReader(in, maxMessageSize);
			while (true) {
				Frame frame = reader.next();
				if (frame == null) {
					break;
				}
				activity.frame(connection);
				receiver.receive(link, peer, frame, maxMessageSize, (er7, charset) -> {
					try {
						MllpWriter.write(out, er7.getBytes(charset));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
				if (reader.ended()) {
					break;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			log.info("MLLP connection from {} on {} closed after the idle timeout", peer, link);
		}
		catch (IOException | UncheckedIOException ex) {
			log.info("MLLP connection from {} on {} ended: {}", peer, link, ex.getClass().getSimpleName());
		}
		catch (RuntimeException ex) {
			log.error("MLLP connection from {} on {} closed after a failure: {}", peer, link, SafeLogging.describe(ex));
		}
		finally {
			activity.disconnected(connection);
		}
	}

}
