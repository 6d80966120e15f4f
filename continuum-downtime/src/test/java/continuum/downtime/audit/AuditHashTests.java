package continuum.downtime.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry hash is the protocol's: length-prefixed UTF-8 fields, null as empty. */
class AuditHashTests {

	@Test
	void hashesLengthPrefixedUtf8FieldsInProtocolOrder() throws Exception {
		String previous = AuditHash.GENESIS;
		String expectedInput = "64:" + previous + "1:7" + "24:2026-12-06T03:04:05.006Z" + "5:nurse" + "4:READ"
				+ "7:Patient" + "2:42" + "2:42" + "7:SUCCESS" + "9:summary é".replace("9:", "10:");
		String expected = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(expectedInput.getBytes(StandardCharsets.UTF_8)));
		assertThat(AuditHash.of(previous, 7, "2026-12-06T03:04:05.006Z", "nurse", "READ", "Patient", "42", "42",
				"SUCCESS", "summary é"))
			.isEqualTo(expected);
	}

	@Test
	void nullFieldsCountAsEmptyAndStillSeparate() throws Exception {
		String expectedInput = "1:a" + "1:1" + "1:t" + "0:" + "5:LOGIN" + "0:" + "0:" + "0:" + "7:FAILURE" + "0:";
		String expected = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(expectedInput.getBytes(StandardCharsets.UTF_8)));
		assertThat(AuditHash.of("a", 1, "t", null, "LOGIN", null, null, null, "FAILURE", null)).isEqualTo(expected);
	}

}
