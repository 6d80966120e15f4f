package continuum.imaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.pacs.PacsFixtures;
import continuum.imaging.pacs.PacsStore;
import continuum.imaging.pacs.StoreOutcome;
import continuum.lab.LabFixtures;
import continuum.patients.PatientService;
import continuum.platform.PlatformSettings;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.EchoScu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Association control in a context of its own, as deployed: unknown callers are rejected
 * (A-ASSOCIATE-RJ, permanent, service user, calling AE title not recognized) as dcmtk's
 * {@code echoscu} reports; a peer registered on the page's service is accepted at once on
 * the same port; and DICOM TLS answers on its own port with the configured key, only to
 * callers presenting a certificate its trust store trusts (dcmtk {@code echoscu +tls}
 * accepted, {@code +tla} refused at the handshake), and C-MOVE reaches a move destination
 * marked TLS over TLS (dcmtk {@code storescp +tls}, which requires our certificate). The
 * same context stores under the {@code replace} duplicate policy: a second object under a
 * SOP Instance UID replaces the first, file and index rows.
 */
@ContinuumIntegrationTest
class DicomAssociationControlIntegrationTests {

	static final TlsKeys KEYS = TlsKeys.make();

	@DynamicPropertySource
	static void closedAeWithTls(DynamicPropertyRegistry registry) {
		registry.add("continuum.dicom.accept-unknown-callers", () -> "false");
		registry.add("continuum.dicom.tls.keystore", KEYS.server()::toString);
		registry.add("continuum.dicom.tls.password", () -> "test-keys");
		registry.add("continuum.dicom.tls.need-client-auth", () -> "true");
		registry.add("continuum.dicom.tls.truststore", KEYS.trust()::toString);
		registry.add("continuum.dicom.tls.truststore-password", () -> "test-keys");
		registry.add("continuum.dicom.store.duplicates", () -> "replace");
	}

	@Autowired
	DicomAe ae;

	@Autowired
	DicomPeers peers;

	@Autowired
	PacsStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformSettings platform;

	@Autowired
	PatientService patients;

	@Test
	void replacesTheObjectHeldUnderASopInstanceUid() throws Exception {
		String study = PacsFixtures.uid();
		String series = PacsFixtures.uid();
		String sop = PacsFixtures.uid();
		Attributes first = PacsFixtures.ct("NOMRN", "", study, series, sop, 4096);
		Attributes second = PacsFixtures.ct("NOMRN", "", study, series, sop, 4096);
		second.setString(Tag.ContentDate, VR.DA, "20261206");
		assertThat(store
			.store(new ByteArrayInputStream(PacsFixtures.encode(first)), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
					sop, "TEST")
			.disposition()).isEqualTo(StoreOutcome.Disposition.STORED);
		String firstPath = path(sop);
		var replaced = store.store(new ByteArrayInputStream(PacsFixtures.encode(second)),
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), sop, "TEST");
		assertThat(replaced.disposition()).isEqualTo(StoreOutcome.Disposition.REPLACED);
		assertThat(replaced.status()).isZero();
		String secondPath = path(sop);
		assertThat(secondPath).isNotEqualTo(firstPath);
		assertThat(jdbc.sql("select content_date from pacs_instance where sop_instance_uid = :uid")
			.param("uid", sop)
			.query(String.class)
			.single()).isEqualTo("2026-12-06");
		assertThat(jdbc.sql("select instance_count from pacs_study where study_instance_uid = :uid")
			.param("uid", study)
			.query(Integer.class)
			.single()).isOne();
		Path folder = Path.of(platform.data().dir(), "dicom", study, series);
		assertThat(folder.resolve(firstPath.substring(firstPath.lastIndexOf('/') + 1))).doesNotExist();
		try (var files = Files.list(folder)) {
			assertThat(files.map(p -> p.getFileName().toString()))
				.containsExactly(secondPath.substring(secondPath.lastIndexOf('/') + 1));
		}
		assertThat(store.holds(sop, Uid.CT_IMAGE_STORAGE)).isTrue();
	}

	private String path(String sop) {
		return jdbc.sql("select file_path from pacs_instance where sop_instance_uid = :uid")
			.param("uid", sop)
			.query(String.class)
			.single();
	}

	@Test
	void rejectsAnUnknownCallerAndAcceptsItOnceRegistered() throws Exception {
		String title = "ECHO" + System.nanoTime() % 10000;
		String refused = echoscu(title, 1);
		assertThat(refused).containsIgnoringCase("Calling AE Title Not Recognized");
		int port = ae.port();

		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(title, "127.0.0.1", 104, false, false, false, false, false, false, false, false,
					null));
			return null;
		});

		assertThat(ae.port()).isEqualTo(port);
		echoscu(title, 0);
	}

	@Test
	void answersOverTlsOnItsOwnPortOnlyToCallersWithATrustedCertificate() throws Exception {
		String title = "TLSSCU";
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(title, "127.0.0.1", 104, true, false, false, false, false, false, false, false,
					null));
			return null;
		});
		assertThat(ae.tlsPort()).isPositive().isNotEqualTo(ae.port());
		var rq = new AssociationRequest(title, ae.aeTitle()).addContext(Uid.VERIFICATION,
				TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
		try (Association as = rq.connect("127.0.0.1", ae.tlsPort(),
				AssociationSettings.defaults(title).withTls(KEYS.peerContext(true)))) {
			assertThat(EchoScu.echo(as)).isZero();
		}
		assertThatThrownBy(() -> rq.connect("127.0.0.1", ae.tlsPort(),
				AssociationSettings.defaults(title).withTls(KEYS.peerContext(false))))
			.isInstanceOf(IOException.class);

		String port = String.valueOf(ae.tlsPort());
		assertThat(run(0, "echoscu", "+tls", KEYS.peerKey().toString(), KEYS.peerCertificate().toString(), "+cf",
				KEYS.serverCertificate().toString(), "-aet", title, "-aec", ae.aeTitle(), "127.0.0.1", port))
			.doesNotContainIgnoringCase("error");
		assertThat(run(1, "echoscu", "+tla", "+cf", KEYS.serverCertificate().toString(), "-aet", title, "-aec",
				ae.aeTitle(), "127.0.0.1", port))
			.contains("Association Request Failed");
	}

	@Test
	void movesToAPeerMarkedTlsOverTls(@TempDir Path received) throws Exception {
		var patient = patients.idsForDemo(12).get(10);
		String mrn = patients.get(patient).mrn();
		var order = PacsFixtures.order(jdbc, patient.value());
		String series = PacsFixtures.uid();
		for (int i = 0; i < 2; i++) {
			String sop = PacsFixtures.uid();
			var outcome = store.store(
					new ByteArrayInputStream(PacsFixtures.encode(PacsFixtures.ct(mrn, order.accessionNumber(),
							order.studyInstanceUid(), series, sop, 2048))),
					TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), sop, "TEST");
			assertThat(outcome.quarantined()).isFalse();
		}
		int port = freePort();
		String destination = "TLSDEST" + (port % 1000);
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(destination, "127.0.0.1", port, true, false, false, false, false, false, false,
					true, "dcmtk storescp over TLS"));
			peers.save(new DicomPeer("TLSMOVER", "127.0.0.1", 104, false, false, false, true, false, false, false,
					false, null));
			return null;
		});
		var builder = new ProcessBuilder("storescp", "+tls", KEYS.peerKey().toString(),
				KEYS.peerCertificate().toString(), "+cf", KEYS.serverCertificate().toString(), "-aet", destination,
				"-od", received.toString(), String.valueOf(port))
			.redirectErrorStream(true)
			.redirectOutput(received.resolveSibling(received.getFileName() + "-storescp.log").toFile());
		builder.environment().put("TCP_NODELAY", "1");
		Process storescp = builder.start();
		try {
			awaitListening(storescp, port);
			String output = run(0, "movescu", "-S", "-aet", "TLSMOVER", "-aec", ae.aeTitle(), "-aem", destination,
					"127.0.0.1", String.valueOf(ae.port()), "-k", "QueryRetrieveLevel=STUDY", "-k",
					"StudyInstanceUID=" + order.studyInstanceUid());
			assertThat(output).doesNotContainIgnoringCase("error");
			try (var files = Files.list(received)) {
				assertThat(files.count()).as("instances received by storescp, which speaks only TLS").isEqualTo(2);
			}
		}
		finally {
			storescp.destroy();
			storescp.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static String run(int expectedExit, String... command) throws Exception {
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("TCP_NODELAY", "1");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue() == 0 ? 0 : 1).as(output).isEqualTo(expectedExit);
		return output;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
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

	private String echoscu(String callingAe, int expectedExit) throws Exception {
		var builder = new ProcessBuilder("echoscu", "-aet", callingAe, "-aec", ae.aeTitle(), "127.0.0.1",
				String.valueOf(ae.port()))
			.redirectErrorStream(true);
		builder.environment().put("TCP_NODELAY", "1");
		Process echo = builder.start();
		String output = new String(echo.getInputStream().readAllBytes());
		assertThat(echo.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(echo.exitValue()).as(output).isEqualTo(expectedExit);
		return output;
	}

	/**
	 * Throwaway keys: the server's PKCS#12 key store (JDK keytool), its certificate as
	 * PEM for dcmtk, a peer's key and certificate (openssl; PEM for dcmtk, PKCS#12 for
	 * the library's SCU) and the server's trust store, which holds only the peer's
	 * certificate.
	 */
	record TlsKeys(Path server, Path serverCertificate, Path peerKey, Path peerCertificate, Path peer, Path trust) {

		static TlsKeys make() {
			try {
				Path folder = Files.createTempDirectory("dicom-tls");
				folder.toFile().deleteOnExit();
				String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
				var keys = new TlsKeys(folder.resolve("ae.p12"), folder.resolve("ae.pem"),
						folder.resolve("peer-key.pem"), folder.resolve("peer.pem"), folder.resolve("peer.p12"),
						folder.resolve("trust.p12"));
				exec(folder, keytool, "-genkeypair", "-alias", "dicom", "-keyalg", "EC", "-groupname", "secp256r1",
						"-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
						"-keystore", keys.server().toString(), "-storepass", "test-keys", "-keypass", "test-keys");
				exec(folder, keytool, "-exportcert", "-rfc", "-alias", "dicom", "-keystore", keys.server().toString(),
						"-storepass", "test-keys", "-file", keys.serverCertificate().toString());
				exec(folder, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
						keys.peerKey().toString(), "-out", keys.peerCertificate().toString(), "-days", "2", "-subj",
						"/CN=peer");
				exec(folder, "openssl", "pkcs12", "-export", "-inkey", keys.peerKey().toString(), "-in",
						keys.peerCertificate().toString(), "-out", keys.peer().toString(), "-passout", "pass:test-keys",
						"-name", "peer");
				exec(folder, keytool, "-importcert", "-noprompt", "-alias", "peer", "-file",
						keys.peerCertificate().toString(), "-storetype", "PKCS12", "-keystore", keys.trust().toString(),
						"-storepass", "test-keys");
				for (Path file : List.of(keys.server(), keys.serverCertificate(), keys.peerKey(),
						keys.peerCertificate(), keys.peer(), keys.trust())) {
					file.toFile().deleteOnExit();
				}
				return keys;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** The peer's TLS context: trusts the server; presents its key only if asked. */
		SSLContext peerContext(boolean withKey) throws Exception {
			KeyStore serverStore = load(server);
			var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(serverStore);
			KeyManager[] keyManagers = null;
			if (withKey) {
				var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(load(peer), "test-keys".toCharArray());
				keyManagers = keys.getKeyManagers();
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trust.getTrustManagers(), null);
			return context;
		}

		private static KeyStore load(Path file) throws Exception {
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(file)) {
				store.load(in, "test-keys".toCharArray());
			}
			return store;
		}

		private static void exec(Path folder, String... command) throws Exception {
			Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				throw new IllegalStateException(command[0] + " failed: " + output);
			}
		}

	}

}
