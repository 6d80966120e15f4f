package org.continuum.dicom.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.RemoteAe;
import org.continuum.dicom.net.service.DirectoryStoreHandler;
import org.continuum.dicom.net.service.EchoScp;
import org.continuum.dicom.net.service.FindScp;
import org.continuum.dicom.net.service.GetScp;
import org.continuum.dicom.net.service.MoveScp;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.testing.Dcmtk;
import org.continuum.dicom.testing.Part10Files;
import org.continuum.dicom.testing.Ports;
import org.continuum.dicom.testing.TestArchive;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tools: exit codes, output, and each tool against a real peer. */
class MainTests {

	@TempDir
	Path dir;

	record Run(int exitCode, String out) {
	}

	static Run run(String... args) {
		PrintStream original = System.out;
		var captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			int code = Main.run(args);
			return new Run(code, captured.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(original);
		}
	}

	@Test
	void reportsUsageErrorsAndNetworkFailuresWithDistinctExitCodes() throws Exception {
		assertThat(run().exitCode()).isEqualTo(Command.EXIT_USAGE);
		assertThat(run("nosuchtool").exitCode()).isEqualTo(Command.EXIT_USAGE);
		assertThat(run("echoscu", "--bogus").exitCode()).isEqualTo(Command.EXIT_USAGE);
		assertThat(run("echoscu").exitCode()).isEqualTo(Command.EXIT_USAGE);
		assertThat(run("storescp", "--port", "0", "--dir", dir.toString(), "--accept", "jpeg").exitCode())
			.isEqualTo(Command.EXIT_USAGE);
		Run help = run("storescp", "--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("--fsync");
		assertThat(run("echoscu", "--port", Integer.toString(Ports.free())).exitCode()).isEqualTo(Command.EXIT_NETWORK);
	}

	@Test
	void echoscuTalksTlsWithAKeyStore() throws Exception {
		var tls = org.continuum.dicom.testing.TlsFixture.create(dir);
		try (var scp = new TestScp(AssociationSettings.defaults("SECURE").withTls(tls.context), new EchoScp())) {
			String port = Integer.toString(scp.port());
			String keyStore = tls.keyStore.toString();
			Run echo = run("echoscu", "--call", "SECURE", "--host", "localhost", "--port", port, "--tls", keyStore,
					"--tls-password", "changeit");
			assertThat(echo.exitCode()).as(echo.out()).isZero();
			Path passwordFile = Files.writeString(dir.resolve("tls-password"), "changeit\n");
			assertThat(run("echoscu", "--call", "SECURE", "--host", "localhost", "--port", port, "--tls", keyStore,
					"--tls-password-file", passwordFile.toString())
				.exitCode()).isZero();
			// No default password: the key store's must be given.
			Run noPassword = run("echoscu", "--call", "SECURE", "--host", "localhost", "--port", port, "--tls",
					keyStore);
			assertThat(noPassword.exitCode()).isEqualTo(Command.EXIT_USAGE);
			// The peer's certificate names localhost, not 127.0.0.1: refused unless the
			// check is turned off.
			assertThat(run("echoscu", "--call", "SECURE", "--host", "127.0.0.1", "--port", port, "--tls", keyStore,
					"--tls-password", "changeit", "--timeout", "5")
				.exitCode()).isEqualTo(Command.EXIT_NETWORK);
			assertThat(run("echoscu", "--call", "SECURE", "--host", "127.0.0.1", "--port", port, "--tls", keyStore,
					"--tls-password", "changeit", "--tls-no-host-check")
				.exitCode()).isZero();
			// Trusting the peer's certificate (PEM) without a client certificate of mine.
			assertThat(run("echoscu", "--call", "SECURE", "--host", "localhost", "--port", port, "--tls-trust",
					tls.certificate.toString())
				.exitCode()).isZero();
			assertThat(run("echoscu", "--call", "SECURE", "--port", port, "--timeout", "2").exitCode())
				.isEqualTo(Command.EXIT_NETWORK);
		}
	}

	@Test
	void echoscuAndStorescuTalkToAnScp() throws Exception {
		Path in = dir.resolve("in");
		Path out = Files.createDirectories(dir.resolve("out"));
		for (int i = 0; i < 5; i++) {
			Attributes ds = TestData.ctImage(32, "Jacobs^Inès");
			Part10Files.write(out.resolve(i + ".dcm"), ds, i % 2 == 0 ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()
					: TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
		}
		try (var scp = new TestScp(AssociationSettings.defaults("SCP"), new EchoScp(),
				new StoreScp(new DirectoryStoreHandler(in, false)))) {
			String port = Integer.toString(scp.port());
			Run echo = run("echoscu", "--call", "SCP", "--port", port);
			assertThat(echo.exitCode()).isZero();
			assertThat(echo.out()).contains("C-ECHO status 0x0000");
			Run store = run("storescu", "--call", "SCP", "--port", port, out.toString());
			assertThat(store.exitCode()).as(store.out()).isZero();
			assertThat(store.out()).contains("stored 5 of 5 instances");
			Run converted = run("storescu", "--call", "SCP", "--port", port, "--propose", "deflated", out.toString());
			assertThat(converted.exitCode()).as(converted.out()).isZero();
		}
		try (Stream<Path> files = Files.list(in)) {
			assertThat(files.count()).isEqualTo(5);
		}
	}

	@Test
	void findscuMovescuAndGetscuQueryAndRetrieve() throws Exception {
		Path archive = Files.createDirectories(dir.resolve("archive"));
		Attributes ds = TestData.ctImage(32, "Lambert^Zoé");
		ds.setString(Tag.StudyDate, VR.DA, "20240229");
		Part10Files.write(archive.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm"), ds,
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		Path moved = dir.resolve("moved");
		Path got = dir.resolve("got");
		var handler = new TestArchive(archive);
		try (var dest = new TestScp(AssociationSettings.defaults("DEST"),
				new StoreScp(new DirectoryStoreHandler(moved, false)))) {
			var settings = AssociationSettings.defaults("QR")
				.withKnownPeers(Map.of("DEST", new RemoteAe("DEST", "127.0.0.1", dest.port())), true);
			try (var scp = new TestScp(settings, new FindScp(handler), new MoveScp(handler, settings),
					new GetScp(handler))) {
				String port = Integer.toString(scp.port());
				Run find = run("findscu", "--call", "QR", "--port", port, "-k", "PatientName=lambert*", "-k",
						"StudyDate=20240101-20241231", "-k", "StudyInstanceUID");
				assertThat(find.exitCode()).as(find.out()).isZero();
				assertThat(find.out()).contains("PatientName = Lambert^Zoé").contains("1 matches");
				String study = "StudyInstanceUID=" + ds.getString(Tag.StudyInstanceUID);
				assertThat(run("movescu", "--call", "QR", "--port", port, "--dest", "DEST", "-k", study).exitCode())
					.isZero();
				Run get = run("getscu", "--call", "QR", "--port", port, "--dir", got.toString(), "-k", study);
				assertThat(get.exitCode()).as(get.out()).isZero();
				assertThat(get.out()).contains("1 completed");
			}
		}
		String file = ds.getString(Tag.SOPInstanceUID) + ".dcm";
		assertThat(Part10Files.read(moved.resolve(file))).isEqualTo(ds);
		assertThat(Part10Files.read(got.resolve(file))).isEqualTo(ds);
	}

	@Test
	void dumpPrintsElementsAndCanStopBeforePixelData() throws Exception {
		Attributes ds = TestData.ctImage(64, "Dumont^Céline");
		Path file = Part10Files.write(dir.resolve("d.dcm"), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		Run dump = run("dump", file.toString());
		assertThat(dump.exitCode()).isZero();
		assertThat(dump.out()).contains("(0010,0010) PN PatientName [Dumont^Céline]")
			.contains("(0028,0010) US Rows [64]")
			.contains("(7FE0,0010) OW PixelData (8192 bytes)")
			.contains("(0008,1140) SQ ReferencedImageSequence (1 items)");
		assertThat(run("dump", "--no-pixels", file.toString()).out()).doesNotContain("PixelData");
	}

	@Test
	void findscuQueriesTheWorklistWithASequenceKey() throws Exception {
		try (var scp = new TestScp(AssociationSettings.defaults("RIS"),
				new FindScp(org.continuum.dicom.testing.TestWorklist.HANDLER))) {
			Run find = run("findscu", "--call", "RIS", "--port", Integer.toString(scp.port()), "--model", "worklist",
					"-k", "PatientName", "-k", "ScheduledProcedureStepSequence[0].Modality=MR");
			assertThat(find.exitCode()).as(find.out()).isZero();
			assertThat(find.out()).contains("PatientName = Wouters^Bram")
				.contains("1 matches")
				.doesNotContain("Lemaire");
		}
	}

	@Test
	void storescpProcessReceivesFromDcmtkStorescuAndStopsOnSigterm() throws Exception {
		int port = Ports.free();
		Path in = dir.resolve("in");
		String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process scp = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
				Main.class.getName(), "storescp", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--dir",
				in.toString(), "--fsync", "--accept", "uncompressed"))
			.redirectErrorStream(true)
			.redirectOutput(new File(dir.toFile(), "scp.log"))
			.start();
		try {
			Ports.awaitListening(scp, port);
			Attributes ds = TestData.ctImage(64, "Goossens^Aline");
			Path file = Part10Files.write(dir.resolve("one.dcm"), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			var result = Dcmtk.run(dir, "storescu", "-aec", "CONTINUUM", "127.0.0.1", Integer.toString(port),
					file.toString());
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(Part10Files.read(in.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm"))).isEqualTo(ds);
		}
		finally {
			scp.destroy();
		}
		assertThat(scp.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
	}

}
