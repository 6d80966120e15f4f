package continuum.platform.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a free loopback port to a target port that can change: the fixed address
 * of a database that a test stops and starts again on another port, as a multi-host URL
 * or a virtual IP gives the application one address for whichever server is the primary.
 * A connection the target refuses is closed at once, as a dead host's would be.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile int target;

	TcpProxy(int target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return server.getLocalPort();
	}

	void retarget(int port) {
		this.target = port;
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				sockets.add(client);
				Socket upstream = new Socket();
				try {
					upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2000);
				}
				catch (IOException refused) {
					close(client);
					continue;
				}
				sockets.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// The server socket was closed.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// One side went away; close both below.
			}
			finally {
				close(from);
				close(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private void close(Socket socket) {
		sockets.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already gone.
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		sockets.forEach(this::close);
	}

}
