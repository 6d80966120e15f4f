package continuum.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import continuum.platform.InvalidInputException;

/**
 * The public keys a system client registers, given as a PEM public key
 * ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo) or a JWK Set (RFC
 * 7517), kept as a JWK Set of public members only, each key with its RFC 7638 thumbprint
 * as {@code kid} when it has none. EC keys on P-256, P-384 or P-521 and RSA keys of at
 * least 2048 bits (SMART Backend Services: ES384 and RS384); a private member is refused,
 * so that a private key pasted by mistake is never stored.
 */
final class ClientPublicKeys {

	private static final int MIN_RSA_BITS = 2048;

	private ClientPublicKeys() {
	}

	/**
	 * The keys as a public JWK Set's JSON; {@link InvalidInputException} if they are not.
	 */
	static String parse(String text) {
		String trimmed = text.strip();
		List<JWK> keys = new ArrayList<>();
		if (trimmed.startsWith("-----BEGIN PUBLIC KEY-----")) {
			keys.add(fromPem(trimmed));
		}
		else if (trimmed.startsWith("{")) {
			try {
				JWKSet set = trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed) : new JWKSet(JWK.parse(trimmed));
				for (JWK key : set.getKeys()) {
					if (key.isPrivate()) {
						throw new InvalidInputException("The key set holds a private key: register the public key only "
								+ "and keep the private one with the client");
					}
					keys.add(key);
				}
			}
			catch (ParseException ex) {
				throw new InvalidInputException("Not a JWK Set: " + ex.getMessage());
			}
		}
		else if (trimmed.startsWith("-----BEGIN")) {
			throw new InvalidInputException(
					"Give the public key only (-----BEGIN PUBLIC KEY-----), never a private " + "key or a certificate");
		}
		else {
			throw new InvalidInputException("Give a PEM public key (-----BEGIN PUBLIC KEY-----) or a JWK Set");
		}
		if (keys.isEmpty()) {
			throw new InvalidInputException("The key set holds no key");
		}
		List<JWK> published = new ArrayList<>();
		for (JWK key : keys) {
			published.add(checked(key));
		}
		return new JWKSet(published).toString(true);
	}

	private static JWK fromPem(String pem) {
		String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
			.replace("-----END PUBLIC KEY-----", "")
			.replaceAll("\\s", "");
		byte[] der;
		try {
			der = Base64.getDecoder().decode(body);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("The PEM public key is not valid Base64");
		}
		for (String algorithm : List.of("EC", "RSA")) {
			try {
				PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
				if (key instanceof ECPublicKey ec) {
					return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
				}
				if (key instanceof RSAPublicKey rsa) {
					return new RSAKey.Builder(rsa).build();
				}
			}
			catch (GeneralSecurityException | NullPointerException ex) {
				// Not a key of this algorithm: try the next.
			}
		}
		throw new InvalidInputException("The PEM public key is neither an EC nor an RSA key");
	}

	private static JWK checked(JWK key) {
		try {
			if (key instanceof ECKey ec) {
				Curve curve = ec.getCurve();
				if (!Curve.P_256.equals(curve) && !Curve.P_384.equals(curve) && !Curve.P_521.equals(curve)) {
					throw new InvalidInputException("EC keys on P-256, P-384 or P-521 only, not " + curve);
				}
				ECKey.Builder builder = new ECKey.Builder(curve, ec.getX(), ec.getY()).keyUse(KeyUse.SIGNATURE);
				ECKey bare = builder.build();
				return builder.keyID(ec.getKeyID() != null ? ec.getKeyID() : bare.computeThumbprint().toString())
					.build();
			}
			if (key instanceof RSAKey rsa) {
				if (rsa.size() < MIN_RSA_BITS) {
					throw new InvalidInputException("RSA keys of at least " + MIN_RSA_BITS + " bits only");
				}
				RSAKey.Builder builder = new RSAKey.Builder(rsa.getModulus(), rsa.getPublicExponent())
					.keyUse(KeyUse.SIGNATURE);
				RSAKey bare = builder.build();
				return builder.keyID(rsa.getKeyID() != null ? rsa.getKeyID() : bare.computeThumbprint().toString())
					.build();
			}
		}
		catch (JOSEException ex) {
			throw new InvalidInputException("Cannot compute the key's thumbprint");
		}
		throw new InvalidInputException("EC or RSA keys only, not " + key.getKeyType());
	}

}
