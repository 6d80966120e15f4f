package continuum.hl7;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.hl7.Hl7Messages.ackCode;
import static continuum.hl7.Hl7Messages.err;
import static continuum.hl7.Hl7Messages.zzt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The MLLP listener over real sockets against the real database: several messages per
 * connection, many connections at once, duplicates answered again without processing, and
 * every kind of bad input answered (or the connection closed) and stored, the listener
 * answering the next connection each time.
 */
@Hl7IntegrationTest
class MllpTransportIntegrationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	MllpListener listener;

	@Autowired
	JdbcClient jdbc;

	MllpClient connect() throws IOException {
		return MllpClient.connect("127.0.0.1", listener.port(), TIMEOUT, TIMEOUT);
	}

	static String id() {
		return "T" + UUID.randomUUID().toString().substring(0, 18);
	}

	long processedWithEffect(String controlId) {
		return jdbc.sql("select count(*) from audit_log where resource_type = 'Hl7Test' and resource_id = ?")
			.param(controlId)
			.query(Long.class)
			.single();
	}

	Map<String, Object> row(String controlId) {
		return jdbc.sql("select * from hl7_message where control_id = ? order by id desc limit 1")
			.param(controlId)
			.query()
			.singleRow();
	}

	@Test
	void acknowledgesSeveralMessagesOnOneConnectionEachAfterItIsStoredAndProcessed() throws Exception {
		List<String> ids = List.of(id(), id(), id());
		try (MllpClient client = connect()) {
			for (String id : ids) {
				String ack = client.send(zzt(id, "OK"));
				assertThat(ackCode(ack)).isEqualTo("AA");
				assertThat(AckReading.of(ack).controlId()).isEqualTo(id);
				assertThat(ack).startsWith("MSH|^~\\&|CONTINUUM|HOSP|ANALYZER|LAB|").contains("|ACK^Z01^ACK|");
				// The ACK went out after the commit: the row and the handler's work are
				// there.
				assertThat(row(id)).containsEntry("state", "processed").containsEntry("ack_code", "AA");
				assertThat(processedWithEffect(id)).isOne();
			}
		}
		assertThat(row(ids.get(0))).containsEntry("patient_identifier", "MRN" + ids.get(0) + "~N" + ids.get(0))
			.containsEntry("link", MllpListener.LINK)
			.containsEntry("sending_application", "ANALYZER");
	}

	@Test
	void servesManyConnectionsAtOnce() throws Exception {
		int connections = 16;
		int perConnection = 10;
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		try {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int c = 0; c < connections; c++) {
				results.add(pool.submit(() -> {
					List<String> codes = new ArrayList<>();
					try (MllpClient client = connect()) {
						for (int i = 0; i < perConnection; i++) {
							codes.add(ackCode(client.send(zzt(id(), "OK"))));
						}
					}
					return codes;
				}));
			}
			for (Future<List<String>> result : results) {
				assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(perConnection).containsOnly("AA");
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aDuplicateGetsTheSameAcknowledgementAndIsProcessedOnce() throws Exception {
		String ok = id();
		String refused = id();
		String first;
		String firstRefusal;
		try (MllpClient client = connect()) {
			first = client.send(zzt(ok, "OK"));
			firstRefusal = client.send(zzt(refused, "REFUSE"));
		}
		// As a sender does after a lost ACK: the same message again, on a new connection.
		try (MllpClient client = connect()) {
			assertThat(client.send(zzt(ok, "OK"))).isEqualTo(first);
			assertThat(client.send(zzt(refused, "REFUSE"))).isEqualTo(firstRefusal);
		}
		assertThat(processedWithEffect(ok)).isOne();
		assertThat(processedWithEffect(refused)).isZero();
		assertThat(jdbc.sql("select count(*) from hl7_message where control_id in (?, ?)")
			.params(ok, refused)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void anApplicationErrorIsAnsweredAeWithErrAndQuarantinedWithoutTheHandlersWork() throws Exception {
		String id = id();
		String ack;
		try (MllpClient client = connect()) {
			ack = client.send(zzt(id, "REFUSE"));
		}
		assertThat(ackCode(ack)).isEqualTo("AE");
		assertThat(err(ack)).isEqualTo("ERR||ZZT^1^1|204^Unknown key identifier^HL70357|E||||Specimen 42 is not known");
		assertThat(ack).contains("MSA|AE|" + id + "|Specimen 42 is not known");
		assertThat(row(id)).containsEntry("state", "quarantined")
			.containsEntry("error_code", 204)
			.containsEntry("error_location", "ZZT^1^1");
		assertThat(processedWithEffect(id)).isZero();
	}

	@Test
	void aRejectIsAnsweredArAndAHandlerBugIsAnInternalError() throws Exception {
		String reject = id();
		String crash = id();
		try (MllpClient client = connect()) {
			assertThat(ackCode(client.send(zzt(reject, "REJECT")))).isEqualTo("AR");
			String ack = client.send(zzt(crash, "CRASH"));
			assertThat(ackCode(ack)).isEqualTo("AE");
			assertThat(err(ack)).contains("|207^Application internal error^HL70357|E|").doesNotContain("bug");
		}
		assertThat(row(reject)).containsEntry("state", "quarantined").containsEntry("patient_id", "none");
		assertThat(row(crash)).containsEntry("state", "quarantined").containsEntry("error_code", 207);
	}

	@Test
	void aDatabaseFailureClaimsNothingStoredAndTheSendersRetryIsProcessed() throws Exception {
		String id = id();
		try (MllpClient client = connect()) {
			String ack = client.send(zzt(id, "DBDOWN"));
			assertThat(ackCode(ack)).isEqualTo("AR");
			assertThat(err(ack)).contains(
					"|207^Application internal error^HL70357|E||||The message could not be " + "stored; send it again");
		}
		assertThat(
				jdbc.sql("select count(*) from hl7_message where control_id = ?").param(id).query(Long.class).single())
			.isZero();
		try (MllpClient client = connect()) {
			assertThat(ackCode(client.send(zzt(id, "OK")))).isEqualTo("AA");
		}
		assertThat(processedWithEffect(id)).isOne();
	}

	@Test
	void aHandlersOwnResponseIsSentAndStored() throws Exception {
		String id = id();
		String response;
		try (MllpClient client = connect()) {
			response = client.send(zzt(id, "RESPOND"));
		}
		assertThat(response).contains("MSA|AA|" + id + "|answered by the handler");
		assertThat(row(id)).containsEntry("state", "processed")
			.containsEntry("ack_code", "AA")
			.containsEntry("response", response);
	}

	@Test
	void anUnknownMessageTypeIsRejectedWith200AndKeptInQuarantine() throws Exception {
		String id = id();
		String oru = id();
		try (MllpClient client = connect()) {
			String ack = client
				.send("MSH|^~\\&|ANALYZER|LAB|CONTINUUM|HOSP|20261206||ADT^A01|" + id + "|P|2.5.1\rPID|1||123\r");
			assertThat(ackCode(ack)).isEqualTo("AR");
			assertThat(err(ack)).contains("|MSH^1^9^1^1|200^Unsupported message type^HL70357|");
			String event = client
				.send("MSH|^~\\&|ANALYZER|LAB|CONTINUUM|HOSP|20261206||ZZT^Z02|" + oru + "|P|2.5.1\rZZT|OK\r");
			assertThat(err(event)).contains("|MSH^1^9^1^2|201^Unsupported event code^HL70357|");
		}
		assertThat(row(id)).containsEntry("state", "quarantined").containsEntry("message_type", "ADT^A01");
	}

	@Test
	void unreadableMessagesAreStoredRawAndAnsweredArOnTheSameConnection() throws Exception {
		String wrongEncoding = id();
		String badVersion = id();
		try (MllpClient client = connect()) {
			String garbage = client.send("this is not HL7 at all \u0001\u0002");
			assertThat(ackCode(garbage)).isEqualTo("AR");
			assertThat(err(garbage)).contains("|MSH^1|100^Segment sequence error^HL70357|");

			String encoding = client
				.send("MSH|^^\\&|ANALYZER|LAB|CONTINUUM|HOSP|20261206||ZZT^Z01|" + wrongEncoding + "|P|2.5.1\r");
			assertThat(ackCode(encoding)).isEqualTo("AR");
			assertThat(err(encoding)).contains("|MSH^1^2|102^Data type error^HL70357|");
			assertThat(AckReading.of(encoding).controlId()).isEqualTo(wrongEncoding);

			String version = client
				.send("MSH|^~\\&|ANALYZER|LAB|CONTINUUM|HOSP|20261206||ZZT^Z01|" + badVersion + "|P|9.9\rZZT|OK\r");
			assertThat(err(version)).contains("|MSH^1^12|203^Unsupported version id^HL70357|");

			// Still in step: the next good message on the same connection is processed.
			assertThat(ackCode(client.send(zzt(id(), "OK")))).isEqualTo("AA");
		}
		assertThat(row(wrongEncoding)).containsEntry("state", "rejected").containsEntry("error_code", 102);
		assertThat(jdbc.sql("select count(*) from hl7_message where state = 'rejected' and raw = ?")
			.param("this is not HL7 at all \u0001\u0002".getBytes(StandardCharsets.UTF_8))
			.query(Long.class)
			.single()).isPositive();
		// A rejected message's control id may be used again once the message is
		// corrected.
		try (MllpClient client = connect()) {
			assertThat(ackCode(client.send(zzt(wrongEncoding, "OK")))).isEqualTo("AA");
		}
	}

	@Test
	void anOverSizeFrameIsAnsweredArStoredInPartAndTheConnectionStaysInStep() throws Exception {
		String id = id();
		String big = "MSH|^~\\&|ANALYZER|LAB|CONTINUUM|HOSP|20261206||ZZT^Z01|" + id + "|P|2.5.1\rZZT|OK|"
				+ "x".repeat(100 * 1024) + "\r";
		try (MllpClient client = connect()) {
			String ack = client.send(big);
			assertThat(ackCode(ack)).isEqualTo("AR");
			assertThat(AckReading.of(ack).controlId()).isEqualTo(id);
			assertThat(err(ack)).contains("207^Application internal error^HL70357").contains("65536 bytes");
			assertThat(ackCode(client.send(zzt(id(), "OK")))).isEqualTo("AA");
		}
		assertThat(row(id)).containsEntry("state", "rejected");
		assertThat((byte[]) row(id).get("raw")).hasSize(64 * 1024);
	}

	@Test
	void aFrameCutByANewStartBlockIsAnsweredArAndTheNextFrameProcessed() throws Exception {
		String cut = id();
		String next = id();
		try (MllpClient client = connect()) {
			client.writeRaw(("\u000bMSH|^~\\&|ANALYZER|LAB|CONTINUUM|HOSP|20261206||ZZT^Z01|" + cut + "|P|2.5.1\rZZT|")
				.getBytes(StandardCharsets.US_ASCII));
			client.write(zzt(next, "OK"));
			String first = client.receive();
			assertThat(ackCode(first)).isEqualTo("AR");
			assertThat(AckReading.of(first).controlId()).isEqualTo(cut);
			assertThat(err(first)).contains("100^Segment sequence error");
			assertThat(ackCode(client.receive())).isEqualTo("AA");
		}
		assertThat(row(cut)).containsEntry("state", "rejected");
		assertThat(row(next)).containsEntry("state", "processed");
	}

	@Test
	void aConnectionDroppedMidMessageLeavesTheMessageStoredAsRejectedAndTheListenerServing() throws Exception {
		String id = id();
		try (Socket socket = new Socket("127.0.0.1", listener.port())) {
			socket.getOutputStream()
				.write(("\u000bMSH|^~\\&|ANALYZER|LAB|CONTINUUM|HOSP|20261206||ZZT^Z01|" + id + "|P|2.5.1\rZZT|OK")
					.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
		}
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(row(id)).containsEntry("state", "rejected"));
		assertThat(processedWithEffect(id)).isZero();
		try (MllpClient client = connect()) {
			assertThat(ackCode(client.send(zzt(id, "OK")))).isEqualTo("AA");
		}
		assertThat(processedWithEffect(id)).isOne();
	}

	@Test
	void bytesOutsideAFrameAreSkipped() throws Exception {
		try (MllpClient client = connect()) {
			client.writeRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(ackCode(client.send(zzt(id(), "OK")))).isEqualTo("AA");
		}
	}

	@Test
	void aConnectionBeyondMaxConnectionsIsClosedAndOneIsServedAgainOnceASlotIsFree() throws Exception {
		List<MllpClient> open = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				MllpClient client = connect();
				open.add(client);
				assertThat(ackCode(client.send(zzt(id(), "OK")))).isEqualTo("AA");
			}
			try (MllpClient refused = connect()) {
				assertThatThrownBy(() -> refused.send(zzt(id(), "OK"))).isInstanceOf(IOException.class);
			}
		}
		finally {
			for (MllpClient client : open) {
				client.close();
			}
		}
		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
			try (MllpClient client = connect()) {
				assertThat(ackCode(client.send(zzt(id(), "OK")))).isEqualTo("AA");
			}
		});
	}

	@Test
	void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
		try (MllpClient client = MllpClient.connect("127.0.0.1", listener.port(), TIMEOUT, Duration.ofSeconds(15))) {
			assertThat(ackCode(client.send(zzt(id(), "OK")))).isEqualTo("AA");
			long start = System.nanoTime();
			// Nothing sent: the listener closes the connection after its idle timeout (3
			// s here).
			assertThatThrownBy(client::receive).isInstanceOf(java.io.EOFException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2500),
					Duration.ofSeconds(10));
		}
	}

}
