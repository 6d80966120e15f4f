package continuum.imaging.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.DicomAe;
import continuum.imaging.DicomPeer;
import continuum.imaging.DicomPeers;
import continuum.imaging.pacs.PacsFixtures;
import continuum.imaging.pacs.PacsStore;
import continuum.lab.LabFixtures;
import continuum.patients.PatientService;
import org.continuum.dicom.io.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer marked TLS is called over TLS even where the AE has no key store of its own (the
 * shared test context has none): a C-MOVE to a destination marked TLS that listens
 * without TLS (dcmtk {@code storescp}) fails its sub-operations instead of sending the
 * study in the clear.
 */
@ContinuumIntegrationTest
class TlsPeerIntegrationTests {

	@Autowired
	DicomAe ae;

	@Autowired
	DicomPeers peers;

	@Autowired
	PacsStore store;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void neverFallsBackToPlainTcpForAPeerMarkedTls(@TempDir Path received) throws Exception {
		var patient = patients.idsForDemo(14).get(13);
		var order = PacsFixtures.order(jdbc, patient.value());
		String sop = PacsFixtures.uid();
		assertThat(store
			.store(new ByteArrayInputStream(PacsFixtures.encode(PacsFixtures.ct(patients.get(patient).mrn(),
					order.accessionNumber(), order.studyInstanceUid(), PacsFixtures.uid(), sop, 1024))),
					TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), sop, "TEST")
			.quarantined()).isFalse();
		int port = freePort();
		String destination = "PLAINDEST" + (port % 1000);
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(destination, "127.0.0.1", port, true, false, false, false, false, false, false,
					true, "marked TLS, listens without"));
			peers.save(new DicomPeer("TLSMOVE2", "127.0.0.1", 104, false, false, false, true, false, false, false,
					false, null));
			return null;
		});
		var builder = new ProcessBuilder("storescp", "-aet", destination, "-od", received.toString(),
				String.valueOf(port))
			.redirectErrorStream(true)
			.redirectOutput(received.resolveSibling(received.getFileName() + "-storescp.log").toFile());
		builder.environment().put("TCP_NODELAY", "1");
		Process storescp = builder.start();
		try {
			awaitListening(storescp, port);
			var movescu = new ProcessBuilder("movescu", "-v", "-S", "-aet", "TLSMOVE2", "-aec", ae.aeTitle(), "-aem",
					destination, "127.0.0.1", String.valueOf(ae.port()), "-k", "QueryRetrieveLevel=STUDY", "-k",
					"StudyInstanceUID=" + order.studyInstanceUid())
				.redirectErrorStream(true);
			movescu.environment().put("TCP_NODELAY", "1");
			Process move = movescu.start();
			String output = new String(move.getInputStream().readAllBytes());
			assertThat(move.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(output).contains("Refused: OutOfResourcesSubOperations");
			try (var files = Files.list(received)) {
				assertThat(files.count()).as("instances sent in the clear").isZero();
			}
		}
		finally {
			storescp.destroy();
			storescp.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void awaitListening(Process process, int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException notYet) {
				assertThat(process.isAlive()).as("storescp running").isTrue();
				Thread.sleep(50);
			}
		}
		throw new AssertionError("storescp not listening on " + port);
	}

}
