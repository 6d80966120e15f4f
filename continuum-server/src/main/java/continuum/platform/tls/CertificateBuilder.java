package continuum.platform.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issues X.509 v3 certificates (RFC 5280) signed with ECDSA P-256 and SHA-256 (RFC 5758
 * §3.2), encoded with {@link Der}: a CA certificate (basic constraints CA with path
 * length 0, key usage keyCertSign and cRLSign) or a TLS end-entity certificate (key usage
 * digitalSignature, extended key usage serverAuth and clientAuth, subject alternative
 * names). The JDK parses each result back, so a malformed encoding fails here.
 */
final class CertificateBuilder {

	private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

	private static final SecureRandom RANDOM = new SecureRandom();

	private CertificateBuilder() {
	}

	/** A self-signed CA certificate for this key pair. */
	static X509Certificate authority(String commonName, KeyPair keys, Instant notBefore, Instant notAfter) {
		byte[] name = name(commonName);
		byte[] extensions = Der.sequence(
				extension("2.5.29.19", true, Der.sequence(Der.bool(true), Der.integer(BigInteger.ZERO))),
				// keyCertSign (bit 5) and cRLSign (bit 6): 0b0000_0110, one padding bit.
				extension("2.5.29.15", true, Der.bitString(new byte[] { 0x06 }, 1)),
				extension("2.5.29.14", false, Der.octetString(keyIdentifier(keys.getPublic()))));
		return sign(tbs(name, name, keys.getPublic(), notBefore, notAfter, extensions), keys);
	}

	/**
	 * An end-entity TLS certificate for {@code subjectKey}, naming these DNS names and IP
	 * addresses, signed by the CA's key.
	 */
	static X509Certificate server(String commonName, PublicKey subjectKey, List<String> dnsNames,
			List<InetAddress> addresses, X509Certificate authority, KeyPair authorityKeys, Instant notBefore,
			Instant notAfter) {
		List<byte[]> alternativeNames = new ArrayList<>();
		for (String dns : dnsNames) {
			alternativeNames.add(Der.implicit(2, dns.getBytes(StandardCharsets.US_ASCII)));
		}
		for (InetAddress address : addresses) {
			alternativeNames.add(Der.implicit(7, address.getAddress()));
		}
		byte[] extensions = Der.sequence(extension("2.5.29.19", true, Der.sequence()),
				// digitalSignature (bit 0): 0b1000_0000, seven padding bits.
				extension("2.5.29.15", true, Der.bitString(new byte[] { (byte) 0x80 }, 7)),
				extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"), Der.oid("1.3.6.1.5.5.7.3.2"))),
				extension("2.5.29.17", false, Der.sequence(alternativeNames.toArray(byte[][]::new))),
				extension("2.5.29.14", false, Der.octetString(keyIdentifier(subjectKey))),
				extension("2.5.29.35", false, Der.sequence(Der.implicit(0, keyIdentifier(authorityKeys.getPublic())))));
		byte[] issuer = authority.getSubjectX500Principal().getEncoded();
		return sign(tbs(issuer, name(commonName), subjectKey, notBefore, notAfter, extensions), authorityKeys);
	}

	private static byte[] tbs(byte[] issuer, byte[] subject, PublicKey subjectKey, Instant notBefore, Instant notAfter,
			byte[] extensions) {
		// A positive serial of at most 20 octets with 159 random bits (RFC 5280
		// §4.1.2.2).
		BigInteger serial = new BigInteger(159, RANDOM).setBit(0);
		return Der.sequence(Der.explicit(0, Der.integer(BigInteger.TWO)), Der.integer(serial),
				Der.sequence(Der.oid(ECDSA_WITH_SHA256)), issuer,
				Der.sequence(Der.time(notBefore.atZone(ZoneOffset.UTC)), Der.time(notAfter.atZone(ZoneOffset.UTC))),
				subject, subjectKey.getEncoded(), Der.explicit(3, extensions));
	}

	private static X509Certificate sign(byte[] tbs, KeyPair signer) {
		try {
			Signature signature = Signature.getInstance("SHA256withECDSA");
			signature.initSign(signer.getPrivate(), RANDOM);
			signature.update(tbs);
			byte[] certificate = Der.sequence(tbs, Der.sequence(Der.oid(ECDSA_WITH_SHA256)),
					Der.bitString(signature.sign(), 0));
			X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(certificate));
			parsed.verify(signer.getPublic());
			return parsed;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The certificate could not be signed (" + ex.getClass().getName() + ")",
					ex);
		}
	}

	private static byte[] name(String commonName) {
		return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(commonName))));
	}

	private static byte[] extension(String oid, boolean critical, byte[] value) {
		return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
				: Der.sequence(Der.oid(oid), Der.octetString(value));
	}

	/** The key identifier: SHA-256 of the subject public key info, cut to 160 bits. */
	private static byte[] keyIdentifier(PublicKey key) {
		try {
			return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 20);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
