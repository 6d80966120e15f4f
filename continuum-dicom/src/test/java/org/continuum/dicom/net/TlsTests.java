package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.service.DirectoryStoreHandler;
import org.continuum.dicom.net.service.EchoScp;
import org.continuum.dicom.net.service.EchoScu;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.net.service.StoreScu;
import org.continuum.dicom.testing.Dcmtk;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestScp;
import org.continuum.dicom.testing.TlsFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DICOM over TLS (PS3.15 §B.1, the Secure Transport Connection Profile) on its own port.
 */
class TlsTests {

	@TempDir
	Path dir;

	TlsFixture tls;

	@BeforeEach
	void makeCertificate() throws Exception {
		tls = TlsFixture.create(dir);
	}

	private TestScp tlsScp() throws IOException {
		return new TestScp(AssociationSettings.defaults("SECURE").withTls(tls.context), new EchoScp(),
				new StoreScp(new DirectoryStoreHandler(dir.resolve("in"), false)));
	}

	@Test
	void ourScuEchoesAndStoresOverTls() throws Exception {
		try (var scp = tlsScp()) {
			var rq = new AssociationRequest("SCU", "SECURE")
				.addContext(Uid.VERIFICATION, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())
				.addContext(Uid.CT_IMAGE_STORAGE, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			try (Association as = rq.connect("127.0.0.1", scp.port(),
					AssociationSettings.defaults("SCU").withTls(tls.context))) {
				assertThat(EchoScu.echo(as)).isZero();
				assertThat(StoreScu.store(as, TestData.ctImage(128, "Mertens^Elise"))).isZero();
			}
			var plain = new AssociationRequest("SCU", "SECURE").addContext(Uid.VERIFICATION,
					TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
			assertThatThrownBy(() -> plain.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("SCU")))
				.isInstanceOf(IOException.class);
		}
	}

	@Test
	void ourScuStoresIntoDcmtkStorescpOverTls() throws Exception {
		int port = org.continuum.dicom.testing.Ports.free();
		Path received = java.nio.file.Files.createDirectories(dir.resolve("dcmtk-in"));
		Process storescp = Dcmtk.start(dir, "storescp", "+tls", tls.key.toString(), tls.certificate.toString(), "+cf",
				tls.certificate.toString(), "-aet", "SECUREDCMTK", "-od", received.toString(), Integer.toString(port));
		try {
			org.continuum.dicom.testing.Ports.awaitListening(storescp, port);
			var ds = TestData.ctImage(64, "Segers^Amélie");
			var rq = new AssociationRequest("SCU", "SECUREDCMTK").addContext(Uid.CT_IMAGE_STORAGE,
					TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			try (Association as = rq.connect("127.0.0.1", port,
					AssociationSettings.defaults("SCU").withTls(tls.context))) {
				assertThat(StoreScu.store(as, ds)).isZero();
			}
			assertThat(org.continuum.dicom.testing.Part10Files
				.read(received.resolve("CT." + ds.getString(org.continuum.dicom.data.Tag.SOPInstanceUID))))
				.isEqualTo(ds);
		}
		finally {
			storescp.destroy();
		}
	}

	@Test
	void requiringAClientCertificateAcceptsDcmtkWithATrustedOneAndRefusesOthersAtTheHandshake() throws Exception {
		Path received = dir.resolve("in");
		TlsFixture stranger = TlsFixture.create(java.nio.file.Files.createDirectories(dir.resolve("stranger")));
		Path object = org.continuum.dicom.testing.Part10Files.write(dir.resolve("ct.dcm"),
				TestData.ctImage(32, "Peeters^Lotte"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		try (var scp = new TestScp(AssociationSettings.defaults("SECURE").withTls(tls.context).withNeedClientAuth(true),
				new EchoScp(), new StoreScp(new DirectoryStoreHandler(received, false)))) {
			String port = Integer.toString(scp.port());
			var trusted = Dcmtk.run(dir, "echoscu", "+tls", tls.key.toString(), tls.certificate.toString(), "+cf",
					tls.certificate.toString(), "-aec", "SECURE", "127.0.0.1", port);
			assertThat(trusted.exitCode()).as(trusted.output()).isZero();
			var stored = Dcmtk.run(dir, "storescu", "+tls", tls.key.toString(), tls.certificate.toString(), "+cf",
					tls.certificate.toString(), "-aec", "SECURE", "127.0.0.1", port, object.toString());
			assertThat(stored.exitCode()).as(stored.output()).isZero();
			assertThat(java.nio.file.Files.list(received).count()).isOne();

			var anonymous = Dcmtk.run(dir, "echoscu", "+tla", "+cf", tls.certificate.toString(), "-aec", "SECURE",
					"127.0.0.1", port);
			assertThat(anonymous.exitCode()).as(anonymous.output()).isNotZero();
			assertThat(anonymous.output()).contains("Association Request Failed");
			var untrusted = Dcmtk.run(dir, "storescu", "+tls", stranger.key.toString(), stranger.certificate.toString(),
					"+cf", tls.certificate.toString(), "-aec", "SECURE", "127.0.0.1", port, object.toString());
			assertThat(untrusted.exitCode()).as(untrusted.output()).isNotZero();
			assertThat(java.nio.file.Files.list(received).count()).isOne();

			var trustOnly = javax.net.ssl.SSLContext.getInstance("TLS");
			var tmf = javax.net.ssl.TrustManagerFactory
				.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
			var store = java.security.KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("scp", java.security.cert.CertificateFactory.getInstance("X.509")
				.generateCertificate(java.nio.file.Files.newInputStream(tls.certificate)));
			tmf.init(store);
			trustOnly.init(null, tmf.getTrustManagers(), null);
			var rq = new AssociationRequest("SCU", "SECURE").addContext(Uid.VERIFICATION,
					TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
			assertThatThrownBy(
					() -> rq.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("SCU").withTls(trustOnly)))
				.isInstanceOf(IOException.class);
		}
		try (var scp = tlsScp()) {
			var anonymous = Dcmtk.run(dir, "echoscu", "+tla", "+cf", tls.certificate.toString(), "-aec", "SECURE",
					"127.0.0.1", Integer.toString(scp.port()));
			assertThat(anonymous.exitCode())
				.as("without the switch a caller needs no certificate: " + anonymous.output())
				.isZero();
		}
	}

	@Test
	void dcmtkEchoscuVerifiesOurScpOverTls() throws Exception {
		try (var scp = tlsScp()) {
			var result = Dcmtk.run(dir, "echoscu", "+tls", tls.key.toString(), tls.certificate.toString(), "+cf",
					tls.certificate.toString(), "-aec", "SECURE", "127.0.0.1", Integer.toString(scp.port()));
			assertThat(result.exitCode()).as(result.output()).isZero();
		}
	}

}
