package continuum.downtime.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * The node's own key pair (EC P-384), with which it authenticates to the server as a
 * system client (SMART Backend Services, RFC 7523): the private key in
 * {@code client-key.pem} (PKCS#8, readable by the node's user alone, 0600), the public
 * key in {@code client-key.pub.pem} (X.509 SubjectPublicKeyInfo), both in the data
 * directory and made on first use. The operator registers the public key with the server
 * ({@code ./continuum downtime public-key}, then {@code ./continuum client register}).
 * Assertions are ES384 JWTs made with the JDK alone.
 */
public final class ClientKey {

	/** How long an assertion lives: well under the five minutes the server allows. */
	static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(2);

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	private ClientKey(PrivateKey privateKey, PublicKey publicKey) {
		this.privateKey = privateKey;
		this.publicKey = publicKey;
	}

	/** The key pair in the data directory, made now if there is none. */
	public static ClientKey in(Path dataDir) {
		Path privateFile = dataDir.resolve("client-key.pem");
		Path publicFile = dataDir.resolve("client-key.pub.pem");
		try {
			if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
				generator.initialize(new ECGenParameterSpec("secp384r1"));
				KeyPair pair = generator.generateKeyPair();
				Files.createDirectories(dataDir.toAbsolutePath());
				write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
				write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
			}
			KeyFactory ec = KeyFactory.getInstance("EC");
			return new ClientKey(ec.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile)))),
					ec.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicFile)))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The node's client key in " + dataDir + " cannot be read or written", ex);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("The node's client key in " + dataDir + " is not an EC key pair", ex);
		}
	}

	/** The public key as PEM, to register with the server. */
	public String publicKeyPem() {
		return pem("PUBLIC KEY", publicKey.getEncoded());
	}

	/**
	 * The key's id as the server computes it (RFC 7638 thumbprint of the public JWK), so
	 * that the header names the registered key.
	 */
	String kid() {
		java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) publicKey;
		String jwk = "{\"crv\":\"P-384\",\"kty\":\"EC\",\"x\":\""
				+ URL.encodeToString(coordinate(ec.getW().getAffineX())) + "\",\"y\":\""
				+ URL.encodeToString(coordinate(ec.getW().getAffineY())) + "\"}";
		try {
			return URL
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No SHA-256", ex);
		}
	}

	/**
	 * A client assertion (RFC 7523 §3): {@code iss} and {@code sub} the client id,
	 * {@code aud} the token URL, a fresh {@code jti}, signed ES384.
	 */
	String assertion(String clientId, String tokenUrl, Instant now) {
		String header = "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":\"" + kid() + "\"}";
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("iss", clientId);
		fields.put("sub", clientId);
		fields.put("aud", tokenUrl);
		fields.put("iat", now.getEpochSecond());
		fields.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
		fields.put("jti", UUID.randomUUID().toString());
		String claims = JSON.writeValueAsString(fields);
		String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		try {
			// JWS wants the signature as R || S (RFC 7518 §3.4), which the P1363 format
			// is.
			Signature signer = Signature.getInstance("SHA384withECDSAinP1363Format");
			signer.initSign(privateKey);
			signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + URL.encodeToString(signer.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot sign the client assertion", ex);
		}
	}

	/** A P-384 coordinate as 48 unsigned big-endian bytes (RFC 7518 §6.2.1.2). */
	private static byte[] coordinate(java.math.BigInteger value) {
		byte[] bytes = value.toByteArray();
		byte[] fixed = new byte[48];
		int copy = Math.min(bytes.length, 48);
		System.arraycopy(bytes, bytes.length - copy, fixed, 48 - copy, copy);
		return fixed;
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static byte[] der(String pem) {
		return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
	}

	private static void write(Path file, String content, boolean secret) throws IOException {
		Path next = file.resolveSibling(file.getFileName() + ".next");
		Files.deleteIfExists(next);
		if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(next);
		}
		Files.writeString(next, content, StandardCharsets.US_ASCII);
		Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
