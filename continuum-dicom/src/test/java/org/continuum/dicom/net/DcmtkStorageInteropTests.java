package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.service.DirectoryStoreHandler;
import org.continuum.dicom.net.service.EchoScp;
import org.continuum.dicom.net.service.EchoScu;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.net.service.StoreScu;
import org.continuum.dicom.testing.Dcmtk;
import org.continuum.dicom.testing.Part10Files;
import org.continuum.dicom.testing.Ports;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * C-ECHO and C-STORE against Debian dcmtk's echoscu, storescu and storescp, in both
 * roles.
 */
class DcmtkStorageInteropTests {

	@TempDir
	Path dir;

	private TestScp startScp(Path received) throws Exception {
		return new TestScp(AssociationSettings.defaults("CONTINUUM"), new EchoScp(),
				new StoreScp(new DirectoryStoreHandler(received, false)));
	}

	@Test
	void dcmtkEchoscuVerifiesOurScp() throws Exception {
		try (var scp = startScp(dir.resolve("in"))) {
			var result = Dcmtk.run(dir, "echoscu", "-aet", "DCMTK", "-aec", "CONTINUUM", "127.0.0.1",
					Integer.toString(scp.port()));
			assertThat(result.exitCode()).as(result.output()).isZero();
		}
	}

	@Test
	void dcmtkStorescuSendsHundredsOfFilesInOneAssociation() throws Exception {
		Path source = Files.createDirectories(dir.resolve("out"));
		List<Attributes> sent = new ArrayList<>();
		String study = TestData.newUid();
		String series = TestData.newUid();
		for (int i = 1; i <= 250; i++) {
			Attributes ds = TestData.ctImage(64, "Van Damme^Lucie", study, series, i);
			sent.add(ds);
			Part10Files.write(source.resolve("img" + i + ".dcm"), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		}
		Path received = dir.resolve("in");
		try (var scp = startScp(received)) {
			var result = Dcmtk.run(dir, "storescu", "-aet", "DCMTK", "-aec", "CONTINUUM", "+sd", "127.0.0.1",
					Integer.toString(scp.port()), source.toString());
			assertThat(result.exitCode()).as(result.output()).isZero();
		}
		try (Stream<Path> files = Files.list(received)) {
			assertThat(files.count()).isEqualTo(250);
		}
		for (Attributes ds : sent) {
			assertThat(Part10Files.read(received.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm"))).isEqualTo(ds);
		}
	}

	@Test
	void fourDcmtkStorescuProcessesAtOnceWithSmallAndLargePdus() throws Exception {
		List<Path> folders = new ArrayList<>();
		List<Attributes> sent = new ArrayList<>();
		for (int p = 0; p < 4; p++) {
			Path folder = Files.createDirectories(dir.resolve("out" + p));
			folders.add(folder);
			for (int i = 0; i < 10; i++) {
				Attributes ds = TestData.ctImage(128, "Parallel^Peer" + p);
				sent.add(ds);
				Part10Files.write(folder.resolve(i + ".dcm"), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			}
		}
		Path received = dir.resolve("in");
		try (var scp = startScp(received)) {
			List<Process> senders = new ArrayList<>();
			String[] pdus = { "4096", "16384", "65536", "131072" };
			for (int p = 0; p < 4; p++) {
				Path work = Files.createDirectories(dir.resolve("work" + p));
				senders.add(Dcmtk.start(work, "storescu", "-R", "-pdu", pdus[p], "--max-send-pdu", pdus[p], "-aec",
						"CONTINUUM", "+sd", "127.0.0.1", Integer.toString(scp.port()), folders.get(p).toString()));
			}
			for (Process sender : senders) {
				assertThat(sender.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
				assertThat(sender.exitValue()).isZero();
			}
		}
		for (Attributes ds : sent) {
			assertThat(Part10Files.read(received.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm"))).isEqualTo(ds);
		}
	}

	@ParameterizedTest
	@CsvSource({ "-xi, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN",
			"-xe, EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN",
			"-xb, EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN",
			"-xd, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN",
			"-xy, JPEG_BASELINE_8BIT, JPEG_BASELINE_8BIT" })
	void dcmtkStorescuStoresInEachTransferSyntax(String option, TransferSyntax fileSyntax, TransferSyntax expected)
			throws Exception {
		Attributes ds = fileSyntax.encapsulated() ? TestData.encapsulated(3)
				: TestData.ctImage(32, "Öztürk^Ayşe".replace("ş", "s"));
		Path file = Part10Files.write(dir.resolve("src.dcm"), ds, fileSyntax.uid());
		if (expected == TransferSyntax.EXPLICIT_VR_BIG_ENDIAN) {
			// storescu proposes one context per transfer syntax and then sends the file
			// as it is: make it Big Endian.
			Path big = dir.resolve("big.dcm");
			assertThat(Dcmtk.run(dir, "dcmconv", "+tb", file.toString(), big.toString()).exitCode()).isZero();
			file = big;
		}
		Path received = dir.resolve("in");
		try (var scp = startScp(received)) {
			var result = Dcmtk.run(dir, "storescu", option, "-R", "-aet", "DCMTK", "-aec", "CONTINUUM", "127.0.0.1",
					Integer.toString(scp.port()), file.toString());
			assertThat(result.exitCode()).as(result.output()).isZero();
		}
		Path stored = received.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
		assertThat(Part10Files.transferSyntaxOf(stored)).isEqualTo(expected.uid());
		assertThat(Part10Files.read(stored)).isEqualTo(ds);
	}

	@Test
	void dcmtkStorescuAuthenticatesWithUserIdentity() throws Exception {
		Path file = Part10Files.write(dir.resolve("one.dcm"), TestData.ctImage(32, "Claes^Lien"),
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		var settings = AssociationSettings.defaults("CONTINUUM")
			.withUserIdentityVerifier((user, password) -> user.equals("modality") && password.equals("s3cret"));
		try (var scp = new TestScp(settings, new StoreScp(new DirectoryStoreHandler(dir.resolve("in"), false)))) {
			String port = Integer.toString(scp.port());
			var good = Dcmtk.run(dir, "storescu", "-R", "+C", "-aec", "CONTINUUM", "-usr", "modality", "-pwd", "s3cret",
					"127.0.0.1", port, file.toString());
			assertThat(good.exitCode()).as(good.output()).isZero();
			var bad = Dcmtk.run(dir, "storescu", "-R", "-aec", "CONTINUUM", "-usr", "modality", "-pwd", "wrong",
					"127.0.0.1", port, file.toString());
			assertThat(bad.exitCode()).isNotZero();
			assertThat(bad.output()).contains("Association Rejected");
		}
	}

	@Test
	void ourScuSendsDeflatedToDcmtkStorescp() throws Exception {
		int port = Ports.free();
		Path received = Files.createDirectories(dir.resolve("dcmtk-in"));
		Process storescp = Dcmtk.start(dir, "storescp", "+xd", "-aet", "DCMTKSCP", "-od", received.toString(),
				Integer.toString(port));
		try {
			Ports.awaitListening(storescp, port);
			Attributes ds = TestData.ctImage(64, "Hermans^Léa");
			var request = new AssociationRequest("CONTINUUM", "DCMTKSCP").addContext(Uid.CT_IMAGE_STORAGE,
					TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());
			try (Association as = request.connect("127.0.0.1", port, AssociationSettings.defaults("CONTINUUM"))) {
				assertThat(as.acceptedContext(Uid.CT_IMAGE_STORAGE).transferSyntax())
					.isEqualTo(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());
				assertThat(StoreScu.store(as, Uid.CT_IMAGE_STORAGE, ds.getString(Tag.SOPInstanceUID),
						TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid(), out -> {
							var dos = new org.continuum.dicom.io.DicomOutputStream(out);
							dos.useTransferSyntax(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());
							dos.writeDataset(ds);
							dos.close();
						}))
					.isZero();
			}
			Path file = received.resolve("CT." + ds.getString(Tag.SOPInstanceUID));
			assertThat(Part10Files.transferSyntaxOf(file))
				.isEqualTo(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());
			assertThat(Part10Files.read(file)).isEqualTo(ds);
		}
		finally {
			storescp.destroy();
		}
	}

	@Test
	void ourScuStoresIntoDcmtkStorescp() throws Exception {
		int port = Ports.free();
		Path received = Files.createDirectories(dir.resolve("dcmtk-in"));
		Process storescp = Dcmtk.start(dir, "storescp", "-aet", "DCMTKSCP", "-od", received.toString(),
				Integer.toString(port));
		try {
			Ports.awaitListening(storescp, port);
			List<Attributes> sent = new ArrayList<>();
			var request = new AssociationRequest("CONTINUUM", "DCMTKSCP")
				.addContext(Uid.VERIFICATION, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())
				.addContext(Uid.CT_IMAGE_STORAGE, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
				.addContext(Uid.CT_IMAGE_STORAGE, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
			try (Association as = request.connect("127.0.0.1", port, AssociationSettings.defaults("CONTINUUM"))) {
				assertThat(EchoScu.echo(as)).isZero();
				for (int i = 0; i < 20; i++) {
					Attributes ds = TestData.ctImage(128, "Dupont^Hélène");
					sent.add(ds);
					Path file = Part10Files.write(dir.resolve("f" + i + ".dcm"), ds,
							i % 2 == 0 ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()
									: TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());
					assertThat(StoreScu.storeFile(as, file)).isEqualTo(Status.SUCCESS.code());
				}
			}
			for (Attributes ds : sent) {
				Path file = received.resolve("CT." + ds.getString(Tag.SOPInstanceUID));
				assertThat(Part10Files.read(file)).isEqualTo(ds);
			}
		}
		finally {
			storescp.destroy();
		}
	}

}
