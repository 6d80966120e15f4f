package continuum.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The keys of API tokens (ES256, RFC 7518 §3.4): this node signs with a private key of
 * its own, kept in its data directory ({@link NodeSigningKeyFile}) and replaced every
 * {@link SigningKeySettings#rotation()}; every node verifies with the public keys all
 * nodes publish in the database ({@link SigningKeyRepository}), found by the token
 * header's {@code kid} (the key's RFC 7638 thumbprint). A key verifies tokens until the
 * last one it signed has expired, then is removed. The database never holds a key that
 * signs, so a copy of it (a backup, the application's role) cannot forge a token.
 */
class SigningKeys {

	static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

	private final NodeSigningKeyFile file;

	private final SigningKeyRepository keys;

	private final Clock clock;

	private final Duration rotation;

	private final Duration tokenLifetime;

	private final String node;

	private @Nullable ECKey current;

	/** Public keys already read, by kid, with the moment their node stopped signing. */
	private final Map<String, Verifying> verifying = new ConcurrentHashMap<>();

	private record Verifying(ECKey key, Instant signsUntil) {
	}

	SigningKeys(NodeSigningKeyFile file, SigningKeyRepository keys, Clock clock, SigningKeySettings settings,
			Duration tokenLifetime) {
		this.file = file;
		this.keys = keys;
		this.clock = clock;
		this.rotation = settings.rotation();
		this.tokenLifetime = tokenLifetime;
		this.node = hostName();
	}

	/**
	 * The private key to sign with now (its {@code kid} set): the one in the data
	 * directory, or a new one when there is none or its time is up.
	 */
	synchronized ECKey signingKey() {
		Instant now = clock.instant();
		if (current == null) {
			current = file.read().orElse(null);
			if (current != null) {
				publish(current);
			}
		}
		if (current == null || !current.getExpirationTime().toInstant().isAfter(now)) {
			current = generate(now);
			file.write(current);
			publish(current);
			keys.removeRetiredBefore(now.minus(tokenLifetime));
		}
		return current;
	}

	/**
	 * The public key with this id, if it is known and may have signed a token that
	 * expires at {@code tokenExpires}: its node stopped signing with it no longer than a
	 * token's lifetime before that.
	 */
	Optional<ECKey> verificationKey(String kid, Instant tokenExpires) {
		Verifying known = verifying.get(kid);
		if (known == null) {
			known = keys.find(kid).flatMap(SigningKeys::parse).orElse(null);
			if (known == null) {
				return Optional.empty();
			}
			verifying.put(kid, known);
		}
		Instant lastExpiry = known.signsUntil().plus(tokenLifetime);
		if (tokenExpires.isAfter(lastExpiry) || !clock.instant().isBefore(lastExpiry)) {
			return Optional.empty();
		}
		return Optional.of(known.key());
	}

	/**
	 * The JWK Set (RFC 7517 §5) of every key whose tokens may still be valid, public
	 * parts only; this node's own key among them, made now if it has none yet.
	 */
	JWKSet publicKeys() {
		signingKey();
		List<JWK> published = new ArrayList<>();
		for (SigningKeyRepository.PublicKey key : keys.signingAfter(clock.instant().minus(tokenLifetime))) {
			parse(key).ifPresent(v -> published.add(v.key()));
		}
		return new JWKSet(published);
	}

	private ECKey generate(Instant now) {
		Instant start = now.truncatedTo(ChronoUnit.SECONDS);
		try {
			ECKey fresh = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
				.algorithm(ALGORITHM)
				.issueTime(Date.from(start))
				.expirationTime(Date.from(start.plus(rotation)))
				.generate();
			return new ECKey.Builder(fresh).keyID(fresh.computeThumbprint().toString()).build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a P-256 key pair", ex);
		}
	}

	private void publish(ECKey key) {
		ECKey published = publicPart(key);
		keys.publish(new SigningKeyRepository.PublicKey(key.getKeyID(), published.toJSONString(),
				key.getIssueTime().toInstant(), key.getExpirationTime().toInstant()), node);
		verifying.put(key.getKeyID(), new Verifying(published, key.getExpirationTime().toInstant()));
	}

	/** The public half alone, with its id, use and algorithm, and nothing else. */
	private static ECKey publicPart(ECKey key) {
		return new ECKey.Builder(key.getCurve(), key.getX(), key.getY()).keyID(key.getKeyID())
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(ALGORITHM)
			.build();
	}

	private static Optional<Verifying> parse(SigningKeyRepository.PublicKey row) {
		try {
			ECKey key = ECKey.parse(row.jwk());
			if (key.isPrivate() || !Curve.P_256.equals(key.getCurve()) || !row.kid().equals(key.getKeyID())) {
				return Optional.empty();
			}
			return Optional.of(new Verifying(publicPart(key), row.signsUntil()));
		}
		catch (ParseException ex) {
			return Optional.empty();
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
