package continuum.hl7;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.hl7.Hl7Messages.ackCode;
import static continuum.hl7.Hl7Messages.zzt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MLLP over TLS: the listener's second port, with a key store generated for the test and
 * client certificates required; a client without one is refused at the handshake and the
 * listener goes on serving.
 */
@Hl7IntegrationTest
class MllpTlsIntegrationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	MllpListener listener;

	@Autowired
	JdbcClient jdbc;

	@Test
	void acknowledgesOverTlsWithAClientCertificate() throws Exception {
		SSLContext tls = MllpClient.tls(Hl7TestContext.keyStore, Hl7TestContext.PASSWORD, Hl7TestContext.keyStore,
				Hl7TestContext.PASSWORD, "PKCS12");
		assertThat(listener.tlsPort()).isPositive().isNotEqualTo(listener.port());
		try (MllpClient client = MllpClient.connect("127.0.0.1", listener.tlsPort(), TIMEOUT, TIMEOUT, tls)) {
			assertThat(ackCode(client.send(zzt("TLS-1", "OK")))).isEqualTo("AA");
			assertThat(ackCode(client.send(zzt("TLS-2", "OK")))).isEqualTo("AA");
		}
		assertThat(jdbc.sql("select link from hl7_message where control_id = 'TLS-2'").query(String.class).single())
			.isEqualTo(MllpListener.TLS_LINK);
	}

	@Test
	void refusesAClientWithoutCertificateAndGoesOnServing() throws Exception {
		SSLContext noCertificate = MllpClient.tls(Hl7TestContext.keyStore, Hl7TestContext.PASSWORD, null, "", "PKCS12");
		assertThatThrownBy(() -> {
			try (MllpClient client = MllpClient.connect("127.0.0.1", listener.tlsPort(), TIMEOUT, TIMEOUT,
					noCertificate)) {
				client.send(zzt("TLS-NOCERT", "OK"));
			}
		}).isInstanceOf(java.io.IOException.class);
		assertThat(
				jdbc.sql("select count(*) from hl7_message where control_id = 'TLS-NOCERT'").query(Long.class).single())
			.isZero();
		SSLContext tls = MllpClient.tls(Hl7TestContext.keyStore, Hl7TestContext.PASSWORD, Hl7TestContext.keyStore,
				Hl7TestContext.PASSWORD, "PKCS12");
		try (MllpClient client = MllpClient.connect("127.0.0.1", listener.tlsPort(), TIMEOUT, TIMEOUT, tls)) {
			assertThat(ackCode(client.send(zzt("TLS-3", "OK")))).isEqualTo("AA");
		}
	}

	@Test
	void aPlainClientOnTheTlsPortGetsNoAnswer() throws Exception {
		try (MllpClient client = MllpClient.connect("127.0.0.1", listener.tlsPort(), TIMEOUT, TIMEOUT)) {
			assertThatThrownBy(() -> client.send(zzt("TLS-PLAIN", "OK"))).isInstanceOf(java.io.IOException.class);
		}
	}

}
