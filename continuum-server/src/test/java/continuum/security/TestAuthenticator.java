package continuum.security;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.web.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authenticator app for tests: takes the secret from the set-up page, answers codes as
 * the app would show them (each for a step after the last one used, since the server
 * accepts no step twice), and keeps the recovery codes the set-up showed.
 */
final class TestAuthenticator {

	private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7]+)<");

	private static final Pattern RECOVERY = Pattern
		.compile("<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>");

	private final byte[] secret;

	private long lastStep = Long.MIN_VALUE;

	private final List<String> recoveryCodes = new ArrayList<>();

	private TestAuthenticator(byte[] secret) {
		this.secret = secret;
	}

	/** The authenticator shown on a set-up page. */
	static TestAuthenticator fromPage(String page) {
		Matcher matcher = SECRET.matcher(page);
		assertThat(matcher.find()).as("a secret on the page").isTrue();
		return fromSecret(matcher.group(1));
	}

	/** The authenticator of a secret in base32, as typed into an app. */
	static TestAuthenticator fromSecret(String base32) {
		return new TestAuthenticator(decode(base32));
	}

	/**
	 * Sets up an authenticator for the user signed in on {@code session}, through their
	 * account page.
	 */
	static TestAuthenticator enrol(WebSession session) throws Exception {
		session.get("/account/second-factor");
		session.post("/account/second-factor/begin", Map.of());
		TestAuthenticator authenticator = fromPage(session.get("/account/second-factor").body());
		HttpResponse<String> confirmed = session.post("/account/second-factor/confirm",
				Map.of("code", authenticator.code()));
		assertThat(confirmed.statusCode()).isEqualTo(200);
		authenticator.keepRecoveryCodes(confirmed.body());
		return authenticator;
	}

	/** The code of the earliest step the server accepts now and has not seen. */
	String code() {
		long now = Totp.step(Instant.now());
		long step = Math.max(now, lastStep + 1);
		if (step > now + Totp.TOLERANCE) {
			throw new IllegalStateException("no unused step within the tolerance: the test uses too many codes");
		}
		lastStep = step;
		return Totp.code(secret, step);
	}

	/**
	 * A code of the step before the last one used: the server has seen it or a later one.
	 */
	String usedCode() {
		return Totp.code(secret, lastStep);
	}

	void keepRecoveryCodes(String page) {
		Matcher matcher = RECOVERY.matcher(page);
		while (matcher.find()) {
			recoveryCodes.add(matcher.group(1));
		}
	}

	List<String> recoveryCodes() {
		return recoveryCodes;
	}

	byte[] secret() {
		return secret;
	}

	private static byte[] decode(String base32) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : base32.toCharArray()) {
			buffer = buffer << 5 | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				bytes.write(buffer >> bits - 8 & 0xff);
				bits -= 8;
			}
		}
		return bytes.toByteArray();
	}

}
