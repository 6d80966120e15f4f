package continuum.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.stereotype.Component;

/**
 * Checks a client's authentication JWT (RFC 7523 §3, SMART Backend Services): signed with
 * ES256/ES384/ES512 or RS256/RS384/RS512 under a key the client registered ({@code kid}
 * in the header, or its only key), {@code iss} and {@code sub} both the client's id,
 * {@code aud} the token endpoint's URL, {@code exp} in the future and at most five
 * minutes away, and a {@code jti} the client has not used before (remembered in the
 * database until it expires, so on every node).
 */
@Component
class ClientAssertions {

	/** RFC 7523 §2.2. */
	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	/** The longest an assertion may live (SMART Backend Services). */
	static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

	/** How far the client's clock may be ahead of ours. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

	private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

	private final SystemClientRepository clients;

	private final Clock clock;

	ClientAssertions(SystemClientRepository clients, Clock clock) {
		this.clients = clients;
		this.clock = clock;
	}

	/**
	 * The registered client the assertion authenticates.
	 * @throws InvalidClientException saying why it does not
	 */
	SystemClient verify(String assertion, String tokenUrl) {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(assertion);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new InvalidClientException("the client assertion is not a signed JWT");
		}
		JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
		if (!EC.contains(algorithm) && !RSA.contains(algorithm)) {
			throw new InvalidClientException(
					"the client assertion's algorithm is not one of ES256, ES384, ES512, " + "RS256, RS384, RS512");
		}
		String clientId = claims.getIssuer();
		if (clientId == null || clientId.length() > 64 || !clientId.equals(claims.getSubject())) {
			throw new InvalidClientException("the client assertion's iss and sub must both be the client's id");
		}
		SystemClient client = clients.find(clientId)
			.orElseThrow(() -> new InvalidClientException("no system client is registered as " + clientId));
		if (!jwt.getState().equals(SignedJWT.State.SIGNED) || !verified(jwt, key(client, jwt), algorithm)) {
			throw new InvalidClientException(
					"the client assertion's signature does not verify with a key " + "registered for " + clientId);
		}
		List<String> audience = claims.getAudience();
		if (audience == null || !audience.contains(tokenUrl)) {
			throw new InvalidClientException("the client assertion's aud must be " + tokenUrl);
		}
		Instant now = clock.instant();
		if (claims.getExpirationTime() == null) {
			throw new InvalidClientException("the client assertion has no exp");
		}
		Instant expires = claims.getExpirationTime().toInstant();
		if (!expires.isAfter(now)) {
			throw new InvalidClientException("the client assertion has expired");
		}
		if (expires.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
			throw new InvalidClientException("the client assertion's exp is more than five minutes away");
		}
		if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
			throw new InvalidClientException("the client assertion is not valid yet (nbf)");
		}
		String jti = claims.getJWTID();
		if (jti == null || jti.isBlank() || jti.length() > 255) {
			throw new InvalidClientException("the client assertion needs a jti of at most 255 characters");
		}
		if (!clients.firstUse(clientId, jti, expires, now)) {
			throw new InvalidClientException("the client assertion's jti was used before");
		}
		return client;
	}

	private static JWK key(SystemClient client, SignedJWT jwt) {
		try {
			JWKSet keys = JWKSet.parse(client.jwks());
			String kid = jwt.getHeader().getKeyID();
			JWK key = kid != null ? keys.getKeyByKeyId(kid) : keys.getKeys().size() == 1 ? keys.getKeys().get(0) : null;
			if (key == null) {
				throw new InvalidClientException(
						kid != null ? "no key " + kid + " is registered for " + client.clientId()
								: "the client assertion names no kid, and " + client.clientId() + " has several keys");
			}
			return key;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The keys registered for " + client.clientId() + " are unreadable", ex);
		}
	}

	private static boolean verified(SignedJWT jwt, JWK key, JWSAlgorithm algorithm) {
		try {
			JWSVerifier verifier;
			if (EC.contains(algorithm) && key instanceof ECKey ec) {
				verifier = new ECDSAVerifier(ec.toECPublicKey());
			}
			else if (RSA.contains(algorithm) && key instanceof RSAKey rsa) {
				verifier = new RSASSAVerifier(rsa.toRSAPublicKey());
			}
			else {
				return false;
			}
			return verifier.supportedJWSAlgorithms().contains(algorithm) && jwt.verify(verifier);
		}
		catch (JOSEException ex) {
			return false;
		}
	}

}
