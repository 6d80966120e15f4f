package continuum.imaging;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.pacs.PacsFixtures;
import continuum.imaging.pacs.PacsStore;
import continuum.imaging.pacs.StoreOutcome;
import continuum.lab.LabFixtures;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Association control in a context of its own, as deployed: unknown callers are rejected
 * (A-ASSOCIATE-RJ, permanent, service user, calling AE title not recognized) as dcmtk's
 * {@code echoscu} reports; a peer registered on the page's service is accepted at once on
 * the same port; and DICOM TLS answers on its own port with the configured key. The same
 * context stores under the {@code replace} duplicate policy: a second object under a SOP
 * Instance UID replaces the first, file and index rows.
 */
@ContinuumIntegrationTest
class DicomAssociationControlIntegrationTests {

	static final Path KEYS = keyStore();

	@DynamicPropertySource
	static void closedAeWithTls(DynamicPropertyRegistry registry) {
		registry.add("continuum.dicom.accept-unknown-callers", () -> "false");
		registry.add("continuum.dicom.tls.keystore", KEYS::toString);
		registry.add("continuum.dicom.tls.password", () -> "test-keys");
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
	void answersOverTlsOnItsOwnPort() throws Exception {
		String title = "TLSSCU";
		LabFixtures.as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(title, "127.0.0.1", 104, true, false, false, false, false, false, false, false,
					null));
			return null;
		});
		assertThat(ae.tlsPort()).isPositive().isNotEqualTo(ae.port());
		var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(KEYS)) {
			store.load(in, "test-keys".toCharArray());
		}
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		var rq = new AssociationRequest(title, ae.aeTitle()).addContext(Uid.VERIFICATION,
				TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
		try (Association as = rq.connect("127.0.0.1", ae.tlsPort(),
				AssociationSettings.defaults(title).withTls(context))) {
			assertThat(EchoScu.echo(as)).isZero();
		}
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

	/** A throwaway PKCS#12 key store made by the JDK's keytool. */
	private static Path keyStore() {
		try {
			Path folder = Files.createTempDirectory("dicom-tls");
			Path file = folder.resolve("ae.p12");
			Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
					"-genkeypair", "-alias", "dicom", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
					file.toString(), "-storepass", "test-keys", "-keypass", "test-keys")
				.redirectErrorStream(true)
				.start();
			String output = new String(keytool.getInputStream().readAllBytes());
			if (keytool.waitFor() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			file.toFile().deleteOnExit();
			folder.toFile().deleteOnExit();
			return file;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
