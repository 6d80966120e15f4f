package continuum.fhir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses that fit the buffer go out with a Content-Length, larger ones stream chunked
 * and complete; every response carries its own request id. Checked on the wire, with a
 * plain socket, since HTTP client libraries hide the framing.
 */
@ContinuumIntegrationTest
class ResponseFramingIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReadHasAContentLengthThatMatchesItsBody() throws IOException {
		long id = jdbc.sql("select min(id) from patient where merged_into is null").query(Long.class).single();
		Wire response = get("/fhir/Patient/" + id);
		assertThat(response.status()).startsWith("HTTP/1.1 200");
		assertThat(response.header("transfer-encoding")).isNull();
		assertThat(response.header("content-length")).isEqualTo(Integer.toString(response.body().length));
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("{\"resourceType\":\"Patient\"")
			.endsWith("}");
	}

	@Test
	void aLargeBundleStreamsChunkedToTheEnd() throws IOException {
		Wire response = get("/fhir/Patient?_count=200");
		assertThat(response.status()).startsWith("HTTP/1.1 200");
		assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).endsWith("}\r\n0\r\n\r\n");
	}

	@Test
	void errorsAndRequestIdsAreFramedToo() throws IOException {
		Wire first = get("/fhir/Patient/999999999");
		Wire second = get("/fhir/Patient/999999998");
		assertThat(first.status()).startsWith("HTTP/1.1 404");
		assertThat(first.header("content-length")).isEqualTo(Integer.toString(first.body().length));
		assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("OperationOutcome");
		assertThat(first.header("x-request-id")).isNotBlank().isNotEqualTo(second.header("x-request-id"));
	}

	@Test
	void aTokenSearchWithTheBarUnencodedIsAnsweredAsWithItEncoded() throws IOException {
		Wire raw = get("/fhir/Patient?identifier=urn:continuum:mrn|10000008");
		Wire encoded = get("/fhir/Patient?identifier=urn:continuum:mrn%7C10000008");
		assertThat(raw.status()).startsWith("HTTP/1.1 200");
		String body = new String(raw.body(), StandardCharsets.UTF_8);
		assertThat(body).contains("\"resourceType\":\"Bundle\"");
		assertThat(comparable(body)).isEqualTo(comparable(new String(encoded.body(), StandardCharsets.UTF_8)));
	}

	/**
	 * A bundle without what differs between two answers: ids, times, how the self link
	 * spells the bar.
	 */
	private static String comparable(String bundle) {
		return bundle.replaceAll("\"(id|lastUpdated)\":\"[^\"]*\"", "").replace("%7C", "|");
	}

	@Test
	void aMalformedPercentEscapeInTheQueryIsABadRequest() throws IOException {
		for (String query : new String[] { "name=%zz", "name=abc%", "name=%4", "family=a&given=%G1" }) {
			Wire answer = get("/fhir/Patient?" + query);
			assertThat(answer.status()).as(query).startsWith("HTTP/1.1 400");
			assertThat(new String(answer.body(), StandardCharsets.UTF_8)).as(query)
				.contains("OperationOutcome", "malformed percent-escape");
		}
		assertThat(get("/fhir/Patient?name=100%25").status()).as("a '%' written %25").startsWith("HTTP/1.1 200");
		assertThat(QueryEncodingFilter.wellEscaped("a=%C3%A9&b=%7c")).isTrue();
	}

	private Wire get(String path) throws IOException {
		String token = FhirTestSupport.token(port, "physician");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/fhir+json\r\n"
					+ "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return Wire.parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		return all.toByteArray();
	}

	/**
	 * A raw HTTP/1.1 response: status line, headers as received, body bytes as framed.
	 */
	record Wire(String status, String headers, byte[] body) {

		static Wire parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = text.substring(0, end);
			byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
			return new Wire(head.substring(0, head.indexOf("\r\n")), head, body);
		}

		String header(String name) {
			for (String line : headers.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(name)) {
					return line.substring(colon + 1).strip();
				}
			}
			return null;
		}

	}

}
