package org.continuum.dicom.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** Free loopback ports for external peers, and waiting until such a peer listens. */
public final class Ports {

	private Ports() {
	}

	public static int free() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
	}

	/**
	 * Polls with C-ECHO until {@code process} answers as {@code calledAe}: for peers such
	 * as dcmqrscp in single-process mode, which exit when a bare TCP probe closes without
	 * an association.
	 */
	public static void awaitEcho(Process process, int port, String calledAe) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		var request = new org.continuum.dicom.net.AssociationRequest("PROBE", calledAe)
			.addContext(org.continuum.dicom.data.Uid.VERIFICATION, "1.2.840.10008.1.2");
		while (System.nanoTime() < deadline) {
			try (var as = request.connect("127.0.0.1", port,
					org.continuum.dicom.net.AssociationSettings.defaults("PROBE"))) {
				org.continuum.dicom.net.service.EchoScu.echo(as);
				return;
			}
			catch (IOException notYet) {
				if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
					fail("peer exited with " + process.exitValue() + " before answering C-ECHO on " + port);
				}
			}
		}
		fail("peer not answering C-ECHO on port " + port + " after 15 s");
	}

	/**
	 * Polls until {@code process} accepts TCP connections on {@code port}, failing after
	 * 15 s or if it exits.
	 */
	public static void awaitListening(Process process, int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			try (Socket s = new Socket()) {
				s.setTcpNoDelay(true);
				s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
				return;
			}
			catch (IOException notYet) {
				if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
					fail("peer exited with " + process.exitValue() + " before listening on " + port);
				}
			}
		}
		fail("peer not listening on port " + port + " after 15 s");
	}

}
