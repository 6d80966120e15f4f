package org.continuum.dicom.net;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a local application entity: its AE title, maximum received PDU
 * length (PS3.8 §D.1), the ARTIM and idle timers (PS3.8 §9.1.5), the bound on concurrent
 * associations, which peers are known (for calling-AE checks and C-MOVE destinations),
 * how user identities are verified (PS3.7 §D.3.3.7), and an optional TLS context (PS3.15
 * §B.1) with, for an acceptor, whether callers must present a certificate it trusts
 * ({@code needClientAuth}). Change with the {@code with…} methods.
 */
public record AssociationSettings(String aeTitle, int maxPduLength, Duration artimTimeout, Duration idleTimeout,
		Duration connectTimeout, int maxAssociations, Map<String, RemoteAe> knownPeers, boolean acceptUnknownCallingAe,
		boolean checkCalledAeTitle, @Nullable BiPredicate<String, String> userIdentityVerifier,
		@Nullable SSLContext sslContext, @Nullable Predicate<String> callingAeCheck, boolean needClientAuth) {

	public AssociationSettings {
		if (aeTitle == null || aeTitle.isBlank() || aeTitle.length() > 16) {
			throw new IllegalArgumentException("AE title must be 1-16 characters: '" + aeTitle + "'");
		}
		if (maxPduLength != 0 && maxPduLength < 4096) {
			throw new IllegalArgumentException("max PDU length must be 0 or at least 4096: " + maxPduLength);
		}
		if (maxAssociations < 1) {
			throw new IllegalArgumentException("max associations must be positive: " + maxAssociations);
		}
		knownPeers = Map.copyOf(knownPeers);
	}

	/** The settings without client authentication, as before that setting existed. */
	public AssociationSettings(String aeTitle, int maxPduLength, Duration artimTimeout, Duration idleTimeout,
			Duration connectTimeout, int maxAssociations, Map<String, RemoteAe> knownPeers,
			boolean acceptUnknownCallingAe, boolean checkCalledAeTitle,
			@Nullable BiPredicate<String, String> userIdentityVerifier, @Nullable SSLContext sslContext,
			@Nullable Predicate<String> callingAeCheck) {
		this(aeTitle, maxPduLength, artimTimeout, idleTimeout, connectTimeout, maxAssociations, knownPeers,
				acceptUnknownCallingAe, checkCalledAeTitle, userIdentityVerifier, sslContext, callingAeCheck, false);
	}

	public static AssociationSettings defaults(String aeTitle) {
		return new AssociationSettings(aeTitle, 65536, Duration.ofSeconds(30), Duration.ofMinutes(5),
				Duration.ofSeconds(10), 50, Map.of(), true, false, null, null, null, false);
	}

	public AssociationSettings withMaxPduLength(int value) {
		return new AssociationSettings(aeTitle, value, artimTimeout, idleTimeout, connectTimeout, maxAssociations,
				knownPeers, acceptUnknownCallingAe, checkCalledAeTitle, userIdentityVerifier, sslContext,
				callingAeCheck, needClientAuth);
	}

	public AssociationSettings withTimeouts(Duration artim, Duration idle) {
		return new AssociationSettings(aeTitle, maxPduLength, artim, idle, connectTimeout, maxAssociations, knownPeers,
				acceptUnknownCallingAe, checkCalledAeTitle, userIdentityVerifier, sslContext, callingAeCheck,
				needClientAuth);
	}

	public AssociationSettings withMaxAssociations(int value) {
		return new AssociationSettings(aeTitle, maxPduLength, artimTimeout, idleTimeout, connectTimeout, value,
				knownPeers, acceptUnknownCallingAe, checkCalledAeTitle, userIdentityVerifier, sslContext,
				callingAeCheck, needClientAuth);
	}

	/**
	 * Known peers; with {@code acceptUnknown == false} only they may call (PS3.8
	 * §7.1.1.3).
	 */
	public AssociationSettings withKnownPeers(Map<String, RemoteAe> peers, boolean acceptUnknown) {
		return new AssociationSettings(aeTitle, maxPduLength, artimTimeout, idleTimeout, connectTimeout,
				maxAssociations, peers, acceptUnknown, checkCalledAeTitle, userIdentityVerifier, sslContext,
				callingAeCheck, needClientAuth);
	}

	public AssociationSettings withCalledAeTitleCheck(boolean value) {
		return new AssociationSettings(aeTitle, maxPduLength, artimTimeout, idleTimeout, connectTimeout,
				maxAssociations, knownPeers, acceptUnknownCallingAe, value, userIdentityVerifier, sslContext,
				callingAeCheck, needClientAuth);
	}

	/** Requires a user identity (username, passcode) that the verifier accepts. */
	public AssociationSettings withUserIdentityVerifier(BiPredicate<String, String> verifier) {
		return new AssociationSettings(aeTitle, maxPduLength, artimTimeout, idleTimeout, connectTimeout,
				maxAssociations, knownPeers, acceptUnknownCallingAe, checkCalledAeTitle, verifier, sslContext,
				callingAeCheck, needClientAuth);
	}

	public AssociationSettings withTls(@Nullable SSLContext context) {
		return new AssociationSettings(aeTitle, maxPduLength, artimTimeout, idleTimeout, connectTimeout,
				maxAssociations, knownPeers, acceptUnknownCallingAe, checkCalledAeTitle, userIdentityVerifier, context,
				callingAeCheck, needClientAuth);
	}

	/**
	 * Whether a TLS acceptor requires each caller to present a certificate that the TLS
	 * context's trust managers trust (PS3.15 §B.1: the peers authenticate each other); a
	 * caller without one fails the TLS handshake, before any association is negotiated.
	 * Without TLS it has no effect.
	 */
	public AssociationSettings withNeedClientAuth(boolean value) {
		return new AssociationSettings(aeTitle, maxPduLength, artimTimeout, idleTimeout, connectTimeout,
				maxAssociations, knownPeers, acceptUnknownCallingAe, checkCalledAeTitle, userIdentityVerifier,
				sslContext, callingAeCheck, value);
	}

	/**
	 * Decides, at each association request, which calling AE titles may associate (PS3.8
	 * §7.1.1.3), instead of the fixed known peers: for a directory of peers that changes
	 * while the acceptor runs. A title it refuses gets A-ASSOCIATE-RJ "calling AE title
	 * not recognized".
	 */
	public AssociationSettings withCallingAeCheck(Predicate<String> check) {
		return new AssociationSettings(aeTitle, maxPduLength, artimTimeout, idleTimeout, connectTimeout,
				maxAssociations, knownPeers, acceptUnknownCallingAe, checkCalledAeTitle, userIdentityVerifier,
				sslContext, check, needClientAuth);
	}

	/**
	 * Whether this calling AE title may associate: the check when one is set, else a
	 * known peer or any caller when unknown callers are accepted.
	 */
	public boolean acceptsCallingAe(String callingAeTitle) {
		if (callingAeCheck != null) {
			return callingAeCheck.test(callingAeTitle);
		}
		return acceptUnknownCallingAe || knownPeers.containsKey(callingAeTitle);
	}

	public Optional<RemoteAe> peer(String aeTitle) {
		return Optional.ofNullable(knownPeers.get(aeTitle));
	}
}
