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

	/**
	 * A verified token; {@code grant} and {@code client} name the SMART app's grant it
	 * was issued under, if any.
	 */
	private record Verified(Authentication authentication, int credentialsVersion, Instant expires,
			Instant accountChecked, @Nullable UUID grant, @Nullable String client) {
	}

	/** The claim naming the SMART app grant a token was issued under. */
	private static final String GRANT = "grant";

	/** The claim naming the patient in an app's launch context. */
	private static final String PATIENT = "patient";

	/** The authority that carries a token's patient context. */
	static final String PATIENT_AUTHORITY = "PATIENT_";

	private final AppGrantRepository grants;

	TokenService(StaffRepository staff, SigningKeys keys, Clock clock, SecuritySettings settings,
			AppGrantRepository grants) {
		this.grants = grants;
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
		return sign(username, role, scopes, credentialsVersion, null);
	}

	/**
	 * A token for a SMART app under the user's grant: it names the app
	 * ({@code client_id}, RFC 9068 §2.2), the grant, and the patient in context, and ends
	 * when the grant is revoked.
	 */
	IssuedToken issueForApp(AppGrant grant, Role role, List<String> scopes) {
		return sign(grant.username(), role, scopes, grant.credentialsVersion(), grant);
	}

	private IssuedToken sign(String username, Role role, List<String> scopes, int credentialsVersion,
			@Nullable AppGrant grant) {
		ECKey key = keys.signingKey();
		Instant now = clock.instant();
		Instant expires = now.plus(settings.tokenLifetime());
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		if (grant != null) {
			builder.claim("client_id", grant.clientId()).claim(GRANT, grant.id().toString());
			if (grant.patientId() != null) {
				builder.claim(PATIENT, grant.patientId());
			}
		}
		JWTClaimsSet claims = builder.issuer(ISSUER)
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
						cached.credentialsVersion(), cached.grant());
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
				verified.put(token, new Verified(cached.authentication(), cached.credentialsVersion(), cached.expires(),
						now, cached.grant(), cached.client()));
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
			String patient = claims.getStringClaim(PATIENT);
			if (patient != null) {
				authorities.add(new SimpleGrantedAuthority(PATIENT_AUTHORITY + patient));
			}
			String grantClaim = claims.getStringClaim(GRANT);
			UUID grant = grantClaim == null ? null : UUID.fromString(grantClaim);
			Integer version = claims.getIntegerClaim(CREDENTIALS_VERSION);
			int credentialsVersion = version == null ? 1 : version;
			if (!accountCurrent(claims.getSubject(), credentialsVersion, grant)) {
				return Optional.empty();
			}
			return Optional.of(new Verified(
					UsernamePasswordAuthenticationToken.authenticated(claims.getSubject(), null, authorities),
					credentialsVersion, claims.getExpirationTime().toInstant(), clock.instant(), grant,
					claims.getStringClaim("client_id")));
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

	/** The app grant a valid access token was issued under, if any. */
	Optional<UUID> grantOf(String token) {
		return verify(token).map(Verified::grant);
	}

	/**
	 * Ends, on this node, every token issued under the app grant (revoked). Other nodes
	 * refuse them within {@link #ACCOUNT_RECHECK}.
	 */
	void forgetGrant(UUID grant) {
		verified.values().removeIf(v -> grant.equals(v.grant()));
	}

	/** Ends, on this node, every token of the app (removed). */
	void forgetClient(String clientId) {
		verified.values().removeIf(v -> clientId.equals(v.client()));
	}

	private boolean accountCurrent(String username, int credentialsVersion, @Nullable UUID grant) {
		return staff.enabledAtVersion(username, credentialsVersion)
				&& (grant == null || grants.active(grant, clock.instant()));
	}

	/** Whether the account is current, or null when the database cannot be reached. */
	private @Nullable Boolean accountCurrentIfReachable(String username, int credentialsVersion, @Nullable UUID grant) {
		try {
			return accountCurrent(username, credentialsVersion, grant);
		}
		catch (DataAccessException ex) {
			return null;
		}
	}

}
