package continuum.notifications;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The e-mail channel against a real SMTP peer on loopback: the key is the Message-ID; a
 * recipient refused with 5xx is permanent, a 4xx refusal and an unreachable server are
 * retried; no error code carries the address.
 */
class EmailChannelTests {

	private static final String ADDRESS = "refused-patient@patients.test";

	private static EmailChannel channel(int port) {
		return channel(port, Map.of());
	}

	private static EmailChannel channel(int port, Map<String, Object> more) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> variables = new java.util.HashMap<>(Map.of("CONTINUUM_NOTIFICATIONS_SMTP_HOST", "127.0.0.1",
				"CONTINUUM_NOTIFICATIONS_SMTP_PORT", port, "CONTINUUM_NOTIFICATIONS_SMTP_TIMEOUT", "2s"));
		variables.putAll(more);
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables));
		ConfigurationPropertySources.attach(environment);
		return new EmailChannel(
				Binder.get(environment).bindOrCreate("continuum.notifications", NotificationsSettings.class));
	}

	private static OutboxMessage message() {
		return new OutboxMessage(1, UUID.randomUUID(), 1, DeliveryChannel.EMAIL, ADDRESS, "Uw afspraak",
				"Uw afspraak is bevestigd.", 1, Instant.now().plusSeconds(60));
	}

	private static DeliveryException failure(int port, OutboxMessage message) {
		return catchThrowableOfType(DeliveryException.class, () -> channel(port).send(message));
	}

	@Test
	void withCredentialsRefusesAServerThatOffersNoStarttlsBeforeSendingAnything() throws Exception {
		try (HangingSmtpServer server = new HangingSmtpServer()) {
			EmailChannel channel = channel(server.port(), Map.of("CONTINUUM_NOTIFICATIONS_SMTP_USERNAME", "continuum",
					"CONTINUUM_NOTIFICATIONS_SMTP_PASSWORD", "mail-secret"));
			DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(message()));
			assertThat(failure).isNotNull();
			assertThat(failure.getMessage()).doesNotContain("mail-secret");
			assertThat(server.messageIds()).isEmpty();
		}
	}

	@Test
	void submitsTheMessageWithItsKeyAsMessageId() throws Exception {
		try (HangingSmtpServer server = new HangingSmtpServer()) {
			OutboxMessage message = message();
			DeliveryException[] outcome = new DeliveryException[1];
			Thread sending = new Thread(() -> outcome[0] = failure(server.port(), message));
			sending.start();
			await().until(() -> !server.messageIds().isEmpty());
			assertThat(server.messageIds()).containsExactly("<" + message.idempotencyKey() + "@continuum.localhost>");
			// The server never confirms the data: the send times out, to be retried.
			sending.join(10_000);
			assertThat(outcome[0].code()).isEqualTo("smtp-unavailable");
			assertThat(outcome[0].permanent()).isFalse();
		}
	}

	@Test
	void aRecipientRefusedWith5xxIsPermanent() throws Exception {
		try (HangingSmtpServer server = new HangingSmtpServer("550 5.1.1 No such mailbox")) {
			DeliveryException failure = failure(server.port(), message());
			assertThat(failure.code()).isEqualTo("smtp-rejected");
			assertThat(failure.permanent()).isTrue();
			assertThat(failure.getMessage()).doesNotContain(ADDRESS);
			assertThat(server.messageIds()).isEmpty();
		}
	}

	@Test
	void aRecipientRefusedWith4xxIsRetried() throws Exception {
		try (HangingSmtpServer server = new HangingSmtpServer("451 4.3.0 Try again later")) {
			DeliveryException failure = failure(server.port(), message());
			assertThat(failure.code()).isEqualTo("smtp-unavailable");
			assertThat(failure.permanent()).isFalse();
			assertThat(server.messageIds()).isEmpty();
		}
	}

	@Test
	void anUnreachableServerIsRetried() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		DeliveryException failure = failure(closedPort, message());
		assertThat(failure.code()).isEqualTo("smtp-unavailable");
		assertThat(failure.permanent()).isFalse();
	}

}
