package continuum.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import continuum.ContinuumIntegrationTest;
import continuum.platform.JobLeases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The IHE ATNA export against a real audit repository: Debian's rsyslog, started by the
 * test on a free loopback port with its TLS listener (RFC 5425, gtls driver), asking for
 * the client's certificate, writing what it receives to a file. Every linked row arrives
 * once, in chain order, as a DICOM audit message; while the repository is down rows wait,
 * and arrive in order once it is back. The exporter under test is the production class
 * over the shared context's database, with settings of its own (the shared context has no
 * repository configured).
 */
@ContinuumIntegrationTest
class AtnaExportIntegrationTests {

	private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

	private static final Pattern LINE = Pattern
		.compile("<85>1 (\\S+) (\\S+) continuum - (\\S+) \\[continuum@32473 position=\"(\\d+)\"\\] \uFEFF?(.*)");

	@Autowired
	AuditService audit;

	@Autowired
	AuditChainRepository chain;

	@Autowired
	AuditExportRepository exports;

	@Autowired
	AuditCheckpoints checkpoints;

	@Autowired
	ObjectProvider<AuditPatientIdentifiers> identifiers;

	@Autowired
	JobLeases leases;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path folder;

	int port;

	Process rsyslog;

	AtnaExporter exporter;

	@BeforeEach
	void startTheRepository() throws Exception {
		assumeTrue(
				Files.isExecutable(RSYSLOGD)
						&& Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so")),
				"rsyslog with its TLS driver is not installed (apt-get install rsyslog rsyslog-gnutls)");
		certificates();
		try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		Files.writeString(folder.resolve("rsyslog.conf"), """
				global(workDirectory="%1$s" maxMessageSize="64k"
				  DefaultNetstreamDriver="gtls"
				  DefaultNetstreamDriverCAFile="%1$s/ca.pem"
				  DefaultNetstreamDriverCertFile="%1$s/server.pem"
				  DefaultNetstreamDriverKeyFile="%1$s/server.key")
				module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1"
				  StreamDriver.AuthMode="x509/certvalid")
				template(name="raw" type="string" string="%%rawmsg%%\\n")
				ruleset(name="atna") { action(type="omfile" file="%1$s/received.log" template="raw") }
				input(type="imtcp" address="127.0.0.1" port="%2$d" ruleset="atna")
				""".formatted(folder, port));
		startRsyslog();
		AuditSettings settings = new AuditSettings(new AuditSettings.Key(null), Duration.ofMillis(1),
				new AuditSettings.Syslog("127.0.0.1", port, folder.resolve("ca.pem").toString(),
						folder.resolve("client.pem").toString(), folder.resolve("client.key").toString(), "TEST-SITE",
						null, Duration.ofSeconds(5), Duration.ofSeconds(5)));
		exporter = new AtnaExporter(settings, chain, exports, checkpoints, identifiers, leases, Clock.systemUTC(), "");
		// A new destination starts at the chain's head: the rows before belong to other
		// tests.
		audit.verify();
		exports.sent(exporter.destination(), chain.head().orElseThrow().position(), java.time.Instant.now());
	}

	@AfterEach
	void stopTheRepository() throws Exception {
		if (exporter != null) {
			exporter.stop();
		}
		if (rsyslog != null) {
			rsyslog.destroy();
			rsyslog.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void sendsEveryRowInChainOrderAsADicomAuditMessage() throws Exception {
		long from = exports.sentUpTo(exporter.destination());
		PatientRow patient = jdbc.sql("select id, mrn, family_name from patient order by id limit 1")
			.query((rs, n) -> new PatientRow(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3)))
			.single();
		record(AuditEntry.success(AuditAction.READ, "Patient", patient.id(), patient.id()));
		record(new AuditEntry(AuditAction.SEARCH, "Patient", null, null, AuditOutcome.SUCCESS, "3 results"));
		record(AuditEntry.denied(AuditAction.READ, "AuditEvent", null, null, "not an auditor"));
		record(AuditEntry.success(AuditAction.EXPORT, "Observation", "77", patient.id()));
		audit.verify();
		long head = chain.head().orElseThrow().position();

		assertThat(exporter.sendDue()).isEqualTo((int) (head - from));
		List<Received> received = awaitReceived(head);
		assertThat(received.stream().filter(r -> r.msgId().equals(AtnaExporter.MSGID)).map(Received::position))
			.containsExactlyElementsOf(positions(from + 1, head));
		assertThat(Files.readString(folder.resolve("received.log"))).as("no patient name leaves the building")
			.doesNotContain(patient.familyName());

		Document read = xml(messageAbout(received, "R", "110110"));
		Element event = only(read, "EventIdentification");
		assertThat(event.getAttribute("EventActionCode")).isEqualTo("R");
		assertThat(event.getAttribute("EventOutcomeIndicator")).isEqualTo("0");
		assertThat(event.getAttribute("EventDateTime")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(only(read, "EventID").getAttribute("codeSystemName")).isEqualTo("DCM");
		assertThat(only(read, "EventID").getAttribute("originalText")).isEqualTo("Patient Record");
		assertThat(read.getElementsByTagName("ActiveParticipant").getLength()).isEqualTo(2);
		Element user = (Element) read.getElementsByTagName("ActiveParticipant").item(0);
		assertThat(user.getAttribute("UserID")).isEqualTo("system");
		assertThat(user.getAttribute("UserIsRequestor")).isEqualTo("true");
		assertThat(only(read, "AuditSourceIdentification").getAttribute("AuditEnterpriseSiteID"))
			.isEqualTo("TEST-SITE");
		assertThat(only(read, "AuditSourceIdentification").getAttribute("AuditSourceID")).startsWith("continuum@");
		Element patientObject = only(read, "ParticipantObjectIdentification");
		assertThat(patientObject.getAttribute("ParticipantObjectID")).isEqualTo(patient.mrn());
		assertThat(patientObject.getAttribute("ParticipantObjectTypeCode")).isEqualTo("1");
		assertThat(patientObject.getAttribute("ParticipantObjectTypeCodeRole")).isEqualTo("1");
		assertThat(only(read, "ParticipantObjectIDTypeCode").getAttribute("csd-code")).isEqualTo("2");

		Document search = xml(messageAbout(received, "E", "110112"));
		assertThat(only(search, "ParticipantObjectIdentification").getAttribute("ParticipantObjectID"))
			.isEqualTo("Patient");
		Document refused = xml(messageAbout(received, "R", "110101"));
		assertThat(only(refused, "EventIdentification").getAttribute("EventOutcomeIndicator")).isEqualTo("4");
		Document export = xml(messageAbout(received, "R", "110106"));
		assertThat(export.getElementsByTagName("ParticipantObjectIdentification").getLength()).isEqualTo(2);

		// The round ended with a checkpoint of the last position sent, which verification
		// takes as a copy kept off the machine.
		Received last = received.get(received.size() - 1);
		assertThat(last.msgId()).isEqualTo(AtnaExporter.CHECKPOINT_MSGID);
		AuditCheckpoint checkpoint = JsonMapper.shared().readValue(last.message(), AuditCheckpoint.class);
		assertThat(checkpoint.position()).isEqualTo(head);
		AuditVerification verified = audit.verify(List.of(checkpoint));
		assertThat(verified.intact()).isTrue();
		assertThat(verified.checkpointPosition()).isEqualTo(head);
	}

	@Test
	void rowsWaitWhileTheRepositoryIsDownAndArriveInOrderOnceItIsBack() throws Exception {
		long from = exports.sentUpTo(exporter.destination());
		record(AuditEntry.success(AuditAction.READ, "Patient", "1", "1"));
		audit.verify();
		long first = chain.head().orElseThrow().position();
		assertThat(exporter.sendDue()).isEqualTo((int) (first - from));
		awaitReceived(first);

		rsyslog.destroy();
		assertThat(rsyslog.waitFor(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 5; i++) {
			record(AuditEntry.success(AuditAction.READ, "Patient", Integer.toString(10 + i), Integer.toString(10 + i)));
		}
		audit.verify();
		assertThat(exporter.sendDue()).as("nothing can be sent while the repository is down").isZero();
		assertThat(exports.sentUpTo(exporter.destination())).isEqualTo(first);
		for (int i = 0; i < 3; i++) {
			record(AuditEntry.success(AuditAction.READ, "Patient", Integer.toString(20 + i), Integer.toString(20 + i)));
		}
		audit.verify();
		long head = chain.head().orElseThrow().position();

		startRsyslog();
		assertThat(exporter.sendDue()).isEqualTo((int) (head - first));
		assertThat(exports.sentUpTo(exporter.destination())).isEqualTo(head);
		List<Received> received = awaitReceived(head);
		assertThat(received.stream().filter(r -> r.msgId().equals(AtnaExporter.MSGID)).map(Received::position))
			.as("every position once, in chain order")
			.containsExactlyElementsOf(positions(from + 1, head));
	}

	private void record(AuditEntry entry) {
		transactions.executeWithoutResult(s -> audit.record(entry));
	}

	private static List<Long> positions(long from, long to) {
		List<Long> positions = new ArrayList<>();
		for (long p = from; p <= to; p++) {
			positions.add(p);
		}
		return positions;
	}

	/**
	 * The messages received so far, once the one about {@code position} is among them.
	 */
	private List<Received> awaitReceived(long position) throws Exception {
		Path file = folder.resolve("received.log");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (true) {
			List<Received> received = new ArrayList<>();
			if (Files.exists(file)) {
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					Matcher m = LINE.matcher(line);
					assertThat(m.matches()).as("an RFC 5424 message: %s", line).isTrue();
					received.add(new Received(m.group(3), Long.parseLong(m.group(4)), m.group(5)));
				}
			}
			if (received.stream().anyMatch(r -> r.position() == position && r.msgId().equals(AtnaExporter.MSGID))
					|| System.nanoTime() > deadline) {
				return received;
			}
			Thread.sleep(100);
		}
	}

	private static String messageAbout(List<Received> received, String action, String eventId) {
		return received.stream()
			.filter(r -> r.msgId().equals(AtnaExporter.MSGID))
			.map(Received::message)
			.filter(m -> m.contains("EventActionCode=\"" + action + "\"") && m.contains("csd-code=\"" + eventId + "\""))
			.reduce((a, b) -> b)
			.orElseThrow(() -> new AssertionError("no message with action " + action + " and event " + eventId));
	}

	private static Document xml(String message) throws Exception {
		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
		assertThat(document.getDocumentElement().getTagName()).isEqualTo("AuditMessage");
		return document;
	}

	private static Element only(Document document, String name) {
		assertThat(document.getElementsByTagName(name).getLength()).as(name).isGreaterThanOrEqualTo(1);
		return (Element) document.getElementsByTagName(name).item(0);
	}

	private void startRsyslog() throws Exception {
		rsyslog = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", folder.resolve("rsyslog.conf").toString(), "-i",
				folder.resolve("rsyslog.pid").toString())
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("rsyslog.out").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try (Socket probe = new Socket()) {
				probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				assertThat(rsyslog.isAlive()).as("rsyslogd is running: %s", log()).isTrue();
				assertThat(System.nanoTime()).as("rsyslogd listens within 30 s").isLessThan(deadline);
				Thread.sleep(100);
			}
		}
	}

	private String log() {
		try {
			return Files.readString(folder.resolve("rsyslog.out"));
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * A CA, the repository's certificate (for 127.0.0.1) and the client's, by openssl.
	 */
	private void certificates() throws Exception {
		openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
				"-out", "ca.pem", "-days", "2", "-subj", "/CN=Test audit CA");
		Files.writeString(folder.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
		Files.writeString(folder.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
		for (String name : new String[] { "server", "client" }) {
			openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
					"-out", name + ".csr", "-subj", "/CN=" + name);
			openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
					"-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
		}
	}

	private void openssl(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("openssl.out").toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("openssl %s: %s", command, Files.readString(folder.resolve("openssl.out")))
			.isZero();
	}

	private record PatientRow(String id, String mrn, String familyName) {
	}

	private record Received(String msgId, long position, String message) {
	}

}
