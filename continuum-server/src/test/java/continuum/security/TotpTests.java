package continuum.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP against the test vectors of RFC 6238 Appendix B (8 digits, SHA-1, SHA-256 and
 * SHA-512 with their seeds), the 6-digit codes of authenticator apps, the one-step
 * tolerance either side and the refusal of a step used before; base32 against RFC 4648
 * §10.
 */
class TotpTests {

	private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA512_SEED = ("1234567890".repeat(6) + "1234").getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@CsvSource({ "59, 94287082, 46119246, 90693936", "1111111109, 07081804, 68084774, 25091201",
			"1111111111, 14050471, 67062674, 99943326", "1234567890, 89005924, 91819424, 93441116",
			"2000000000, 69279037, 90698825, 38618901", "20000000000, 65353130, 77737706, 47863826" })
	void matchesTheVectorsOfRfc6238AppendixB(long seconds, String sha1, String sha256, String sha512) {
		long step = Totp.step(Instant.ofEpochSecond(seconds));
		assertThat(Totp.code(SHA1_SEED, step, "HmacSHA1", 8)).isEqualTo(sha1);
		assertThat(Totp.code(SHA256_SEED, step, "HmacSHA256", 8)).isEqualTo(sha256);
		assertThat(Totp.code(SHA512_SEED, step, "HmacSHA512", 8)).isEqualTo(sha512);
		assertThat(Totp.code(SHA1_SEED, step)).as("six digits: the same number, modulo a million")
			.isEqualTo(sha1.substring(2));
	}

	@Test
	void acceptsOneStepEitherSideAndNoFurther() {
		Instant now = Instant.ofEpochSecond(1111111111);
		long step = Totp.step(now);
		for (long offset = -1; offset <= 1; offset++) {
			assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step + offset), now, Long.MIN_VALUE))
				.hasValue(step + offset);
		}
		assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step - 2), now, Long.MIN_VALUE)).isEmpty();
		assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step + 2), now, Long.MIN_VALUE)).isEmpty();
	}

	@Test
	void refusesACodeOfAStepUsedBeforeOrEarlier() {
		Instant now = Instant.ofEpochSecond(1234567890);
		long step = Totp.step(now);
		String code = Totp.code(SHA1_SEED, step);
		assertThat(Totp.match(SHA1_SEED, code, now, step - 1)).hasValue(step);
		assertThat(Totp.match(SHA1_SEED, code, now, step)).as("used once").isEmpty();
		assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step - 1), now, step)).as("older").isEmpty();
		assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step + 1), now, step)).hasValue(step + 1);
	}

	@Test
	void refusesWhatIsNotSixDigits() {
		Instant now = Instant.ofEpochSecond(59);
		String code = Totp.code(SHA1_SEED, Totp.step(now));
		assertThat(Totp.match(SHA1_SEED, "94287082", now, Long.MIN_VALUE)).as("eight digits").isEmpty();
		assertThat(Totp.match(SHA1_SEED, code.substring(1), now, Long.MIN_VALUE)).isEmpty();
		assertThat(Totp.match(SHA1_SEED, "28708a", now, Long.MIN_VALUE)).isEmpty();
		assertThat(Totp.match(SHA1_SEED, "", now, Long.MIN_VALUE)).isEmpty();
	}

	@Test
	void stepsAreThirtySecondsFromTheEpoch() {
		assertThat(Totp.step(Instant.ofEpochSecond(0))).isZero();
		assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
		assertThat(Totp.step(Instant.ofEpochSecond(30))).isEqualTo(1);
		assertThat(Totp.step(Instant.ofEpochSecond(59))).isEqualTo(1);
	}

	@ParameterizedTest
	@CsvSource({ "'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB",
			"foobar, MZXW6YTBOI" })
	void encodesBase32AsRfc4648WithoutPadding(String text, String base32) {
		assertThat(Base32.encode(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(base32);
	}

}
