package continuum.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Issues and checks short-lived API tokens: JWTs signed with ES256 under this node's key
 * and verified with the public key their header's {@code kid} names, whichever node
 * signed them ({@link SigningKeys}), carrying the role and the granted SMART scopes, and
 * the version of the account's credentials when it was issued. Only ES256 with a
 * {@code kid} is accepted: {@code alg=none}, HMAC (whatever its secret) and unknown or
 * retired keys are refused. A token of a disabled account, or one issued before the
 * account's password changed, is refused: at once on the node that made the change,
 * within {@link #ACCOUNT_RECHECK} on the others.
 */
@Component
class TokenService {

	private static final String ISSUER = "continuum";

	/**
	 * The audience of every token (RFC 9068 §3): this server's APIs. A token checked here
	 * must name it, and its header must say {@link #TYPE}, so that no other JWT signed by
	 * a key we trust (nor one of ours made for another purpose) passes as an access
	 * token.
	 */
	static final String AUDIENCE = "continuum-api";

	/** The header type of an access token (RFC 9068 §2.1). */
	static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

	/**
	 * The claim that carries the credentials' version; a token without it (issued before
	 * versions were counted) stands for the first.
	 */
	private static final String CREDENTIALS_VERSION = "cv";

	/** A token as handed to the client. */
	record IssuedToken(String value, long expiresInSeconds, List<String> scopes) {
	}

	private final StaffRepository staff;

	private final SigningKeys keys;

	private final Clock clock;

	private final SecuritySettings settings;

	/**
	 * Tokens already verified, until they expire: clients send the same token with every
	 * request.
	 */
	private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

	private static final int MAX_CACHED_TOKENS = 10_000;

	/**
	 * How long a verified token is accepted without looking again whether its account is
	 * still enabled and its password unchanged: the most a token outlives the disabling
	 * of its account, or a new password, on another node (on this one, {@link #forget}
	 * ends it at once).
	 */
	static final Duration ACCOUNT_RECHECK = Duration.ofSeconds(30);

	private record Verified(Authentication authentication, int credentialsVersion, Instant expires,
			Instant accountChecked) {
	}

	TokenService(StaffRepository staff, SigningKeys keys, Clock clock, SecuritySettings settings) {
		this.staff = staff;
		this.keys = keys;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * A token for the account, whose credentials are at {@code credentialsVersion}: read
	 * before the password was checked, so that a password changed in between ends the
	 * token too.
	 */
	IssuedToken issue(String username, Role role, List<String> scopes, int credentialsVersion) {
		ECKey key = keys.signingKey();
		Instant now = clock.instant();
		Instant expires = now.plus(settings.tokenLifetime());
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(username)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expires))
			.jwtID(UUID.randomUUID().toString())
			.claim("role", role.name())
			.claim("scope", String.join(" ", scopes))
			.claim(CREDENTIALS_VERSION, credentialsVersion)
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(SigningKeys.ALGORITHM).type(TYPE).keyID(key.getKeyID()).build(), claims);
		try {
			jwt.sign(new ECDSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign token", ex);
		}
		return new IssuedToken(jwt.serialize(), settings.tokenLifetime().toSeconds(), scopes);
	}

	/**
	 * The authentication a valid token stands for, or empty if it is malformed, forged or
	 * expired.
	 */
	Optional<Authentication> authenticate(String token) {
		Verified cached = verified.get(token);
		if (cached != null) {
			Instant now = clock.instant();
			if (!cached.expires().isAfter(now)) {
				verified.remove(token);
				return Optional.empty();
			}
			if (cached.accountChecked().plus(ACCOUNT_RECHECK).isBefore(now)) {
				Boolean current = accountCurrentIfReachable(cached.authentication().getName(),
						cached.credentialsVersion());
				if (current == null) {
					// The database is out: the token keeps its last known state, as
					// nobody
					// can disable an account or change a password meanwhile, and what
					// still answers in an outage (metrics, health) keeps answering.
					return Optional.of(cached.authentication());
				}
				if (!current) {
					verified.remove(token);
					return Optional.empty();
				}
				verified.put(token,
						new Verified(cached.authentication(), cached.credentialsVersion(), cached.expires(), now));
			}
			return Optional.of(cached.authentication());
		}
		Optional<Verified> checked = verify(token);
		checked.ifPresent(v -> {
			if (verified.size() >= MAX_CACHED_TOKENS) {
				verified.clear();
			}
			verified.put(token, v);
		});
		return checked.map(Verified::authentication);
	}

	private Optional<Verified> verify(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			String kid = jwt.getHeader().getKeyID();
			if (!SigningKeys.ALGORITHM.equals(jwt.getHeader().getAlgorithm()) || kid == null
					|| !TYPE.equals(jwt.getHeader().getType())) {
				return Optional.empty();
			}
			// The claims are read before the signature is checked only to find the
			// key's time window; nothing of them is trusted until it is checked.
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (claims.getExpirationTime() == null
					|| !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
				return Optional.empty();
			}
			Optional<ECKey> key = keys.verificationKey(kid, claims.getExpirationTime().toInstant());
			if (key.isEmpty() || !jwt.verify(new ECDSAVerifier(key.get()))) {
				return Optional.empty();
			}
			if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null
					|| !claims.getAudience().contains(AUDIENCE)) {
				return Optional.empty();
			}
			Role role = Role.valueOf(claims.getStringClaim("role"));
			List<GrantedAuthority> authorities = new ArrayList<>();
			authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
			authorities.add(new SimpleGrantedAuthority("TOKEN"));
			String scope = claims.getStringClaim("scope");
			if (scope != null && !scope.isBlank()) {
				for (String s : scope.split(" ")) {
					authorities.add(new SimpleGrantedAuthority("SCOPE_" + s));
				}
			}
			Integer version = claims.getIntegerClaim(CREDENTIALS_VERSION);
			int credentialsVersion = version == null ? 1 : version;
			if (!accountCurrent(claims.getSubject(), credentialsVersion)) {
				return Optional.empty();
			}
			return Optional.of(new Verified(
					UsernamePasswordAuthenticationToken.authenticated(claims.getSubject(), null, authorities),
					credentialsVersion, claims.getExpirationTime().toInstant(), clock.instant()));
		}
		catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Ends, on this node, every token of the account: called when it is disabled or its
	 * password changes. Other nodes refuse them within {@link #ACCOUNT_RECHECK}.
	 */
	void forget(String username) {
		verified.values().removeIf(v -> v.authentication().getName().equals(username));
	}

	private boolean accountCurrent(String username, int credentialsVersion) {
		return staff.enabledAtVersion(username, credentialsVersion);
	}

	/** Whether the account is current, or null when the database cannot be reached. */
	private @Nullable Boolean accountCurrentIfReachable(String username, int credentialsVersion) {
		try {
			return accountCurrent(username, credentialsVersion);
		}
		catch (DataAccessException ex) {
			return null;
		}
	}

}
