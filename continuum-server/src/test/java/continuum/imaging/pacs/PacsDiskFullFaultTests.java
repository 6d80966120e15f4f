package continuum.imaging.pacs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import continuum.platform.ServerProcess;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.StoreScu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The PACS store's disk fills up: a server in its own process whose DICOM store folder is
 * a small disk of its own (a tmpfs; mounting one needs root, and without it the test is
 * skipped and says why), the database elsewhere. An object larger than the free space,
 * sent by dcmtk's {@code storescu}, by the library's SCU and over STOW-RS, is refused
 * with A700 (Refused: Out of Resources, PS3.4 §B.2.3) or, over STOW-RS, a 409 whose
 * FailedSOPSequence names it with Failure Reason A700 — leaving no file, no temporary
 * file and no index row; the association stays usable, and the same object is stored once
 * space is freed, without a restart.
 */
class PacsDiskFullFaultTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int BIG = 3 * 1024 * 1024;

	private static final int SMALL = 16 * 1024;

	@TempDir
	Path temp;

	Path disk;

	boolean mounted;

	@BeforeEach
	void mountASmallDisk() throws Exception {
		disk = Files.createDirectories(temp.resolve("disk"));
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		boolean done = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
		assumeThat(done).as("mounting a tmpfs for the DICOM store needs root (%s)", output.trim()).isTrue();
		mounted = true;
	}

	@AfterEach
	void unmount() throws Exception {
		if (mounted) {
			new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void anObjectLargerThanTheFreeSpaceIsRefusedLeavingNothingAndStoredOnceSpaceIsFreed() throws Exception {
		Path data = temp.resolve("data");
		Path store = disk.resolve("dicom");
		int dicomPort = freePort();
		try (ServerProcess server = ServerProcess.start(data,
				Map.of("CONTINUUM_DEMO_PATIENTS", "20", "CONTINUUM_DICOM_PORT", String.valueOf(dicomPort),
						"CONTINUUM_DICOM_STORE_DIRECTORY", store.toString(), "CONTINUUM_DICOM_ACCEPT_UNKNOWN_CALLERS",
						"true"))) {
			String study = PacsFixtures.uid();
			String series = PacsFixtures.uid();
			Path ballast = disk.resolve("ballast");

			// dcmtk storescu (told not to halt at a failure): the large object refused,
			// the small one after it on the same association stored.
			Attributes big = object(study, series, BIG);
			Attributes small = object(study, series, SMALL);
			Path files = Files.createDirectories(temp.resolve("files"));
			Path bigFile = PacsFixtures.writeFile(files, big);
			Path smallFile = PacsFixtures.writeFile(files, small);
			fill(ballast, 1024 * 1024);
			String output = storescu(dicomPort, bigFile, smallFile);
			assertThat(output).contains("Refused: OutOfResources");
			assertNothingLeftOf(data, store, sop(big));
			assertThat(indexRows(data, sop(small))).as(output + server.log()).isOne();
			assertHeld(data, store, sop(small));

			// The library's SCU: refused, then on the same association stored once the
			// disk has room.
			try (Association as = new AssociationRequest("SCU", "CONTINUUM")
				.addContext(Uid.CT_IMAGE_STORAGE, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
				.connect("127.0.0.1", dicomPort, AssociationSettings.defaults("SCU"))) {
				assertThat(StoreScu.store(as, big)).isEqualTo(0xA700);
				assertNothingLeftOf(data, store, sop(big));
				Files.delete(ballast);
				assertThat(StoreScu.store(as, big)).isZero();
			}
			assertHeld(data, store, sop(big));

			// STOW-RS: 409 with the object in FailedSOPSequence, Failure Reason A700;
			// stored once the disk has room.
			Attributes stowed = object(study, series, BIG);
			String token = token(server);
			fill(ballast, 1024 * 1024);
			HttpResponse<String> refused = stow(server, token, stowed);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
			JsonNode failed = JSON.readTree(refused.body()).get("00081198").get("Value").get(0);
			assertThat(failed.get("00081155").get("Value").get(0).asString()).isEqualTo(sop(stowed));
			assertThat(failed.get("00081197").get("Value").get(0).asInt()).isEqualTo(0xA700);
			assertNothingLeftOf(data, store, sop(stowed));
			Files.delete(ballast);
			HttpResponse<String> stored = stow(server, token, stowed);
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
			assertHeld(data, store, sop(stowed));
		}
	}

	private static Attributes object(String study, String series, int pixelBytes) {
		return PacsFixtures.ct("NOMRN-DISK", "", study, series, PacsFixtures.uid(), pixelBytes);
	}

	private static String sop(Attributes object) {
		return object.getString(Tag.SOPInstanceUID);
	}

	/** Takes all but {@code leave} bytes of the disk's free space. */
	private void fill(Path ballast, long leave) throws Exception {
		long take = Files.getFileStore(disk).getUsableSpace() - leave;
		Process fallocate = new ProcessBuilder("fallocate", "-l", Long.toString(take), ballast.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(fallocate.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(fallocate.exitValue()).isZero();
		assertThat(Files.getFileStore(disk).getUsableSpace()).isLessThan(BIG);
	}

	private static void assertNothingLeftOf(Path data, Path store, String sop) throws Exception {
		assertThat(indexRows(data, sop)).as("index rows of " + sop).isZero();
		try (Stream<Path> all = Files.walk(store)) {
			List<Path> left = all.filter(Files::isRegularFile)
				.filter(file -> file.getFileName().toString().contains(sop)
						|| file.getFileName().toString().endsWith(".part"))
				.toList();
			assertThat(left).as("files or temporary files left").isEmpty();
		}
	}

	private static void assertHeld(Path data, Path store, String sop) throws Exception {
		assertThat(indexRows(data, sop)).isOne();
		try (Stream<Path> all = Files.walk(store)) {
			assertThat(all.filter(file -> file.getFileName().toString().equals(sop + ".dcm")).count()).isOne();
		}
	}

	private static int indexRows(Path data, String sop) throws Exception {
		try (Connection db = ServerProcess.connect(data);
				PreparedStatement query = db
					.prepareStatement("select count(*) from pacs_instance where sop_instance_uid = ?")) {
			query.setString(1, sop);
			try (ResultSet rs = query.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}

	private String storescu(int port, Path... files) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of("storescu", "-v", "--no-halt", "-aet", "DCMTK", "-aec",
				"CONTINUUM", "127.0.0.1", String.valueOf(port)));
		for (Path file : files) {
			command.add(file.toString());
		}
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("TCP_NODELAY", "1");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output;
	}

	private static String token(ServerProcess server) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=radiographer&password=test-password-1"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	private static HttpResponse<String> stow(ServerProcess server, String token, Attributes object) throws Exception {
		Path file = PacsFixtures.writeFile(Files.createTempDirectory("stow"), object);
		var body = new ByteArrayOutputStream();
		body.write("--PART\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		body.write(Files.readAllBytes(file));
		body.write("\r\n--PART--\r\n".getBytes(StandardCharsets.US_ASCII));
		Files.delete(file);
		Files.delete(file.getParent());
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/dicomweb/studies"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=PART")
				.header("Accept", "application/dicom+json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
