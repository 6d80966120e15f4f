package continuum.hl7;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.hl7.Hl7Messages.ackCode;
import static continuum.hl7.Hl7Messages.zzt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Enhanced acknowledgement mode (MSH-15/16): the accept acknowledgement once the message
 * is committed, then the application acknowledgement after processing, each only when its
 * type asks for it; and a message stored but never processed (a crash between the two)
 * processed exactly once from the store.
 */
@Hl7IntegrationTest
class AcknowledgementModesIntegrationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	MllpListener listener;

	@Autowired
	InboundStore store;

	@Autowired
	InboundReplay replay;

	@Autowired
	JdbcClient jdbc;

	static String id() {
		return "E" + UUID.randomUUID().toString().substring(0, 18);
	}

	MllpClient connect(Duration responseTimeout) throws IOException {
		return MllpClient.connect("127.0.0.1", listener.port(), TIMEOUT, responseTimeout);
	}

	long processedWithEffect(String controlId) {
		return jdbc.sql("select count(*) from audit_log where resource_type = 'Hl7Test' and resource_id = ?")
			.param(controlId)
			.query(Long.class)
			.single();
	}

	String state(String controlId) {
		return jdbc.sql("select state from hl7_message where control_id = ?")
			.param(controlId)
			.query(String.class)
			.single();
	}

	@Test
	void sendsTheAcceptAcknowledgementThenTheApplicationAcknowledgement() throws Exception {
		String id = id();
		try (MllpClient client = connect(TIMEOUT)) {
			String accept = client.send(zzt(id, "OK", "AL", "AL"));
			assertThat(ackCode(accept)).isEqualTo("CA");
			assertThat(AckReading.of(accept).controlId()).isEqualTo(id);
			String application = client.receive();
			assertThat(ackCode(application)).isEqualTo("AA");
			assertThat(AckReading.of(application).controlId()).isEqualTo(id);
		}
		assertThat(state(id)).isEqualTo("processed");
		assertThat(processedWithEffect(id)).isOne();
	}

	@Test
	void answersOnlyWhatTheAcknowledgementTypesAskFor() throws Exception {
		String quiet = id();
		String refused = id();
		String next = id();
		try (MllpClient client = connect(Duration.ofMillis(700))) {
			// NE / ER on success: no accept acknowledgement, no application
			// acknowledgement.
			client.write(zzt(quiet, "OK", "NE", "ER"));
			assertThatThrownBy(client::receive).isInstanceOf(SocketTimeoutException.class);
			// NE / ER on an error: only the application acknowledgement, AE.
			client.write(zzt(refused, "REFUSE", "NE", "ER"));
			String application = client.receive();
			assertThat(ackCode(application)).isEqualTo("AE");
			assertThat(AckReading.of(application).controlId()).isEqualTo(refused);
			// AL / NE: the accept acknowledgement only.
			assertThat(ackCode(client.send(zzt(next, "OK", "AL", "NE")))).isEqualTo("CA");
			assertThatThrownBy(client::receive).isInstanceOf(SocketTimeoutException.class);
		}
		assertThat(state(quiet)).isEqualTo("processed");
		assertThat(state(refused)).isEqualTo("quarantined");
		assertThat(state(next)).isEqualTo("processed");
	}

	@Test
	void aDuplicateInEnhancedModeGetsTheAcceptAndTheStoredApplicationAcknowledgement() throws Exception {
		String id = id();
		String firstApplication;
		try (MllpClient client = connect(TIMEOUT)) {
			client.send(zzt(id, "OK", "AL", "AL"));
			firstApplication = client.receive();
		}
		try (MllpClient client = connect(TIMEOUT)) {
			assertThat(ackCode(client.send(zzt(id, "OK", "AL", "AL")))).isEqualTo("CA");
			assertThat(client.receive()).isEqualTo(firstApplication);
		}
		assertThat(processedWithEffect(id)).isOne();
	}

	@Test
	void aMessageStoredButNotProcessedIsProcessedFromTheStoreExactlyOnce() throws Exception {
		// As if the server died after committing the message and its accept
		// acknowledgement, before processing it.
		String id = id();
		String text = InboundReceiver.segments(zzt(id, "OK", "AL", "AL"));
		MshHeader msh = MshHeader.read(text).orElseThrow();
		Instant received = Instant.now().minusSeconds(120);
		store.insert(new InboundStore.NewMessage(MllpListener.LINK, "127.0.0.1:9", msh,
				text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "UTF-8", null, received));
		assertThat(state(id)).isEqualTo("received");

		assertThat(replay.replayReceivedBefore(Instant.now())).isPositive();
		assertThat(replay.replayReceivedBefore(Instant.now())).isZero();

		assertThat(state(id)).isEqualTo("processed");
		assertThat(processedWithEffect(id)).isOne();
		// The sender, never having had its application acknowledgement, sends again.
		try (MllpClient client = connect(TIMEOUT)) {
			assertThat(ackCode(client.send(zzt(id, "OK", "AL", "AL")))).isEqualTo("CA");
			assertThat(ackCode(client.receive())).isEqualTo("AA");
		}
		assertThat(processedWithEffect(id)).isOne();
	}

	@Test
	void aMessageReceivedJustNowIsLeftToItsConnection() {
		String id = id();
		String text = InboundReceiver.segments(zzt(id, "OK", "AL", "AL"));
		store.insert(new InboundStore.NewMessage(MllpListener.LINK, null, MshHeader.read(text).orElseThrow(),
				text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "UTF-8", null, Instant.now()));
		replay.replayReceivedBefore(Instant.now().minusSeconds(30));
		assertThat(state(id)).isEqualTo("received");
		replay.replayReceivedBefore(Instant.now().plusSeconds(1));
		assertThat(state(id)).isEqualTo("processed");
	}

}
